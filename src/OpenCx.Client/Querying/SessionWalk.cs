using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Reads every session of one query, page by page, each exactly once, with the next request in
/// flight while the caller writes the current page. The one way the module reads sessions.
/// </summary>
/// <remarks>
/// <para>
/// Offset paging over an order that moves (the API's default, last_message_at) skips and repeats
/// sessions as they receive messages. So by default the walk sorts by created_at, which never
/// changes, and pages by keyset: each request asks for sessions created at or before the oldest
/// one written so far (1 ms past it, for a server that stores finer times than it prints), and
/// drops the ones it has already written. Ties larger than a page are walked by page number under
/// the same boundary. Newest first, sessions created meanwhile are above every boundary and never
/// come into view. Oldest first (and whenever it walks by page number) the walk first asks for the
/// newest matching sessions and ends the range at the newest one's creation time: the server's own
/// time, so no clock of the client's, early or late, can hide a session.
/// </para>
/// <para>
/// The keyset walk relies on the server sorting by created_at and applying the date range as the
/// spec says. Every page is checked for both (and a boundary request for progress) before it
/// chooses the next request. When a page shows the server doing otherwise, the walk says so once
/// and reads the rest by page number over the same range, the plain loop a user would have
/// written: against a server whose data does not move, every matching session is still written
/// exactly once (the walk remembers every id it wrote), and sessions outside the user's own date
/// range are dropped.
/// </para>
/// </remarks>
public sealed class SessionWalk
{
    /// <summary>Pages in a row that bring nothing new, in a page-number walk, before it stops trusting has_next.</summary>
    internal const int MaximumPagesWithoutProgress = 3;

    private static readonly TimeSpan Overlap = TimeSpan.FromMilliseconds(1);

    private readonly OpenCxClient _client;
    private readonly SessionQuery _query;
    private readonly int _pageSize;
    private readonly PagingBudget _budget;
    private readonly bool _readAhead;
    private readonly SessionSortOrder _order;
    private readonly WalkMode _planned;
    private readonly int _firstPage;

    private readonly ConsumedSessions _consumed;

    private WalkMode _mode;
    private bool _sortTrusted = true;
    private DateTime? _newestAtStart;
    private DateTime? _upperEnd;
    private DateTime? _boundary;
    private int _page;
    private int _limit;
    private int _seriesPagesWithoutProgress;
    private int _seriesPagesAllowedWithoutProgress;
    private DateTime? _lastOfPreviousPage;
    private HashSet<Guid>? _seenByPageNumber;
    private int _pagesWithoutProgress;
    private bool _fellBack;
    private bool _warnedOfDates;
    private string? _warning;
    private InFlight? _next;
    private int _requestsSent;

    /// <param name="client">The connection's client.</param>
    /// <param name="query">What to read.</param>
    /// <param name="pageSize">Sessions per request, 1 to 100.</param>
    /// <param name="budget">-Skip and -First, shared by the walks of one command.</param>
    /// <param name="readAhead">Request the next page while the caller writes this one.</param>
    /// <param name="resumeFrom">Where an interrupted walk of the same query stood; null to start.</param>
    /// <param name="writtenBefore">Ids an earlier run wrote that this query can return again: never written twice.</param>
    public SessionWalk(
        OpenCxClient client,
        SessionQuery query,
        int pageSize,
        PagingBudget budget,
        bool readAhead = true,
        WalkPosition? resumeFrom = null,
        IEnumerable<Guid>? writtenBefore = null)
    {
        if (pageSize < 1 || pageSize > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be between 1 and 100.");
        }

        _client = client ?? throw new ArgumentNullException(nameof(client));
        _query = query ?? throw new ArgumentNullException(nameof(query));
        _pageSize = pageSize;
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _readAhead = readAhead;
        _order = query.SortOrder;

        // A page of one session cannot show whether the server sorts: walk by page number.
        _planned = query.SortBy == SessionSortField.CreatedAt && pageSize > 1 ? WalkMode.Keyset : WalkMode.PageNumbers;
        _mode = _planned == WalkMode.PageNumbers || _order == SessionSortOrder.Ascending ? WalkMode.FindNewest : _planned;

        // -Skip costs no download for the whole pages it covers: the first request starts at the
        // page that holds the first wanted session.
        ulong wholePages = budget.SkipRemaining / (ulong)pageSize;
        _firstPage = (int)Math.Min(wholePages, int.MaxValue - 1) + 1;
        budget.SkipRemaining -= (ulong)(_firstPage - 1) * (ulong)pageSize;
        _page = _firstPage;
        _limit = LimitForNewSeries(alreadyConsumed: 0);
        _consumed = new ConsumedSessions(writtenBefore);
        _seriesPagesAllowedWithoutProgress = _consumed.RepeatableCount / _limit;
        if (resumeFrom is not null)
        {
            Resume(resumeFrom);
        }
    }

    /// <summary>Where the walk stands after the last page <see cref="NextAsync"/> returned.</summary>
    public WalkPosition Position => new()
    {
        Mode = _mode switch
        {
            WalkMode.FindNewest => WalkPosition.FindingNewest,
            WalkMode.Keyset => WalkPosition.Keyset,
            WalkMode.PageNumbers => WalkPosition.PageNumbers,
            _ => WalkPosition.Complete,
        },
        SortTrusted = _sortTrusted,
        FellBack = _fellBack,
        NewestAtStart = _newestAtStart,
        UpperEnd = _upperEnd,
        Boundary = _boundary,
        Page = _page,
        Limit = _limit,
        AtBoundary = _consumed.Repeatable(pageNumbers: _mode == WalkMode.PageNumbers),
        Newest = _consumed.Newest,
        AtNewest = new List<Guid>(_consumed.AtNewest),
        Consumed = _consumed.Count,
    };

    private void Resume(WalkPosition position)
    {
        _mode = position.Mode switch
        {
            WalkPosition.Keyset => WalkMode.Keyset,
            WalkPosition.PageNumbers => WalkMode.PageNumbers,
            WalkPosition.Complete => WalkMode.Done,
            _ => _mode,
        };
        _sortTrusted = position.SortTrusted;
        _fellBack = position.FellBack;
        _warnedOfDates = position.FellBack;
        _newestAtStart = position.NewestAtStart;
        _upperEnd = position.UpperEnd;
        _boundary = position.Boundary;
        if (position.Limit > 0)
        {
            _page = position.Page;
            _limit = position.Limit;
        }

        _consumed.Restore(position);
        _seriesPagesAllowedWithoutProgress = _consumed.RepeatableCount / Math.Max(1, _limit);
    }

    /// <summary>The next page, or null once the walk is complete (or -First is satisfied).</summary>
    /// <exception cref="OpenCxException">A request failed for good, or the server kept promising pages with nothing new.</exception>
    public async Task<WalkPage?> NextAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        if (_mode == WalkMode.Done || _budget.IsSatisfied)
        {
            return null;
        }

        InFlight current = _next ?? Send(trace, cancellationToken);
        _next = null;
        SessionPage answer = await current.Answer.ConfigureAwait(false);
        IReadOnlyList<ChatSession> fresh = Take(current.Request, answer);

        // -First satisfied stops the walk where it stands, not at its end: a checkpoint resumes it there.
        bool last = _mode == WalkMode.Done || _budget.IsSatisfied;
        if (!last && _readAhead)
        {
            _next = Send(trace, cancellationToken);
        }

        string? warning = _warning;
        _warning = null;
        return new WalkPage(fresh, current.Request.Describe(), warning, last);
    }

    private InFlight Send(IClientTrace? trace, CancellationToken cancellationToken)
    {
        FilterRequest request = NextRequest();
        _requestsSent++;
        return new InFlight(request, _client.FilterAsync(request, trace, cancellationToken));
    }

    private FilterRequest NextRequest()
    {
        DateTime? from = _query.CreatedFrom;
        DateTime? to = Earlier(_query.CreatedBefore, Up(_upperEnd));
        switch (_mode)
        {
            case WalkMode.FindNewest:
                return new FilterRequest(_query, from, to, SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, Math.Max(2, _pageSize));
            case WalkMode.Keyset when _boundary is DateTime boundary:
                if (_order == SessionSortOrder.Ascending)
                {
                    from = Later(from, Down(boundary));
                }
                else
                {
                    to = Earlier(to, Up(boundary));
                }

                return new FilterRequest(_query, from, to, SessionSortField.CreatedAt, _order, _page, _limit);
            case WalkMode.Keyset:
                return new FilterRequest(_query, from, to, SessionSortField.CreatedAt, _order, _page, _limit);
            default:
                return new FilterRequest(_query, from, to, _query.SortBy, _order, _page, _limit);
        }
    }

    private IReadOnlyList<ChatSession> Take(FilterRequest request, SessionPage answer) => _mode switch
    {
        WalkMode.FindNewest => TakeNewest(request, answer),
        WalkMode.Keyset => TakeKeysetPage(request, answer),
        _ => TakeNumberedPage(request, answer),
    };

    /// <summary>Ends the range at the newest matching session, unless the page shows it cannot be trusted for that.</summary>
    private IReadOnlyList<ChatSession> TakeNewest(FilterRequest request, SessionPage answer)
    {
        IReadOnlyList<ChatSession> newest = answer.Sessions;
        if (newest.Count == 0)
        {
            _mode = WalkMode.Done;
            return newest;
        }

        ServerDeviation? disorder = PageCheck.Order(newest, SessionSortOrder.Descending, previous: null);
        if (disorder is not null)
        {
            _sortTrusted = false;
            if (_planned == WalkMode.Keyset)
            {
                FallBack(disorder);
            }
            else
            {
                _mode = WalkMode.PageNumbers;
                _warning = $"{disorder.Description} So the range does not end at the newest session found at the start: sessions created while the command runs may be written too, each still once.";
            }

            return Array.Empty<ChatSession>();
        }

        _newestAtStart = newest[0].CreatedAt;
        _upperEnd = _newestAtStart;
        ServerDeviation? outside = PageCheck.Range(newest, request);
        if (outside is not null && _planned == WalkMode.Keyset)
        {
            FallBack(outside);
            return Array.Empty<ChatSession>();
        }

        // Walking by page number anyway, the walk only has to drop what lies outside the range.
        _mode = _planned;
        if (outside is not null)
        {
            WarnOfDates(outside);
        }

        return Array.Empty<ChatSession>();
    }

    private IReadOnlyList<ChatSession> TakeKeysetPage(FilterRequest request, SessionPage answer)
    {
        IReadOnlyList<ChatSession> sessions = answer.Sessions;
        ServerDeviation? deviation = PageCheck.Order(sessions, _order, _lastOfPreviousPage) ?? PageCheck.Range(sessions, request);
        if (deviation is not null)
        {
            // The page can hold any session: it is taken under the page-number walk's memory of every id.
            _sortTrusted &= deviation.Kind != ServerDeviationKind.Order;
            FallBack(deviation);
            return Consume(sessions, out _);
        }

        if (_newestAtStart is null && _firstPage == 1 && sessions.Count > 0)
        {
            // Newest first, the first page's first session is the newest: kept in case the walk falls back.
            _newestAtStart = sessions[0].CreatedAt;
        }

        List<ChatSession> fresh = Consume(sessions, out int consumed);
        if (_budget.IsSatisfied)
        {
            // The page may hold more: the position stays on it, its consumed sessions remembered.
            return fresh;
        }

        if (consumed == 0 && answer.HasNext && ++_seriesPagesWithoutProgress > _seriesPagesAllowedWithoutProgress)
        {
            FallBack(new ServerDeviation(
                ServerDeviationKind.NoProgress,
                $"The server said more sessions follow, but page {request.Page} of the request for {request.DescribeRange()} brought none not already written."));
            return fresh;
        }

        if (!answer.HasNext || sessions.Count == 0 || PastTheRange(sessions[sessions.Count - 1].CreatedAt))
        {
            _mode = WalkMode.Done;
            return fresh;
        }

        DateTime last = sessions[sessions.Count - 1].CreatedAt;
        if (consumed > 0 && last != _boundary)
        {
            MoveBoundary(last);
        }
        else
        {
            // Still inside one block of equal creation times: walk it by page number.
            _page++;
            _lastOfPreviousPage = last;
        }

        return fresh;
    }

    private IReadOnlyList<ChatSession> TakeNumberedPage(FilterRequest request, SessionPage answer)
    {
        IReadOnlyList<ChatSession> sessions = answer.Sessions;
        ServerDeviation? outside = PageCheck.Range(sessions, request);
        if (outside is not null)
        {
            WarnOfDates(outside);
        }

        bool progressed = false;
        _seenByPageNumber ??= new HashSet<Guid>();
        foreach (ChatSession session in sessions)
        {
            progressed |= _seenByPageNumber.Add(session.Id);
        }

        _consumed.StartPage();
        List<ChatSession> fresh = Consume(sessions, out _);
        if (_budget.IsSatisfied)
        {
            return fresh;
        }

        if (!answer.HasNext)
        {
            _mode = WalkMode.Done;
            return fresh;
        }

        _pagesWithoutProgress = progressed ? 0 : _pagesWithoutProgress + 1;
        if (_pagesWithoutProgress >= MaximumPagesWithoutProgress)
        {
            throw new OpenCxException(
                OpenCxErrorKind.PagingStalled,
                $"The server said more pages follow, but {MaximumPagesWithoutProgress} pages in a row brought no session not already seen ({_requestsSent} requests in all). Stopping rather than asking forever; the sessions written so far are complete and not repeated.");
        }

        _page++;
        return fresh;
    }

    /// <summary>The sessions of a page that match, are new, and that -Skip and -First let through.</summary>
    private List<ChatSession> Consume(IReadOnlyList<ChatSession> sessions, out int consumed)
    {
        consumed = 0;
        var fresh = new List<ChatSession>(sessions.Count);
        foreach (ChatSession session in sessions)
        {
            if (_budget.IsSatisfied)
            {
                // Not consumed: a walk continued from here (a checkpoint) must still write them.
                break;
            }

            if (!_query.InDateRange(session.CreatedAt) || session.CreatedAt > _upperEnd || !_consumed.Add(session, keyset: _mode == WalkMode.Keyset))
            {
                continue;
            }

            consumed++;
            if (_budget.SkipRemaining > 0)
            {
                _budget.SkipRemaining--;
                continue;
            }

            fresh.Add(session);
            if (_budget.FirstRemaining != ulong.MaxValue)
            {
                _budget.FirstRemaining--;
            }
        }

        return fresh;
    }

    private void MoveBoundary(DateTime boundary)
    {
        _boundary = boundary;
        _page = 1;
        _lastOfPreviousPage = null;
        _seriesPagesWithoutProgress = 0;
        if (_order == SessionSortOrder.Ascending)
        {
            _consumed.ForgetOutside(Down(boundary), null);
        }
        else
        {
            _consumed.ForgetOutside(null, Up(boundary));
        }

        _limit = LimitForNewSeries(_consumed.NearBoundaryCount);

        // Those sessions come first in the series: pages holding only them are no sign of a fault.
        _seriesPagesAllowedWithoutProgress = _consumed.RepeatableCount / _limit;
    }

    /// <summary>
    /// True once the walk, in its order, has passed the end of the user's range: every later
    /// session lies outside it too.
    /// </summary>
    private bool PastTheRange(DateTime createdAt) => _order == SessionSortOrder.Ascending
        ? createdAt >= _query.CreatedBefore || createdAt > _upperEnd
        : createdAt < _query.CreatedFrom;

    /// <summary>
    /// The limit of a request series that starts at page 1: no more than -First still wants, plus
    /// the sessions already written that the series can return again. Within a series the limit
    /// stays, since page numbers count in it; with -Skip still running, page arithmetic needs the page size.
    /// </summary>
    private int LimitForNewSeries(int alreadyConsumed)
    {
        if (_budget.SkipRemaining > 0 || _budget.FirstRemaining >= (ulong)_pageSize)
        {
            return _pageSize;
        }

        return (int)Math.Min((ulong)_pageSize, _budget.FirstRemaining + (ulong)alreadyConsumed);
    }

    /// <summary>Once, and only when no warning has said more: the walk filters the dates itself.</summary>
    private void WarnOfDates(ServerDeviation outside)
    {
        if (_fellBack || _warnedOfDates)
        {
            return;
        }

        _warnedOfDates = true;
        _warning = $"{outside.Description} The module drops the sessions outside your date range itself.";
    }

    /// <summary>Stops trusting the server: the rest is read by page number over the same range.</summary>
    private void FallBack(ServerDeviation deviation)
    {
        _fellBack = true;
        _mode = WalkMode.PageNumbers;
        _page = _firstPage;
        _limit = _pageSize;
        _seenByPageNumber = new HashSet<Guid>();
        _pagesWithoutProgress = 0;

        // Ends the range at the newest session seen at the start only if the server was seen to
        // sort: otherwise that session need not be the newest.
        _upperEnd = _sortTrusted ? _newestAtStart : null;
        _warning = $"{deviation.Description} Reading the rest by page number instead, as a plain loop would: each session is "
            + "still written once, and sessions outside your date range are dropped, but sessions that change while the "
            + "command runs can now be missed or come late. Sessions already written are correct.";
    }

    // One millisecond wider, for servers that store finer times than they print or read a bound
    // as exclusive; the ids already written remove the overlap. Saturates at the calendar's ends.
    private static DateTime? Down(DateTime? instant) =>
        instant is DateTime value && value.Ticks >= Overlap.Ticks ? value - Overlap : instant;

    private static DateTime? Up(DateTime? instant) =>
        instant is DateTime value && value <= DateTime.MaxValue - Overlap ? value + Overlap : instant;

    private static DateTime? Earlier(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private enum WalkMode
    {
        /// <summary>Asks for the newest matching sessions, to end the range there.</summary>
        FindNewest,
        Keyset,
        PageNumbers,
        Done,
    }

    private sealed class InFlight
    {
        public InFlight(FilterRequest request, Task<SessionPage> answer)
        {
            Request = request;
            Answer = answer;
        }

        public FilterRequest Request { get; }

        public Task<SessionPage> Answer { get; }
    }
}
