using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Cursors;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Listing;

/// <summary>
/// Reads every session of a <see cref="ListQuery"/> from the list endpoint (GET /chat/sessions),
/// each once, one cursor walk per status and channel, checking every session it is sent.
/// </summary>
/// <remarks>
/// The spec documents neither an order nor whether the cursor holds still while sessions change.
/// So nothing here relies on either: a session the server sends outside what was asked is
/// dropped and counted, and the first page with one says so; a session sent again (the cursor
/// shifted, or it moved to another status between two series) is dropped by id; a cursor the
/// server gives twice, or pages that bring nothing new for ever, stop the walk with
/// <see cref="OpenCxErrorKind.PagingStalled"/> (<see cref="CursorWalk{TItem}"/>). A session that
/// changes while the walk runs may be missed by a cursor that moves under it: its new
/// updated_at lies after the walk began, where the next run of a sync starts.
/// </remarks>
public sealed class SessionListWalk
{
    private readonly Func<ListRequest, string?, IClientTrace?, CancellationToken, Task<CursorResponse<ChatSession>>> _fetch;
    private readonly ListQuery _query;
    private readonly ReturnedSessionFilter? _filter;
    private readonly PagingBudget _budget;
    private readonly IReadOnlyList<ListRequest> _requests;
    private readonly HashSet<Guid> _taken;
    private readonly IReadOnlyDictionary<Guid, DateTime> _writtenEarlier;
    private int _series;
    private string? _resumeCursor;
    private CursorWalk<ChatSession>? _walk;
    private IClientTrace? _trace;
    private bool _warned;

    /// <param name="client">The connection's client.</param>
    /// <param name="query">What to read.</param>
    /// <param name="filter">Filters applied to what comes back; null for none.</param>
    /// <param name="budget">-Skip and -First.</param>
    /// <param name="resumeFrom">Where an interrupted walk of the same query stood; null to start.</param>
    /// <param name="takenBefore">Ids that walk already wrote: never written again.</param>
    /// <param name="writtenEarlier">Sessions an earlier run wrote, with the updated_at they had: not written again in that state.</param>
    public SessionListWalk(
        OpenCxClient client,
        ListQuery query,
        ReturnedSessionFilter? filter,
        PagingBudget budget,
        ListPosition? resumeFrom = null,
        IEnumerable<Guid>? takenBefore = null,
        IReadOnlyDictionary<Guid, DateTime>? writtenEarlier = null)
        : this(
            (client ?? throw new ArgumentNullException(nameof(client))).ListSessionsAsync,
            query,
            filter,
            budget,
            resumeFrom,
            takenBefore,
            writtenEarlier)
    {
    }

    internal SessionListWalk(
        Func<ListRequest, string?, IClientTrace?, CancellationToken, Task<CursorResponse<ChatSession>>> fetch,
        ListQuery query,
        ReturnedSessionFilter? filter,
        PagingBudget budget,
        ListPosition? resumeFrom = null,
        IEnumerable<Guid>? takenBefore = null,
        IReadOnlyDictionary<Guid, DateTime>? writtenEarlier = null)
    {
        _fetch = fetch;
        _query = query ?? throw new ArgumentNullException(nameof(query));
        _filter = filter;
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _requests = query.Requests();
        _taken = new HashSet<Guid>(takenBefore ?? Array.Empty<Guid>());
        _writtenEarlier = writtenEarlier ?? new Dictionary<Guid, DateTime>();
        if (resumeFrom is not null)
        {
            _series = Math.Min(Math.Max(resumeFrom.Series, 0), _requests.Count);
            _resumeCursor = resumeFrom.Cursor;
        }
    }

    /// <summary>Where the walk stands after the last page <see cref="NextAsync"/> returned.</summary>
    public ListPosition Position => new() { Series = _series, Cursor = _walk is null ? _resumeCursor : _walk.Position };

    public bool IsComplete => _series >= _requests.Count;

    /// <summary>Sessions the server sent outside what was asked, dropped, over the whole walk.</summary>
    public long OutsideCount { get; private set; }

    /// <summary>Sessions the server sent again after the walk had them, dropped, over the whole walk.</summary>
    public long RepeatedCount { get; private set; }

    /// <summary>The requests of the walk, one per status and channel, for -Verbose.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (ListRequest request in _requests)
        {
            yield return request.Describe();
        }
    }

    /// <summary>The next page, or null once the walk is complete (or -First is satisfied).</summary>
    /// <exception cref="OpenCxException">A request failed for good, or the server's cursor goes round in circles or never ends.</exception>
    public async Task<ListPage?> NextAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        if (IsComplete || _budget.IsSatisfied)
        {
            return null;
        }

        _trace = trace;
        ListPosition before = Position;
        ListRequest request = _requests[_series];
        _walk ??= new CursorWalk<ChatSession>(
            (cursor, token) => _fetch(request, cursor, _trace, token),
            session => session.Id.ToString(),
            request.Describe(),
            startAt: _resumeCursor);
        _resumeCursor = null;
        CursorPage<ChatSession> page = (await _walk.NextAsync(cancellationToken).ConfigureAwait(false))!;

        int repeated = page.Repeated;
        int outside = 0;
        string? firstOutside = null;
        bool cutShort = false;
        var fresh = new List<ChatSession>(page.Items.Count);
        foreach (ChatSession session in page.Items)
        {
            if (_budget.IsSatisfied)
            {
                cutShort = true;
                break;
            }

            string? why = request.Outside(session);
            if (why is not null)
            {
                outside++;
                firstOutside ??= $"{session.Id}: {why}";
                continue;
            }

            if (!_query.Wants(session) || (_filter is not null && !_filter.Matches(session)))
            {
                continue;
            }

            if (!_taken.Add(session.Id))
            {
                repeated++;
                continue;
            }

            if (_writtenEarlier.TryGetValue(session.Id, out DateTime writtenAt) && writtenAt == session.UpdatedAt)
            {
                continue;
            }

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

        OutsideCount += outside;
        RepeatedCount += repeated;
        string? warning = null;
        if (outside > 0 && !_warned)
        {
            _warned = true;
            warning = $"The server sent {outside} session(s) outside what {request.Describe()} asked for (the first, {firstOutside}). "
                + "The module drops such sessions and counts them; the count for the whole command comes at its end.";
        }

        if (cutShort)
        {
            // -First stopped inside the page: a walk continued from here reads it again, and the
            // ids taken drop what this run already wrote of it.
            _walk = null;
            _resumeCursor = before.Cursor;
        }
        else if (page.IsLast)
        {
            _series++;
            _walk = null;
        }

        return new ListPage(fresh, request.Describe(), repeated, outside, warning, IsComplete || _budget.IsSatisfied, before);
    }
}
