using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Paging by page number: the walk's plan when it sorts by last_message_at (or pages of one
/// session), and its fallback when the server does not sort or filter as keyset paging needs.
/// </summary>
/// <remarks>
/// It remembers every session it consumed, so none is written twice. A session met again on a
/// later page shows the server's order moving between requests; as many others may then have
/// been passed over, and the page says so.
/// </remarks>
internal static class PageNumberSeries
{
    /// <summary>
    /// Sessions, in pages in a row that bring nothing new although the server says more follow,
    /// before the walk stops trusting has_next (at least 3 pages): a server that shuffles a large
    /// block of equal sort values brings long runs of pages met before, one that never ends
    /// brings them for ever.
    /// </summary>
    internal const int MaximumSessionsWithoutProgress = 1000;

    /// <summary>
    /// The same, for pages that are empty or the page before over again (at least 3 pages): no
    /// shuffling server brings many of those in a row, a stuck one brings nothing else.
    /// </summary>
    internal const int MaximumSessionsStuck = 75;

    /// <summary>New sessions behind a walk by page number the walk takes for late commits, at least (and a tenth of those consumed): past that, the server does not sort.</summary>
    internal const int MinimumLateCommitsTolerated = 3;

    /// <summary>
    /// The planned page-number walk, from page 1: -Skip is counted on the sessions read, since
    /// page arithmetic cannot know which sessions a server counts (one that ignores the date
    /// range counts sessions outside it).
    /// </summary>
    public static void Start(WalkState state)
    {
        Begin(state, 1);
        state.Limit = state.LimitForSeries(1);
    }

    /// <summary>
    /// Stops trusting the server: the rest is read by page number over the same range. When the
    /// server was seen to sort, the sessions consumed so far all come before the first one not
    /// consumed, so the walk goes on from the page that holds it; otherwise from page 1.
    /// </summary>
    public static void FallBack(WalkState state, ServerDeviation deviation)
    {
        state.FellBack = true;
        bool fromWhereItStood = state.SortTrusted && deviation.Kind != ServerDeviationKind.Order;
        int pageSize = state.Options.PageSize;
        int page = fromWhereItStood ? (int)Math.Min(state.Consumed / pageSize, int.MaxValue - 1) + 1 : 1;

        // A range that ends at the newest session found at the start only if the server was seen
        // to sort: otherwise that session need not be the newest. When it sorts, what the keyset
        // walk passed is whole, though its ids are forgotten: a page reaching back there (a server
        // ignoring the dates) brings nothing to write.
        if (!state.SortTrusted)
        {
            state.DropUpperEnd();
        }
        else
        {
            state.PassedBoundary ??= state.Boundary;
        }

        Begin(state, page);
        state.Limit = pageSize;
        state.Warn($"{deviation.Description} Reading the rest by page number instead, from page {page}, as a plain loop would: each session is "
            + "still written once, and sessions outside your date range are dropped, but sessions that change while the "
            + "command runs can now be missed or come late. Sessions already written are correct.");
    }

    public static FilterRequest Request(WalkState state)
    {
        DateTime? to = WalkState.Earlier(state.Query.CreatedBefore, WalkState.Up(state.UpperEnd));
        return state.Request(state.Query.CreatedFrom, to, state.Query.SortBy, state.Order, state.Page, state.Limit);
    }

    public static IReadOnlyList<ChatSession> Take(WalkState state, FilterRequest request, SessionPage answer)
    {
        IReadOnlyList<ChatSession> sessions = answer.Sessions;
        ServerDeviation? outside = PageCheck.Range(sessions, request);
        if (outside is not null)
        {
            WarnOfDates(state, outside);
        }

        HashSet<Guid> paged = state.Paged ??= new HashSet<Guid>();
        (ServerDeviation? disorder, List<ChatSession> behind) = CheckOrder(state, sessions, paged);

        bool progressed = false;
        int metAgain = 0;
        foreach (ChatSession session in sessions)
        {
            if (paged.Add(session.Id))
            {
                progressed = true;
            }
            else
            {
                metAgain++;
            }
        }

        var tally = new PageTally();
        List<ChatSession> fresh = state.Intake(state.LeftBehind.Count == 0 ? sessions : sessions.Where(session => !state.LeftBehind.Contains(session.Id)), tally);
        if (behind.Count > 0)
        {
            state.Warn($"Page {request.Page} ({request.Describe()}) held {behind.Count} session(s) created before sessions already written that became visible only after the walk had passed their place (the server committed them late): "
                + "not written by this run, so that the order holds. The look-back window of the next -Checkpoint or -Follow run writes them; without one, run the command again.");
        }

        if (disorder is not null)
        {
            Restart(state, disorder);
            WarnOfLateSessions(state, tally, request);
            return fresh;
        }

        // A last page of sessions met before says it too: no later page moves on to say it for it.
        if (metAgain > 0 && (progressed || !answer.HasNext))
        {
            state.Warn($"Page {request.Page} ({request.Describe()}) held {metAgain} session(s) already met on an earlier page: the server's order moved between requests "
                + "(sessions with equal sort values returned in another order, or sessions that changed), so as many others may have been passed over. Those were not written again.");
        }

        WarnOfLateSessions(state, tally, request);
        if (progressed)
        {
            // Said even when -First ends the walk here: the pages before may have passed sessions over.
            WarnOfPagesWithoutProgress(state);
        }

        if (state.Budget.IsSatisfied)
        {
            return fresh;
        }

        if (!progressed && answer.HasNext)
        {
            // An empty page, or one of sessions met before, that promises more: counted, said once when the pages move on again.
            state.StalledSince ??= request.Page;
            state.PagesWithoutProgress++;
            state.PagesStuck = sessions.Count == 0 || SameIds(sessions, state.PreviousPage) ? state.PagesStuck + 1 : 0;
            if (state.PagesWithoutProgress >= Math.Max(3, MaximumSessionsWithoutProgress / state.Limit) || state.PagesStuck >= Math.Max(3, MaximumSessionsStuck / state.Limit))
            {
                throw new OpenCxException(
                    OpenCxErrorKind.PagingStalled,
                    $"The server said more pages follow, but {state.PagesWithoutProgress} pages in a row ({StalledPages(state, request.Page)} of {request.Describe()}) brought no session not already seen: "
                    + $"they were empty or repeated earlier pages ({state.RequestsSent} requests in all). Stopping rather than asking forever; the sessions written so far are not repeated, but the server may hold more.");
            }
        }

        state.PreviousPage = sessions;
        if (!answer.HasNext)
        {
            WarnOfPagesWithoutProgress(state);
            state.Mode = WalkMode.Done;
            return fresh;
        }

        state.Page++;
        return fresh;
    }

    /// <summary>
    /// The created_at order of a page, counted from the page before. Sessions met before say
    /// nothing of it: a session that became visible above the walk moves the ones after it a page
    /// down. A new session behind the walk, once the server was seen to sort at the start, is one
    /// the server committed late: left out (for the look-back window), unless there are more of
    /// those than late commits explain, which is disorder.
    /// </summary>
    private static (ServerDeviation? Disorder, List<ChatSession> Behind) CheckOrder(WalkState state, IReadOnlyList<ChatSession> sessions, HashSet<Guid> paged)
    {
        var behind = new List<ChatSession>();
        if (state.Query.SortBy != SessionSortField.CreatedAt || !state.SortTrusted)
        {
            return (null, behind);
        }

        // The walk's place: the last new session in order. Met again or behind, a session leaves it where it is.
        var unseen = sessions.Where(session => !paged.Contains(session.Id) && !state.Memory.Knows(session.Id)).ToList();
        ServerDeviation? disorder = PageCheck.Order(unseen, state.Order, state.LastOfPreviousPage);
        DateTime? frontier = state.LastOfPreviousPage;
        foreach (ChatSession session in unseen)
        {
            if (frontier is DateTime at && (state.Order == SessionSortOrder.Ascending ? session.CreatedAt < at : session.CreatedAt > at))
            {
                behind.Add(session);
            }
            else
            {
                frontier = session.CreatedAt;
            }
        }

        state.LastOfPreviousPage = frontier;
        if (disorder is null || !state.SortChecked || state.FellBack)
        {
            return (disorder, new List<ChatSession>());
        }

        state.LeftBehind.UnionWith(behind.Select(session => session.Id));
        return state.LeftBehind.Count <= Math.Max(MinimumLateCommitsTolerated, state.Consumed / 10) ? (null, behind) : (disorder, new List<ChatSession>());
    }

    /// <summary>
    /// The pages were thought sorted (the end of the range, and the page the walk went on from,
    /// rest on it) and are not: the walk reads again from page 1 over the whole range, the
    /// sessions already consumed recognised by id, and says so once.
    /// </summary>
    public static void Restart(WalkState state, ServerDeviation disorder)
    {
        state.SortTrusted = false;
        state.DropUpperEnd();
        Begin(state, 1);
        state.Warn($"{disorder.Description} The range had been ended at the newest session the first page showed, and that need not be the newest: "
            + "the walk reads every page again from page 1, by page number, as a plain loop would. Each session is still written once, but no longer in order.");
    }

    /// <summary>Pages that brought nothing new, then more: named once, when the walk moves on past them.</summary>
    private static void WarnOfPagesWithoutProgress(WalkState state)
    {
        if (state.StalledSince is int first)
        {
            state.Warn($"{StalledPages(state, first + state.PagesWithoutProgress - 1)} of the walk by page number brought no session not already seen (empty, or sessions of earlier pages) although the server said more follow: "
                + "the server's order or its count moved between requests, so as many sessions may have been passed over.");
        }

        state.StalledSince = null;
        state.PagesWithoutProgress = 0;
        state.PagesStuck = 0;
    }

    private static bool SameIds(IReadOnlyList<ChatSession> sessions, IReadOnlyList<ChatSession>? previous)
    {
        if (previous is null || previous.Count != sessions.Count)
        {
            return false;
        }

        for (int i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Id != previous[i].Id)
            {
                return false;
            }
        }

        return true;
    }

    private static string StalledPages(WalkState state, int last) =>
        state.StalledSince == last ? $"Page {last}" : $"Pages {state.StalledSince}-{last}";

    /// <summary>Once, and only when no warning has said more: the walk filters the dates itself.</summary>
    public static void WarnOfDates(WalkState state, ServerDeviation outside)
    {
        if (state.FellBack || state.WarnedOfDates)
        {
            return;
        }

        state.WarnedOfDates = true;
        state.Warn($"{outside.Description} The module drops the sessions outside your date range itself.");
    }

    /// <summary>Sessions a page held that were created after the newest one found at the start are not written by this run: said, not dropped silently.</summary>
    public static void WarnOfLateSessions(WalkState state, PageTally tally, FilterRequest request)
    {
        if (tally.CreatedSinceStart > 0)
        {
            state.Warn($"Page {request.Page} ({request.Describe()}) held {tally.CreatedSinceStart} session(s) created after {WalkState.Format(state.UpperEnd)}, the newest one found when the command started: "
                + "not written by this run, which ends there. Run it again (or with -Checkpoint, or -Follow) to have them.");
        }
    }

    private static void Begin(WalkState state, int page)
    {
        state.Mode = WalkMode.PageNumbers;
        state.Page = page;
        state.Boundary = null;
        state.LastOfPreviousPage = null;
        state.Paged = new HashSet<Guid>();
        state.PagesWithoutProgress = 0;
        state.PagesStuck = 0;
        state.StalledSince = null;
        state.PreviousPage = null;
        state.LeftBehind.Clear();
        state.Memory.RememberEverything();
    }
}
