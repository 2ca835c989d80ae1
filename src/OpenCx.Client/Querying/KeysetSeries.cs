using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Keyset paging over created_at, which never changes: each request series asks for the sessions
/// created at or past the last one consumed (1 ms wider, for a server that stores finer times
/// than it prints) and drops the ones already consumed.
/// </summary>
/// <remarks>
/// A series starts with the block of sessions created at its boundary. The spec promises no order
/// among them, and a server without a tiebreak returns them in a different order on each request,
/// so a block larger than a page is read page by page to its end and counted: when the read met
/// as many of the block's sessions as different ones, it has seen the whole block. Otherwise it
/// reads the block again, until a read brings nothing new, and says so when it cannot be sure.
/// Sessions past the block on the read's last page wait until the block is settled, so that the
/// order holds.
/// </remarks>
internal static class KeysetSeries
{
    /// <summary>Reads of one block, at most, before the walk says it cannot settle it.</summary>
    internal const int MaximumTiePasses = 6;

    /// <summary>Pages of one read in a row with nothing of the block not met in that read, before the walk stops trusting page numbers.</summary>
    internal const int MaximumPagesWithoutNewId = 3;

    public static void Start(WalkState state)
    {
        state.Mode = WalkMode.Keyset;
        state.Boundary = null;
        state.Page = 1;
        state.Limit = state.LimitForSeries(1);
        state.LastOfPreviousPage = null;
        state.Pass.Reset();
    }

    public static FilterRequest Request(WalkState state) => Request(state, state.UpperEnd, state.Boundary, state.Page, state.Limit);

    /// <summary>The request of a series at <paramref name="boundary"/>, from what the walk knows that changes between pages.</summary>
    public static FilterRequest Request(WalkState state, DateTime? upperEnd, DateTime? boundary, int page, int limit)
    {
        DateTime? from = state.Query.CreatedFrom;
        DateTime? to = WalkState.Earlier(state.Query.CreatedBefore, WalkState.Up(upperEnd));
        if (boundary is not null)
        {
            if (state.Order == SessionSortOrder.Ascending)
            {
                from = WalkState.Later(from, WalkState.Down(boundary));
            }
            else
            {
                to = WalkState.Earlier(to, WalkState.Up(boundary));
            }
        }

        return state.Request(from, to, SessionSortField.CreatedAt, state.Order, page, limit);
    }

    public static IReadOnlyList<ChatSession> Take(WalkState state, FilterRequest request, SessionPage answer)
    {
        IReadOnlyList<ChatSession> sessions = answer.Sessions;
        ServerDeviation? deviation = PageCheck.Order(sessions, state.Order, state.LastOfPreviousPage)
            ?? PageCheck.Range(sessions, request)
            ?? SortCheck.FirstKeysetPage(state, request, answer);
        if (deviation is not null)
        {
            // The page can hold any session: it is taken under the page-number walk's memory of every id.
            state.SortTrusted &= deviation.Kind != ServerDeviationKind.Order;
            PageNumberSeries.FallBack(state, deviation);
            var deviating = new PageTally();
            List<ChatSession> taken = state.Intake(sessions, deviating);
            PageNumberSeries.WarnOfLateSessions(state, deviating, request);
            return taken;
        }

        if (state.UpperEnd is null && state.Boundary is null && sessions.Count > 0)
        {
            // Newest first, the first page's first session is the newest: the range ends there, so
            // that a walk continued later does not start with sessions created since.
            state.UpperEnd = sessions[0].CreatedAt;
        }

        DateTime? boundary = state.Boundary;
        TiePass pass = state.Pass;
        bool newId = false;
        foreach (ChatSession session in sessions)
        {
            if (session.CreatedAt == boundary)
            {
                pass.Occurrences++;
                newId |= pass.Ids.Add(session.Id);
            }
        }

        var tally = new PageTally();
        DateTime? last = sessions.Count == 0 ? null : sessions[sessions.Count - 1].CreatedAt;
        if (answer.HasNext && last is not null && boundary is not null && Past(state, boundary.Value, last.Value))
        {
            // The request reaches 1 ms before the boundary, and a block created there fills this
            // page: read on to the boundary in the same series (the boundary never moves back).
            List<ChatSession> before = state.Intake(sessions, tally);
            state.Page++;
            state.LastOfPreviousPage = last;
            return Done(state, before, tally, request);
        }

        if (answer.HasNext && last is not null && last == boundary)
        {
            // The block goes on past this page: read on in the same series.
            List<ChatSession> within = state.Intake(sessions, tally);
            pass.NewFound |= tally.Consumed > 0;
            if (state.Budget.IsSatisfied)
            {
                return Done(state, within, tally, request);
            }

            pass.PagesWithoutNewId = newId ? 0 : pass.PagesWithoutNewId + 1;
            if (pass.PagesWithoutNewId >= MaximumPagesWithoutNewId)
            {
                PageNumberSeries.FallBack(state, new ServerDeviation(
                    ServerDeviationKind.NoProgress,
                    $"The server said more sessions follow, but {MaximumPagesWithoutNewId} pages in a row of the request for {request.DescribeRange()} brought none created at {WalkState.Format(boundary)} not already on an earlier page."));
                return Done(state, within, tally, request);
            }

            state.Page++;
            state.LastOfPreviousPage = last;
            return Done(state, within, tally, request);
        }

        if (answer.HasNext && sessions.Count == 0)
        {
            PageNumberSeries.FallBack(state, new ServerDeviation(
                ServerDeviationKind.NoProgress,
                $"Page {request.Page} of the request for {request.DescribeRange()} was empty although the server said more sessions follow."));
            return Done(state, new List<ChatSession>(), tally, request);
        }

        // The read of the block ends on this page.
        var fresh = new List<ChatSession>();
        bool settled = boundary is null || pass.Proven;
        if (!settled)
        {
            fresh.AddRange(state.Intake(sessions.Where(s => !Past(state, s.CreatedAt, boundary!.Value)), tally));
            pass.NewFound |= tally.Consumed > 0;
            if (state.Budget.IsSatisfied)
            {
                return Done(state, fresh, tally, request);
            }

            if (pass.NewFound && pass.Number < MaximumTiePasses)
            {
                pass.Again();
                state.Page = 1;
                state.LastOfPreviousPage = null;
                return Done(state, fresh, tally, request);
            }

            state.Warn(
                $"The server returned the sessions created at {WalkState.Format(boundary)} in a different order on each request (it has no tiebreak for equal creation times), "
                + $"so no page can be relied on to hold the ones the page before did not. The module read that block {pass.Number} time(s) and found {pass.Ids.Count} session(s) in it"
                + (pass.NewFound ? ", the last read still bringing new ones" : string.Empty)
                + ": some of that block may still be missing.");
        }

        fresh.AddRange(state.Intake(settled ? sessions : sessions.Where(s => Past(state, s.CreatedAt, boundary!.Value)), tally));
        if (state.Budget.IsSatisfied)
        {
            return Done(state, fresh, tally, request);
        }

        if (!answer.HasNext || last is null || PastTheRange(state, last.Value))
        {
            state.Mode = WalkMode.Done;
            return Done(state, fresh, tally, request);
        }

        MoveBoundary(state, last.Value);
        List<ChatSession> done = Done(state, fresh, tally, request);
        FilterRequest series = Request(state);
        if (series == request || (request.Page == 1 && sessions[0].CreatedAt == last))
        {
            // The new series' first request is the one just answered (the range starts at the new
            // boundary), or asks for what it did (a first page all of one instant: nothing comes
            // before the block): this answer is the series' page 1, not a request to send again.
            done.AddRange(Take(state, series, answer));
        }

        return done;
    }

    private static List<ChatSession> Done(WalkState state, List<ChatSession> fresh, PageTally tally, FilterRequest request)
    {
        PageNumberSeries.WarnOfLateSessions(state, tally, request);
        return fresh;
    }

    private static void MoveBoundary(WalkState state, DateTime boundary)
    {
        state.Boundary = boundary;
        state.Page = 1;
        state.LastOfPreviousPage = null;
        state.Pass.Reset();
        if (state.Order == SessionSortOrder.Ascending)
        {
            state.Memory.ForgetOutside(WalkState.Down(boundary), null);
        }
        else
        {
            state.Memory.ForgetOutside(null, WalkState.Up(boundary));
        }

        state.Limit = state.LimitForSeries(1);
    }

    /// <summary>True when <paramref name="createdAt"/> comes after <paramref name="boundary"/> in the walk's order.</summary>
    internal static bool Past(WalkState state, DateTime createdAt, DateTime boundary) =>
        state.Order == SessionSortOrder.Ascending ? createdAt > boundary : createdAt < boundary;

    /// <summary>True once the walk, in its order, has passed the end of the range: every later session lies outside it too.</summary>
    private static bool PastTheRange(WalkState state, DateTime createdAt) => PastTheRange(state, state.UpperEnd, createdAt);

    internal static bool PastTheRange(WalkState state, DateTime? upperEnd, DateTime createdAt) => state.Order == SessionSortOrder.Ascending
        ? createdAt >= state.Query.CreatedBefore || createdAt > upperEnd
        : createdAt < state.Query.CreatedFrom;
}
