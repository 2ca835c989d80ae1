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
/// changes, and pages by keyset (<see cref="KeysetSeries"/>), reading blocks of equal creation
/// times larger than a page until it has them whole. Newest first, sessions created meanwhile
/// are above every boundary and never come into view; oldest first, and whenever it pages by
/// number, the walk first asks for the newest matching session and ends the range there
/// (<see cref="NewestProbe"/>).
/// </para>
/// <para>
/// Every page is checked for order and range before it chooses the next request. When a page
/// shows the server doing otherwise than keyset paging needs, the walk says so once and reads the
/// rest by page number (<see cref="PageNumberSeries"/>), remembering every id it consumed. Every
/// session of a page that is not written for a reason the user did not ask for is named in a
/// warning of that page.
/// </para>
/// <para>
/// Where the walk stands is a <see cref="WalkPosition"/>: an interrupted walk continues from it,
/// and a complete one starts an incremental run there, reading again the look-back window
/// before the newest session consumed and recognising its sessions by id.
/// </para>
/// </remarks>
public sealed class SessionWalk
{
    private readonly OpenCxClient _client;
    private readonly WalkState _state;
    private InFlight? _next;

    /// <param name="client">The connection's client.</param>
    /// <param name="query">What to read.</param>
    /// <param name="budget">-Skip and -First, shared by the walks of one command.</param>
    /// <param name="options">Page size, read-ahead, look-back window; null for the defaults.</param>
    /// <param name="resumeFrom">
    /// Where an earlier walk of the same query stood: an interrupted one continues, a complete
    /// one starts an incremental run. Null to start.
    /// </param>
    public SessionWalk(OpenCxClient client, SessionQuery query, PagingBudget budget, WalkOptions? options = null, WalkPosition? resumeFrom = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _state = new WalkState(
            query ?? throw new ArgumentNullException(nameof(query)),
            options ?? new WalkOptions(),
            budget ?? throw new ArgumentNullException(nameof(budget)),
            resumeFrom);
    }

    /// <summary>Where the walk stands after the last page <see cref="NextAsync"/> returned.</summary>
    public WalkPosition Position => _state.ToPosition();

    /// <summary>The look-back window this walk keeps, for <see cref="WalkPosition.Including"/>.</summary>
    public TimeSpan LookBack => _state.Options.LookBack;

    /// <summary>The next page, or null once the walk is complete (or -First is satisfied).</summary>
    /// <exception cref="OpenCxException">A request failed for good, or the server kept promising pages with nothing new.</exception>
    public async Task<WalkPage?> NextAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        // The checks of the server's order the page before asked for, once that page is written,
        // before the walk relies on that order for its next request.
        var checks = new List<string>();
        while (SortCheck.Pending(_state) is FilterRequest check)
        {
            checks.Add(check.Describe());
            _state.RequestsSent++;
            SortCheck.Take(_state, await _client.FilterAsync(check, trace, cancellationToken).ConfigureAwait(false));
        }

        if (_state.IsOver)
        {
            // A check that found the server not sorting after the last page: what it found is said.
            IReadOnlyList<string> found = _state.TakeWarnings();
            return found.Count == 0 ? null : new WalkPage(Array.Empty<ChatSession>(), string.Empty, found, isLast: true, findsNewest: false, checks);
        }

        InFlight current = _next ?? Send(trace, cancellationToken);
        _next = null;
        SessionPage answer = await current.Answer.ConfigureAwait(false);
        bool findsNewest = current.Mode == WalkMode.FindNewest;
        IReadOnlyList<ChatSession> fresh = current.Mode switch
        {
            WalkMode.FindNewest => NewestProbe.Take(_state, current.Request, answer),
            WalkMode.Keyset => KeysetSeries.Take(_state, current.Request, answer),
            _ => PageNumberSeries.Take(_state, current.Request, answer),
        };

        // -First satisfied stops the walk where it stands, not at its end: a checkpoint resumes it there.
        bool last = _state.IsOver && SortCheck.Pending(_state) is null;
        if (!_state.IsOver && _state.Options.ReadAhead && SortCheck.Pending(_state) is null)
        {
            _next = Send(trace, cancellationToken);
        }

        return new WalkPage(fresh, current.Request.Describe(), _state.TakeWarnings(), last, findsNewest, checks);
    }

    private InFlight Send(IClientTrace? trace, CancellationToken cancellationToken)
    {
        WalkMode mode = _state.Mode;
        FilterRequest request = mode switch
        {
            WalkMode.FindNewest => NewestProbe.Request(_state),
            WalkMode.Keyset => KeysetSeries.Request(_state),
            _ => PageNumberSeries.Request(_state),
        };
        _state.RequestsSent++;
        return new InFlight(mode, request, _client.FilterAsync(request, trace, cancellationToken));
    }

    private sealed class InFlight
    {
        public InFlight(WalkMode mode, FilterRequest request, Task<SessionPage> answer)
        {
            Mode = mode;
            Request = request;
            Answer = answer;
        }

        public WalkMode Mode { get; }

        public FilterRequest Request { get; }

        public Task<SessionPage> Answer { get; }
    }
}
