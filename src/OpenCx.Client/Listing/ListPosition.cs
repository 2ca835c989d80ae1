namespace OpenCx.Client.Listing;

/// <summary>Where a <see cref="SessionListWalk"/> stands: which of its request series, and the cursor within it.</summary>
public sealed class ListPosition
{
    /// <summary>The index of the series (one per status and channel) the walk is in; the count of series once complete.</summary>
    public int Series { get; set; }

    /// <summary>The server's cursor for the next page of that series; null for its first page.</summary>
    public string? Cursor { get; set; }
}
