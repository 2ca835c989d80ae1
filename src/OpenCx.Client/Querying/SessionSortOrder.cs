namespace OpenCx.Client.Querying;

/// <summary>The spec's sort_order values.</summary>
public enum SessionSortOrder
{
    Descending,
    Ascending,
}
