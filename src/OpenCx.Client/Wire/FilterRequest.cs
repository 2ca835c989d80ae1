using System;

namespace OpenCx.Client.Wire;

/// <summary>
/// One request body exactly as it goes on the wire: the filters, the date bounds chosen for this
/// request (which may be narrower or wider than the user's), the sort, and the page. Built by the
/// query engine; the transport only writes and sends it.
/// </summary>
internal sealed record FilterRequest(
    WireFilters Filters,
    DateTime? DateFrom,
    DateTime? DateTo,
    string SortBy,
    string SortOrder,
    int Page,
    int Limit)
{
    public const string CreatedAt = "created_at";
    public const string LastMessageAt = "last_message_at";
    public const string Ascending = "asc";
    public const string Descending = "desc";

    /// <summary>The smallest request there is: one session, no filter.</summary>
    public static FilterRequest Smallest { get; } = new(WireFilters.None, null, null, CreatedAt, Descending, 1, 1);

    /// <summary>True when a session created at <paramref name="createdAt"/> is one this request allows (both ends inclusive, as the spec's from/to read most plainly).</summary>
    public bool AllowsCreatedAt(DateTime createdAt) =>
        (DateFrom is null || createdAt >= DateFrom.Value) && (DateTo is null || createdAt <= DateTo.Value);

    /// <summary>The request in words, for -Verbose.</summary>
    public string Describe() => $"created {DescribeRange()}, sorted by {SortBy} {SortOrder}, page {Page} of {Limit}";

    public string DescribeRange() =>
        $"from {FilterRequestWriter.FormatDate(DateFrom) ?? "the start"} to {FilterRequestWriter.FormatDate(DateTo) ?? "now"}";
}
