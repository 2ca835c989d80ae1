using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Listing;

/// <summary>
/// Answers GET /chat/sessions over one snapshot: the matching sessions, most recently updated
/// first (id breaks ties), a page at the cursor's offset. The spec documents no order; this one
/// moves every updated session to the front, so an offset cursor repeats sessions under churn.
/// </summary>
internal static class SessionList
{
    /// <summary>Sessions per page: the spec has no limit parameter, so the server chooses.</summary>
    public const int PageSize = 50;

    public static ListPage Page(SessionStore store, ListRequest request)
    {
        List<Session> matching = Matching(store, request);
        int start = Math.Min(request.Offset, matching.Count);
        int end = Math.Min(start + PageSize, matching.Count);
        string? next = end < matching.Count ? ListCursor.Encode(end) : null;
        return new ListPage(matching.GetRange(start, end - start), next);
    }

    /// <summary>Every matching session in the list's order, paging ignored.</summary>
    public static List<Session> Matching(SessionStore store, ListRequest request) =>
        store.ByCreatedAt
            .Where(request.Matches)
            .OrderByDescending(s => s.UpdatedAtMs)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
}

/// <summary>One page of a ListChatSessionsOutput.</summary>
internal sealed class ListPage
{
    public ListPage(IReadOnlyList<Session> items, string? next)
    {
        Items = items;
        Next = next;
    }

    public IReadOnlyList<Session> Items { get; }

    public string? Next { get; }
}
