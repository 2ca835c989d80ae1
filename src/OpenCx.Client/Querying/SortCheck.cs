using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Whether the server sorts by created_at at all, asked once at the start of a walk: its first
/// page next to the same request in the other order.
/// </summary>
/// <remarks>
/// <para>
/// A page can look sorted by chance (a page of two, a range of a few sessions, a bulk import at one
/// instant), and a keyset walk that trusts it moves past sessions it never saw; a range ended at a
/// "newest" session that is not hides the rest. Every page in order proves nothing. The two ends
/// of a range do: a server that sorts begins the range with its oldest session oldest first and
/// with its newest newest first, so the two answers begin with the same session only when every
/// session of the range has one creation time, while a server that ignores the sort sends the same
/// answer to both. Further pages compare as whole pages: in opposite orders they are equal only
/// when all of one instant.
/// </para>
/// <para>
/// Oldest first, the request that finds the newest session is the other order already, and the
/// check costs nothing. Newest first, and for walks by page number, it costs one request (for one
/// session), and none when the first page holds the whole range. The requests go out once the
/// page that asked for them is written, before the walk relies on the order for its next request.
/// When both ends are one instant, two requests ask for anything before and after it: a server
/// that sorts has nothing there, unless sessions became visible since, and then the two ends of
/// the whole range, asked again, no longer begin alike.
/// </para>
/// </remarks>
internal static class SortCheck
{
    /// <summary>
    /// Called with the first keyset page of a walk not yet checked: a deviation when the probe's
    /// page, the other order, shows no sort; otherwise the request of the other order, if needed,
    /// is queued.
    /// </summary>
    public static ServerDeviation? FirstKeysetPage(WalkState state, FilterRequest request, SessionPage answer)
    {
        if (state.SortChecked || state.SortChecks.Count > 0 || !state.SortTrusted)
        {
            return null;
        }

        IReadOnlyList<ChatSession>? probe = state.ProbePage;
        state.ProbePage = null;
        if (probe is not null && request.Page == 1)
        {
            ServerDeviation? unsorted = Compare(state, request, answer.Sessions, probe);
            state.SortChecked = state.SortChecks.Count == 0;
            return unsorted;
        }

        if (answer.HasNext || request.Page > 1)
        {
            Expect(state, OtherOrder(request), answer.Sessions);
        }
        else
        {
            state.SortChecked = true;
        }

        return null;
    }

    /// <summary>
    /// Called with the probe's sorted page of a walk by page number: its first page oldest first is
    /// asked for, unless the probe held the whole range and the walk reads it newest first, as the
    /// probe did. Oldest first, a probe of two sessions or more that only looked sorted would leave
    /// the walk's pages to contradict it, and one of them taken for a late commit.
    /// </summary>
    public static void ProbeOfPageNumberWalk(WalkState state, FilterRequest probe, SessionPage answer)
    {
        bool readBackwards = state.Query.SortBy == SessionSortField.CreatedAt && state.Order == SessionSortOrder.Ascending;
        if (answer.HasNext || (readBackwards && answer.Sessions.Count > 1))
        {
            Expect(state, OtherOrder(probe), answer.Sessions);
        }
        else
        {
            state.SortChecked = true;
        }
    }

    /// <summary>
    /// A walk by page number resumed from a position taken before its check was done (the check
    /// goes out with the page after the one that asked for it): the two ends of its range are asked
    /// for before its next page.
    /// </summary>
    public static void Resumed(WalkState state)
    {
        if (!state.SortChecked && state.SortTrusted && state.Mode == WalkMode.PageNumbers && state.Query.SortBy == SessionSortField.CreatedAt)
        {
            state.SortChecks.Enqueue(new PendingCheck(CheckKind.NewestEnd, state.Request(state.Query.CreatedFrom, state.Query.CreatedBefore, SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, 1), null, default));
        }
    }

    /// <summary>The next check request to send, once the page that asked for it is written; null when none.</summary>
    /// <remarks>
    /// A walk that -First ends on its first page relies on no order beyond that page, and it
    /// cannot tell a server that sorts from one that does not: its other order is not asked for.
    /// </remarks>
    public static FilterRequest? Pending(WalkState state)
    {
        if (state.SortChecks.Count > 0 && state.Budget.IsSatisfied && state.SortChecks.Peek().Kind == CheckKind.OtherOrder)
        {
            state.SortChecks.Clear();
        }

        return state.SortChecks.Count == 0 ? null : state.SortChecks.Peek().Request;
    }

    /// <summary>Takes the answer to <see cref="Pending"/>.</summary>
    public static void Take(WalkState state, SessionPage answer)
    {
        PendingCheck check = state.SortChecks.Dequeue();
        IReadOnlyList<ChatSession> sessions = answer.Sessions;
        ServerDeviation? deviation = PageCheck.Order(sessions, Order(check.Request), previous: null) ?? check.Kind switch
        {
            CheckKind.OtherOrder => Compare(state, check.Request, sessions, check.Against!) ?? PageCheck.Range(sessions, check.Request),
            CheckKind.Outside => Outside(state, check, sessions),
            CheckKind.NewestEnd => NewestEnd(state, check, sessions),
            _ => OldestEnd(state, check, sessions),
        };
        if (deviation is null)
        {
            state.SortChecked = state.SortChecks.Count == 0;
            return;
        }

        if (deviation.Kind == ServerDeviationKind.Order)
        {
            state.SortChecks.Clear();
        }

        state.SortChecked = state.SortChecks.Count == 0;
        Distrust(state, deviation);
    }

    /// <summary>
    /// A page and the same request in the other order. Page 1: the same first session means one
    /// instant or no sort. Later pages: the same sessions in the same order, of more than one
    /// instant, means no sort.
    /// </summary>
    private static ServerDeviation? Compare(WalkState state, FilterRequest request, IReadOnlyList<ChatSession> page, IReadOnlyList<ChatSession> other)
    {
        if (page.Count == 0 || other.Count == 0)
        {
            return null;
        }

        DateTime first = page[0].CreatedAt;
        bool oneInstant = page.Concat(other).All(session => session.CreatedAt == first);
        if (request.Page > 1)
        {
            int length = Math.Min(page.Count, other.Count);
            bool same = length > 1 && page.Take(length).Select(s => s.Id).SequenceEqual(other.Take(length).Select(s => s.Id));
            return same && !oneInstant ? Unsorted($"The server answered page {request.Page} of the same request alike oldest first and newest first") : null;
        }

        if (page[0].Id != other[0].Id)
        {
            return null;
        }

        if (!oneInstant)
        {
            return Unsorted($"The server began the range ({request.DescribeRange()}) with the same session oldest first and newest first, although its sessions were created at different times");
        }

        // Both ends at one instant: a server that sorts has nothing before it or after it.
        state.SortChecks.Enqueue(new PendingCheck(CheckKind.Outside, state.Request(state.Query.CreatedFrom, WalkState.Down(first), SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, 1), null, first));
        state.SortChecks.Enqueue(new PendingCheck(CheckKind.Outside, state.Request(WalkState.Up(first), state.Query.CreatedBefore, SessionSortField.CreatedAt, SessionSortOrder.Ascending, 1, 1), null, first));
        return null;
    }

    /// <summary>
    /// Before or after the one instant both ends showed. A session there is one the server does
    /// not sort, or one that became visible since: the two ends of the whole range, asked again,
    /// tell which. A server that ignores the date range here leaves the question open, and the
    /// walk relies on no order.
    /// </summary>
    private static ServerDeviation? Outside(WalkState state, PendingCheck check, IReadOnlyList<ChatSession> sessions)
    {
        if (PageCheck.Range(sessions, check.Request) is ServerDeviation outside)
        {
            return new ServerDeviation(
                ServerDeviationKind.Order,
                $"{outside.Description} Both ends of the range began with the same session, created at {WalkState.Format(check.Instant)}, and with the date range ignored the module cannot tell whether the server sorts at all.");
        }

        ChatSession? other = sessions.FirstOrDefault(session => session.CreatedAt != check.Instant && state.Query.InDateRange(session.CreatedAt));
        if (other is not null)
        {
            state.SortChecks.Clear();
            state.SortChecks.Enqueue(new PendingCheck(CheckKind.NewestEnd, state.Request(state.Query.CreatedFrom, state.Query.CreatedBefore, SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, 1), null, other.CreatedAt));
        }

        return null;
    }

    private static ServerDeviation? NewestEnd(WalkState state, PendingCheck check, IReadOnlyList<ChatSession> sessions)
    {
        state.SortChecks.Enqueue(new PendingCheck(CheckKind.OldestEnd, check.Request with { SortOrder = FilterRequest.Ascending }, sessions, check.Instant));
        return null;
    }

    /// <summary>The two ends of the whole range: asked again once another instant was found (then alike means no sort), or by a resumed walk (then as its first page would be).</summary>
    private static ServerDeviation? OldestEnd(WalkState state, PendingCheck check, IReadOnlyList<ChatSession> sessions)
    {
        if (check.Instant == default)
        {
            return Compare(state, check.Request, sessions, check.Against!);
        }

        return sessions.Count > 0 && check.Against!.Count > 0 && sessions[0].Id == check.Against[0].Id
            ? Unsorted($"The server began the range with the same session oldest first and newest first, created at {WalkState.Format(sessions[0].CreatedAt)}, although it holds one created at {WalkState.Format(check.Instant)}")
            : null;
    }

    private static ServerDeviation Unsorted(string what) => new(
        ServerDeviationKind.Order,
        $"{what}: it does not sort by created_at as asked, even where its pages look sorted.");

    /// <summary>The walk stops relying on the order: a keyset walk reads the rest by page number; a walk by page number reads again from page 1, its range no longer ended at the probe's newest session.</summary>
    private static void Distrust(WalkState state, ServerDeviation deviation)
    {
        bool keyset = state.Mode == WalkMode.Keyset || (state.Mode == WalkMode.Done && state.PlannedKeyset && !state.FellBack);
        if (deviation.Kind == ServerDeviationKind.DateRange && !keyset)
        {
            PageNumberSeries.WarnOfDates(state, deviation);
            return;
        }

        if (keyset)
        {
            state.SortTrusted &= deviation.Kind != ServerDeviationKind.Order;
            PageNumberSeries.FallBack(state, deviation);
        }
        else
        {
            PageNumberSeries.Restart(state, deviation);
        }
    }

    private static void Expect(WalkState state, FilterRequest request, IReadOnlyList<ChatSession> against) =>
        state.SortChecks.Enqueue(new PendingCheck(CheckKind.OtherOrder, request, against, default));

    /// <summary>The same request in the other order: of page 1, its first session is all the check needs.</summary>
    private static FilterRequest OtherOrder(FilterRequest request) => request with
    {
        SortOrder = request.SortOrder == FilterRequest.Ascending ? FilterRequest.Descending : FilterRequest.Ascending,
        Limit = request.Page == 1 ? 1 : request.Limit,
    };

    private static SessionSortOrder Order(FilterRequest request) =>
        request.SortOrder == FilterRequest.Ascending ? SessionSortOrder.Ascending : SessionSortOrder.Descending;
}

/// <summary>A request of <see cref="SortCheck"/>, and what its answer is held against.</summary>
/// <param name="Against">The page answered in the other order (<see cref="CheckKind.OtherOrder"/>), or the newest end (<see cref="CheckKind.OldestEnd"/>).</param>
/// <param name="Instant">The one instant both ends showed (<see cref="CheckKind.Outside"/>), or the other instant found (the two ends; none when a resumed walk asks for them).</param>
internal sealed record PendingCheck(CheckKind Kind, FilterRequest Request, IReadOnlyList<ChatSession>? Against, DateTime Instant);

internal enum CheckKind
{
    /// <summary>The same request as a page of the walk, in the other order.</summary>
    OtherOrder,

    /// <summary>Anything before, or after, the one instant both ends showed.</summary>
    Outside,

    /// <summary>The whole range's newest session, asked again.</summary>
    NewestEnd,

    /// <summary>The whole range's oldest session, asked again, held against the newest.</summary>
    OldestEnd,
}
