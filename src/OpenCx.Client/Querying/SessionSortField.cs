namespace OpenCx.Client.Querying;

/// <summary>The spec's sort_by values.</summary>
public enum SessionSortField
{
    /// <summary>created_at: never changes, so the module can page by it without skipping or repeating.</summary>
    CreatedAt,

    /// <summary>last_message_at: the API's default order, which moves as sessions receive messages.</summary>
    LastMessageAt,
}
