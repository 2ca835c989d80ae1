using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Paging;

/// <summary>
/// Walks every page of one query and hands back only sessions not handed back before, so that a
/// long enumeration over a changing data set writes each session that matched at the start once.
/// </summary>
/// <remarks>
/// Offset paging over an order that moves (the API's default, last_message_at) skips and repeats
/// sessions as they receive messages. So by default the pager sorts by created_at, which never
/// changes, and pages by keyset: each request asks for sessions created at or before the oldest
/// one seen so far, and drops the few it has already seen at that boundary. Ties larger than a
/// page are walked by page number under the same boundary. Newest first, sessions created
/// meanwhile are above every boundary and never come into view. Oldest first (and in offset
/// mode) they would, so the pager first asks for the newest matching session and freezes the
/// upper end of the date range at its creation time: the server's own time, so no clock of
/// the client's, early or late, can hide a session or let one in that came later.
/// With -SortBy last_message_at the user asked for the moving order: the pager freezes the upper
/// bound and drops repeats, but cannot promise that no session moves past a page boundary.
/// No server behaviour, however wrong, can make the pager write a session twice: in keyset mode
/// it ignores any session outside the range it asked for and remembers the ids it wrote that
/// the next boundary request can return again (so memory stays flat however long the walk);
/// in offset mode, where any page can repeat any session, it remembers every id.
/// </remarks>
public sealed class SessionPager
{
    /// <summary>Pages in a row that bring nothing new before the pager stops trusting has_next.</summary>
    internal const int MaximumPagesWithoutProgress = 3;

    // The boundary request reaches 1 ms past the oldest session seen, so a server that stores
    // finer times than it prints cannot hide a session at the boundary; the seen ids remove the overlap.
    private static readonly TimeSpan BoundaryOverlap = TimeSpan.FromMilliseconds(1);


    private readonly OpenCxClient _client;
    private bool _upperBoundToFreeze;
    private SessionFilter _filter;
    private readonly int _pageSize;
    private readonly PagingBudget _budget;
    private readonly bool _keyset;
    private readonly bool _ascending;
    private readonly Dictionary<Guid, DateTimeOffset> _written = new Dictionary<Guid, DateTimeOffset>();
    private DateTimeOffset? _boundary;
    private int _page;
    private int _pagesWithoutProgress;

    public SessionPager(OpenCxClient client, SessionFilter filter, int pageSize, PagingBudget budget)
    {
        if (pageSize < 1 || pageSize > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be between 1 and 100.");
        }

        _client = client;
        _pageSize = pageSize;
        _budget = budget;
        _keyset = filter.SortBy is null || filter.SortBy == "created_at";
        _ascending = filter.SortOrder == "asc";
        _upperBoundToFreeze = _ascending || !_keyset;
        _filter = filter.With(f =>
        {
            f.SortBy = _keyset ? "created_at" : f.SortBy;
            f.SortOrder = _ascending ? "asc" : "desc";
        });

        // -Skip costs no download for the whole pages it covers: the first request starts at
        // the page that holds the first wanted session.
        ulong wholePages = budget.SkipRemaining / (ulong)pageSize;
        _page = (int)Math.Min(wholePages, int.MaxValue - 1) + 1;
        budget.SkipRemaining -= (ulong)(_page - 1) * (ulong)pageSize;
    }

    /// <summary>True once the server has no more pages or the pipeline wants no more sessions.</summary>
    public bool IsComplete { get; private set; }

    private int RequestsSent { get; set; }

    /// <summary>Fetches the next page and returns its sessions that are new and wanted (possibly none).</summary>
    public async Task<IReadOnlyList<ChatSession>> NextAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        if (IsComplete)
        {
            return Array.Empty<ChatSession>();
        }

        if (_upperBoundToFreeze && !await FreezeUpperBoundAsync(trace, cancellationToken).ConfigureAwait(false))
        {
            IsComplete = true;
            return Array.Empty<ChatSession>();
        }

        SessionFilter request = RequestFilter();
        SessionPage page = await _client.FilterAsync(request, _page, _pageSize, trace, cancellationToken).ConfigureAwait(false);
        RequestsSent++;

        IReadOnlyList<ChatSession> answered = _keyset ? WithinRange(page.Sessions, request) : page.Sessions;
        var wanted = new List<ChatSession>(answered.Count);
        bool progressed = false;
        foreach (ChatSession session in answered)
        {
            if (_written.ContainsKey(session.Id))
            {
                continue;
            }

            _written[session.Id] = session.CreatedAt;
            progressed = true;
            if (_budget.SkipRemaining > 0)
            {
                _budget.SkipRemaining--;
            }
            else if (!_budget.IsSatisfied)
            {
                wanted.Add(session);
                if (_budget.FirstRemaining != ulong.MaxValue)
                {
                    _budget.FirstRemaining--;
                }
            }
        }

        Advance(answered, progressed);
        IsComplete = !page.HasNext || _budget.IsSatisfied;
        if (!IsComplete)
        {
            _pagesWithoutProgress = progressed ? 0 : _pagesWithoutProgress + 1;
            if (_pagesWithoutProgress >= MaximumPagesWithoutProgress)
            {
                throw new OpenCxException(
                    OpenCxErrorKind.PagingStalled,
                    $"The server said more pages follow, but {MaximumPagesWithoutProgress} pages in a row brought no session not already written ({RequestsSent} requests in all). Stopping rather than asking forever; the sessions written so far are complete and not repeated.");
            }
        }

        return wanted;
    }

    private SessionFilter RequestFilter()
    {
        if (!_keyset || _boundary is null)
        {
            return _filter;
        }

        DateTimeOffset boundary = _boundary.Value;
        return _ascending
            ? _filter.With(f => f.CreatedAfter = Later(boundary - BoundaryOverlap, f.CreatedAfter))
            : _filter.With(f => f.CreatedBefore = Earlier(boundary + BoundaryOverlap, f.CreatedBefore));
    }

    /// <summary>
    /// Asks for the newest matching session and ends the date range at its creation time (plus
    /// the overlap, for a server that stores finer times than it prints). False when nothing
    /// matches: the query is then complete.
    /// </summary>
    private async Task<bool> FreezeUpperBoundAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        SessionFilter newestFirst = _filter.With(f =>
        {
            f.SortBy = "created_at";
            f.SortOrder = "desc";
        });
        SessionPage newest = await _client.FilterAsync(newestFirst, 1, 1, trace, cancellationToken).ConfigureAwait(false);
        RequestsSent++;
        _upperBoundToFreeze = false;
        if (newest.Sessions.Count == 0)
        {
            return false;
        }

        DateTimeOffset bound = newest.Sessions[0].CreatedAt + BoundaryOverlap;
        _filter = _filter.With(f => f.CreatedBefore = Earlier(bound, f.CreatedBefore));
        return true;
    }

    // The overlap must never widen the user's own date range.
    private static DateTimeOffset Earlier(DateTimeOffset value, DateTimeOffset? limit) =>
        limit.HasValue && limit.Value < value ? limit.Value : value;

    private static DateTimeOffset Later(DateTimeOffset value, DateTimeOffset? limit) =>
        limit.HasValue && limit.Value > value ? limit.Value : value;

    /// <summary>The sessions a server honouring the request could have sent: a wrong one's others are ignored.</summary>
    private static IReadOnlyList<ChatSession> WithinRange(IReadOnlyList<ChatSession> sessions, SessionFilter request)
    {
        DateTimeOffset from = request.CreatedAfter.HasValue ? FilterRequestWriter.AsSent(request.CreatedAfter.Value) : DateTimeOffset.MinValue;
        DateTimeOffset to = request.CreatedBefore.HasValue ? FilterRequestWriter.AsSent(request.CreatedBefore.Value) : DateTimeOffset.MaxValue;
        var inside = new List<ChatSession>(sessions.Count);
        foreach (ChatSession session in sessions)
        {
            if (session.CreatedAt >= from && session.CreatedAt <= to)
            {
                inside.Add(session);
            }
        }

        return inside;
    }

    private void Advance(IReadOnlyList<ChatSession> answered, bool progressed)
    {
        if (!_keyset)
        {
            _page++;
            return;
        }

        DateTimeOffset? newBoundary = answered.Count > 0 ? answered[answered.Count - 1].CreatedAt : _boundary;
        if (!progressed || newBoundary == _boundary)
        {
            // Still inside one block of equal creation times: walk it by page number.
            _page++;
        }
        else
        {
            _page = 1;
            _boundary = newBoundary;
            ForgetUnreachable(newBoundary!.Value);
        }
    }

    /// <summary>Drops the ids that no request from this boundary on can return (they lie outside its range).</summary>
    private void ForgetUnreachable(DateTimeOffset boundary)
    {
        var unreachable = new List<Guid>();
        foreach (KeyValuePair<Guid, DateTimeOffset> entry in _written)
        {
            bool reachable = _ascending
                ? entry.Value >= boundary - BoundaryOverlap
                : entry.Value <= boundary + BoundaryOverlap;
            if (!reachable)
            {
                unreachable.Add(entry.Key);
            }
        }

        foreach (Guid id in unreachable)
        {
            _written.Remove(id);
        }
    }
}
