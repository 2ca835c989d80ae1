using System;
using System.Collections.Generic;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// The last request of a keyset walk: the range once more, in the other order. A server that
/// ignores the sort can return pages that look sorted by chance (two sessions, a range of a few,
/// a bulk import at one instant), and a keyset walk that trusts them ends its range too early or
/// moves its boundary past sessions it never saw. A server that sorts puts first, in the other
/// order, a session no later (oldest first) or no earlier (newest first) than every one the walk
/// consumed; sessions that became visible since only come before it. One that does not is read
/// again from page 1 by page number, and the walk says so.
/// </summary>
internal static class OrderCheck
{
    /// <summary>Starts the check when the keyset walk ran to its end trusting the sort and consumed something to check against.</summary>
    public static void StartOrFinish(WalkState state)
    {
        state.Mode = state.SortTrusted && state.ConsumedRange is not null ? WalkMode.CheckOrder : WalkMode.Done;
    }

    public static FilterRequest Request(WalkState state)
    {
        DateTime? to = WalkState.Earlier(state.Query.CreatedBefore, WalkState.Up(state.UpperEnd));
        SessionSortOrder reverse = state.Order == SessionSortOrder.Ascending ? SessionSortOrder.Descending : SessionSortOrder.Ascending;
        return state.Request(state.Query.CreatedFrom, to, SessionSortField.CreatedAt, reverse, 1, Math.Max(2, state.Options.PageSize));
    }

    public static IReadOnlyList<ChatSession> Take(WalkState state, FilterRequest request, SessionPage answer)
    {
        state.Mode = WalkMode.Done;
        (DateTime oldest, DateTime newest) = state.ConsumedRange!.Value;
        foreach (ChatSession session in answer.Sessions)
        {
            if (!request.AllowsCreatedAt(session.CreatedAt) || !state.Query.InDateRange(session.CreatedAt))
            {
                continue;
            }

            bool sorted = state.Order == SessionSortOrder.Ascending ? session.CreatedAt >= newest : session.CreatedAt <= oldest;
            if (sorted)
            {
                return Array.Empty<ChatSession>();
            }

            string expected = state.Order == SessionSortOrder.Ascending
                ? $"newest first, it began with a session created at {WalkState.Format(session.CreatedAt)}, although one created at {WalkState.Format(newest)} matches"
                : $"oldest first, it began with a session created at {WalkState.Format(session.CreatedAt)}, although one created at {WalkState.Format(oldest)} matches";
            state.SortTrusted = false;
            PageNumberSeries.FallBack(state, new ServerDeviation(
                ServerDeviationKind.Order,
                $"The server's pages looked sorted by created_at, but they were not: asked for the range once more, {expected}. "
                + "Sessions the walk passed over may not have been written yet, and the ones it wrote need not be in order."));
            return Array.Empty<ChatSession>();
        }

        return Array.Empty<ChatSession>();
    }
}
