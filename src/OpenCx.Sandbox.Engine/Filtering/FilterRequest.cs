namespace OpenCx.Sandbox.Filtering;

/// <summary>A validated FilterSessionsPublicDto with the spec's defaults applied.</summary>
internal sealed class FilterRequest
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public SessionFilter Filter { get; set; } = new();

    /// <summary>created_at when true; last_message_at (the default) otherwise.</summary>
    public bool SortByCreatedAt { get; set; }

    /// <summary>desc is the default.</summary>
    public bool Descending { get; set; } = true;

    /// <summary>1-based.</summary>
    public long Page { get; set; } = 1;

    public int Limit { get; set; } = DefaultLimit;
}
