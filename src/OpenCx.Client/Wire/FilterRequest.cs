using System;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Wire;

/// <summary>
/// One request body exactly as it goes on the wire: the query's filters, the date bounds the
/// walk chose for this request (which may be narrower or wider than the user's), the sort, and
/// the page.
/// </summary>
internal sealed record FilterRequest(
    SessionQuery Query,
    DateTime? DateFrom,
    DateTime? DateTo,
    SessionSortField SortBy,
    SessionSortOrder SortOrder,
    int Page,
    int Limit)
{
    /// <summary>True when a session created at <paramref name="createdAt"/> is one this request allows (both ends inclusive, as the spec's from/to read most plainly).</summary>
    public bool AllowsCreatedAt(DateTime createdAt) =>
        (DateFrom is null || createdAt >= DateFrom.Value) && (DateTo is null || createdAt <= DateTo.Value);

    /// <summary>The request in words, for -Verbose.</summary>
    public string Describe() =>
        $"created {DescribeRange()}, sorted by {(SortBy == SessionSortField.CreatedAt ? "created_at" : "last_message_at")} {(SortOrder == SessionSortOrder.Ascending ? "asc" : "desc")}, page {Page} of {Limit}";

    public string DescribeRange() =>
        $"from {FilterRequestWriter.FormatDate(DateFrom) ?? "the start"} to {FilterRequestWriter.FormatDate(DateTo) ?? "now"}";
}
