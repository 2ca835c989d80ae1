using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Everything a walk knows between two pages, and the one place where a page's sessions are
/// taken in: matched against the range, recognised if consumed before, counted against -Skip
/// and -First. What goes into a <see cref="WalkPosition"/> lives here.
/// </summary>
internal sealed class WalkState
{
    private readonly List<string> _warnings = new List<string>();

    public WalkState(SessionQuery query, WalkOptions options, PagingBudget budget, WalkPosition? resumeFrom)
    {
        Options = options;
        Budget = budget;
        Order = query.SortOrder;
        PlannedKeyset = query.SortBy == SessionSortField.CreatedAt && options.PageSize > 1;
        Filters = query.ToWireFilters();
        Pass = new TiePass();
        if (resumeFrom is null)
        {
            Query = query;
            Memory = new SessionMemory(null);
            Recent = new RecentWindow(options.LookBack, null, null);
            Start();
        }
        else if (resumeFrom.IsComplete)
        {
            // An incremental run: from the look-back window before the newest session written (or
            // where the run before held it), recognising the ones written there.
            Recent = new RecentWindow(options.LookBack, resumeFrom.Newest, resumeFrom.Recent);
            Query = query with { CreatedFrom = Later(query.CreatedFrom, RecentWindow.StartOf(options.LookBack, resumeFrom.Newest, resumeFrom.LookBackFrom)) };
            Memory = new SessionMemory(resumeFrom.Recent.ConvertAll(seen => seen.Id));
            Start();
        }
        else
        {
            Query = query with { CreatedFrom = resumeFrom.RunFrom };
            Recent = new RecentWindow(options.LookBack, resumeFrom.Newest, resumeFrom.Recent, resumeFrom.LookBackFrom);
            Memory = new SessionMemory(resumeFrom.WrittenBefore);
            Memory.Restore(resumeFrom.AtBoundary, resumeFrom.Everything);
            Restore(resumeFrom);
            SortCheck.Resumed(this);
        }
    }

    public WalkOptions Options { get; }

    public PagingBudget Budget { get; }

    /// <summary>The query this run reads (for an incremental run, from the look-back window on).</summary>
    public SessionQuery Query { get; }

    public WireFilters Filters { get; }

    public SessionSortOrder Order { get; }

    /// <summary>True when the walk means to page by keyset (sorted by created_at, pages of 2 or more).</summary>
    public bool PlannedKeyset { get; }

    public WalkMode Mode { get; set; }

    public bool SortTrusted { get; set; } = true;

    public bool FellBack { get; set; }

    /// <summary>True once <see cref="SortCheck"/> has compared the two ends of the range (or the walk resumed one that had).</summary>
    public bool SortChecked { get; set; }

    /// <summary>The probe's newest-first page, until the first oldest-first keyset page is compared with it.</summary>
    public IReadOnlyList<ChatSession>? ProbePage { get; set; }

    /// <summary>Requests of <see cref="SortCheck"/> still to send before the page that asked for them is returned.</summary>
    public Queue<PendingCheck> SortChecks { get; } = new Queue<PendingCheck>();

    public bool WarnedOfDates { get; set; }

    public DateTime? UpperEnd { get; set; }

    public DateTime? Boundary { get; set; }

    /// <summary>Where a keyset walk of a server seen to sort stood when it fell back: everything past it in the walk's order was consumed.</summary>
    public DateTime? PassedBoundary { get; set; }

    public int Page { get; set; } = 1;

    public int Limit { get; set; }

    public DateTime? LastOfPreviousPage { get; set; }

    public TiePass Pass { get; }

    public SessionMemory Memory { get; }

    public RecentWindow Recent { get; }

    /// <summary>Ids the page-number walk met on its pages: one met again means the server's order moved.</summary>
    public HashSet<Guid>? Paged { get; set; }

    /// <summary>New sessions a walk by page number met behind it, taken for late commits: left to the look-back window, not written by this walk.</summary>
    public HashSet<Guid> LeftBehind { get; } = new HashSet<Guid>();

    public int PagesWithoutProgress { get; set; }

    /// <summary>Of those, the last ones in a row that were empty or the page before over again.</summary>
    public int PagesStuck { get; set; }

    /// <summary>The sessions of the page before, in the page-number walk.</summary>
    public IReadOnlyList<ChatSession>? PreviousPage { get; set; }

    /// <summary>The first of the pages in a row without progress, or null.</summary>
    public int? StalledSince { get; set; }

    public long Consumed { get; set; }

    public int RequestsSent { get; set; }

    public bool IsOver => Mode == WalkMode.Done || Budget.IsSatisfied;

    public void Warn(string warning) => _warnings.Add(warning);

    /// <summary>
    /// The range no longer ends at the newest session found at the start (that need not be the
    /// newest): the walk writes on, and the look-back window of the next run reaches back from that
    /// end rather than from the newest session written.
    /// </summary>
    public void DropUpperEnd()
    {
        Recent.Hold(UpperEnd);
        UpperEnd = null;
    }

    public IReadOnlyList<string> TakeWarnings()
    {
        if (_warnings.Count == 0)
        {
            return Array.Empty<string>();
        }

        string[] warnings = _warnings.ToArray();
        _warnings.Clear();
        return warnings;
    }

    public FilterRequest Request(DateTime? from, DateTime? to, SessionSortField sortBy, SessionSortOrder order, int page, int limit) =>
        SessionQuery.Request(Filters, from, to, sortBy, order, page, limit);

    /// <summary>
    /// Takes in the sessions of a page that match, are new, and that -Skip and -First let through,
    /// in their order; the rest are counted in <paramref name="tally"/>.
    /// </summary>
    public List<ChatSession> Intake(IEnumerable<ChatSession> sessions, PageTally tally)
    {
        var fresh = new List<ChatSession>();
        foreach (ChatSession session in sessions)
        {
            if (Budget.IsSatisfied)
            {
                // Not consumed: a walk continued from here (a checkpoint) must still write them.
                break;
            }

            if (!Query.InDateRange(session.CreatedAt))
            {
                continue;
            }

            // Before what the walk passed: newest first, a session created after the end lies past
            // the boundary too, and it is this run's to name, not one consumed.
            if (session.CreatedAt > UpperEnd)
            {
                tally.CreatedSinceStart++;
                continue;
            }

            if (WasPassed(session.CreatedAt))
            {
                continue;
            }

            if (Memory.Knows(session.Id))
            {
                continue;
            }

            Memory.Add(session.Id, session.CreatedAt);
            Recent.Add(session.Id, session.CreatedAt);
            Consumed++;
            tally.Consumed++;
            if (Budget.SkipRemaining > 0)
            {
                Budget.SkipRemaining--;
                continue;
            }

            fresh.Add(session);
            if (Budget.FirstRemaining != ulong.MaxValue)
            {
                Budget.FirstRemaining--;
            }
        }

        return fresh;
    }

    /// <summary>
    /// The limit of a request series that starts at page 1: no more than -First still wants, plus
    /// the sessions already consumed that the series can return again. Within a series, and with
    /// -Skip still running, page arithmetic needs the page size.
    /// </summary>
    public int LimitForSeries(int firstPage)
    {
        int pageSize = Options.PageSize;
        if (firstPage > 1 || Budget.SkipRemaining > 0 || Budget.FirstRemaining >= (ulong)pageSize)
        {
            return pageSize;
        }

        return (int)Math.Min((ulong)pageSize, Budget.FirstRemaining + (ulong)Memory.RepeatableCount);
    }

    /// <summary>
    /// True for a creation time the keyset walk passed before it fell back, beyond the 1 ms its
    /// memory of ids covers. Newest first, the walk passed no further than the end of its range,
    /// held when the range was given up: a session created after that end was never consumed.
    /// </summary>
    private bool WasPassed(DateTime createdAt) => PassedBoundary is DateTime passed
        && (Order == SessionSortOrder.Ascending ? createdAt < Down(passed) : createdAt > Up(passed) && !(createdAt > Recent.HeldAt));

    public WalkPosition ToPosition() => new()
    {
        Mode = Mode switch
        {
            WalkMode.FindNewest => WalkPosition.FindingNewest,
            WalkMode.Keyset => WalkPosition.Keyset,
            WalkMode.PageNumbers => WalkPosition.PageNumbers,
            _ => WalkPosition.Complete,
        },
        SortTrusted = SortTrusted,
        SortChecked = SortChecked,
        FellBack = FellBack,
        WarnedOfDates = WarnedOfDates,
        RunFrom = Query.CreatedFrom,
        UpperEnd = UpperEnd,
        Boundary = Boundary,
        PassedBoundary = PassedBoundary,
        Page = Page,
        Limit = Limit,
        LastOfPreviousPage = LastOfPreviousPage,
        TiePass = Pass.Number,
        TieOccurrences = Pass.Occurrences,
        TieNewFound = Pass.NewFound,
        TieIds = new List<Guid>(Pass.Ids),
        WrittenBefore = Memory.Before(),
        AtBoundary = Memory.NearBoundary(),
        Everything = Memory.Everything(),
        Paged = Paged is null ? null : new List<Guid>(Paged),
        Newest = Recent.Newest,
        LookBackFrom = Recent.HeldAt,
        Recent = Recent.Snapshot(),
        Consumed = Consumed,
    };

    public static string Format(DateTime? instant) =>
        instant?.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "the start";

    // One millisecond wider, for servers that store finer times than they print or read a bound
    // as exclusive; the ids already consumed remove the overlap. Saturates at the calendar's ends.
    public static DateTime? Down(DateTime? instant) =>
        instant is DateTime value && value.Ticks >= TimeSpan.TicksPerMillisecond ? value.AddMilliseconds(-1) : instant;

    public static DateTime? Up(DateTime? instant) =>
        instant is DateTime value && value <= DateTime.MaxValue.AddMilliseconds(-1) ? value.AddMilliseconds(1) : instant;

    public static DateTime? Earlier(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    public static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    /// <summary>A walk that starts: sorted by created_at newest first, straight to keyset paging; otherwise the newest session first.</summary>
    private void Start()
    {
        Mode = PlannedKeyset && Order == SessionSortOrder.Descending ? WalkMode.Keyset : WalkMode.FindNewest;
        Page = 1;
        Limit = LimitForSeries(1);
    }

    private void Restore(WalkPosition position)
    {
        Mode = position.Mode switch
        {
            WalkPosition.Keyset => WalkMode.Keyset,
            WalkPosition.PageNumbers => WalkMode.PageNumbers,
            WalkPosition.Complete => WalkMode.Done,
            _ => WalkMode.FindNewest,
        };
        SortTrusted = position.SortTrusted;
        SortChecked = position.SortChecked;
        FellBack = position.FellBack;
        WarnedOfDates = position.WarnedOfDates;
        UpperEnd = position.UpperEnd;
        Boundary = position.Boundary;
        PassedBoundary = position.PassedBoundary;
        Page = Math.Max(1, position.Page);
        Limit = position.Limit > 0 ? position.Limit : LimitForSeries(Page);
        LastOfPreviousPage = position.LastOfPreviousPage;
        Pass.Restore(position.TiePass, position.TieOccurrences, position.TieNewFound, position.TieIds);
        Paged = position.Paged is null ? null : new HashSet<Guid>(position.Paged);
        Consumed = position.Consumed;
    }
}

internal enum WalkMode
{
    /// <summary>Asks for the newest matching sessions, to end the range there.</summary>
    FindNewest,
    Keyset,
    PageNumbers,
    Done,
}

/// <summary>What became of a page's sessions besides being written.</summary>
internal sealed class PageTally
{
    public int Consumed { get; set; }

    /// <summary>Created after the newest session found at the start: left for the next run.</summary>
    public int CreatedSinceStart { get; set; }
}

/// <summary>
/// One read of the block of sessions created at the keyset boundary, from page 1 of its request
/// series to the page that reaches past it. When the read met as many sessions at the boundary as
/// it met different ones, it has seen every position of the block: all of it.
/// </summary>
internal sealed class TiePass
{
    public int Number { get; private set; } = 1;

    public int Occurrences { get; set; }

    public bool NewFound { get; set; }

    public HashSet<Guid> Ids { get; } = new HashSet<Guid>();

    /// <summary>Pages of this read in a row that held no session of the block not met in it before.</summary>
    public int PagesWithoutNewId { get; set; }

    public bool Proven => Occurrences == Ids.Count;

    /// <summary>A new block: the first read of it.</summary>
    public void Reset()
    {
        Number = 1;
        Again();
        Number = 1;
    }

    /// <summary>The block once more, from page 1.</summary>
    public void Again()
    {
        Number++;
        Occurrences = 0;
        NewFound = false;
        PagesWithoutNewId = 0;
        Ids.Clear();
    }

    public void Restore(int number, int occurrences, bool newFound, IEnumerable<Guid> ids)
    {
        Number = Math.Max(1, number);
        Occurrences = occurrences;
        NewFound = newFound;
        Ids.Clear();
        Ids.UnionWith(ids);
    }
}
