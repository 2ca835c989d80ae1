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
/// Every page is checked for order and range before it chooses the next request. So that the
/// server need not wait for that, a keyset request is sent on a guess as soon as the page before
/// is in (<see cref="KeysetLookahead"/>), and its answer is used only when the checked page
/// chooses exactly that request; a wrong guess is cancelled and named for -Verbose. When a page
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

    /// <summary>The request for the page after the one returned last, already sent.</summary>
    private InFlightRequest? _next;

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

        InFlightRequest current = _next ?? Send(trace, cancellationToken);
        _next = null;
        current.Awaited();
        SessionPage answer;
        try
        {
            // A request sent ahead under an earlier call's token heeds this call's too.
            using (current.CancelledBy(cancellationToken))
            {
                answer = await current.Answer.ConfigureAwait(false);
            }
        }
        catch
        {
            Drop(current.CloseForeseen(), "the request before it failed", trace);
            throw;
        }
        finally
        {
            current.Release();
        }

        bool findsNewest = current.Mode == WalkMode.FindNewest;
        IReadOnlyList<ChatSession> fresh = current.Mode switch
        {
            WalkMode.FindNewest => NewestProbe.Take(_state, current.Request, answer),
            WalkMode.Keyset => KeysetSeries.Take(_state, current.Request, answer),
            _ => PageNumberSeries.Take(_state, current.Request, answer),
        };

        // -First satisfied stops the walk where it stands, not at its end: a checkpoint resumes it there.
        bool last = _state.IsOver && SortCheck.Pending(_state) is null;
        InFlightRequest? foreseen = current.CloseForeseen();
        if (!_state.IsOver && _state.Options.ReadAhead && SortCheck.Pending(_state) is null)
        {
            _next = Follow(foreseen, trace, cancellationToken);
        }
        else
        {
            // A guess is made only once the order is checked, and no check is asked for after
            // that: nothing was sent ahead, unless the walk ended on this page.
            Drop(foreseen, "the walk ended", trace);
        }

        return new WalkPage(fresh, current.Request.Describe(), _state.TakeWarnings(), last, findsNewest, checks);
    }

    /// <summary>The request the walk asks for now: the one sent ahead on a glance when it is exactly that, else a new one.</summary>
    private InFlightRequest Follow(InFlightRequest? foreseen, IClientTrace? trace, CancellationToken cancellationToken)
    {
        if (foreseen is not null)
        {
            FilterRequest wanted = Planned();
            if (_state.Mode == foreseen.Mode && wanted == foreseen.Request)
            {
                _state.RequestsSent++;
                return foreseen;
            }

            Drop(foreseen, $"the page before called for another ({wanted.Describe()})", trace);
        }

        return Send(trace, cancellationToken);
    }

    private FilterRequest Planned() => _state.Mode switch
    {
        WalkMode.FindNewest => NewestProbe.Request(_state),
        WalkMode.Keyset => KeysetSeries.Request(_state),
        _ => PageNumberSeries.Request(_state),
    };

    private InFlightRequest Send(IClientTrace? trace, CancellationToken cancellationToken)
    {
        _state.RequestsSent++;
        if (_state.Mode == WalkMode.Keyset && _state.Options.ReadAhead && KeysetLookahead.Of(_state) is KeysetLookahead at)
        {
            return SendAhead(at, trace, cancellationToken, ownCancel: null);
        }

        FilterRequest request = Planned();
        return new InFlightRequest(_state.Mode, request, ownCancel: null)
        {
            Answer = _client.FilterAsync(request, trace, cancellationToken),
        };
    }

    /// <summary>Sends a keyset request that, on a glance at its page, sends the one foretold to follow it.</summary>
    /// <param name="ownCancel">The request's own cancellation, linked to <paramref name="walkToken"/>, for a request sent ahead; null for one the walk sends itself.</param>
    private InFlightRequest SendAhead(KeysetLookahead at, IClientTrace? trace, CancellationToken walkToken, CancellationTokenSource? ownCancel)
    {
        var flight = new InFlightRequest(WalkMode.Keyset, at.Request, ownCancel);
        flight.Answer = _client.FilterAsync(at.Request, trace, ownCancel?.Token ?? walkToken, glance =>
        {
            if (at.After(glance) is KeysetLookahead next)
            {
                flight.Foresee(() =>
                {
                    var cancel = CancellationTokenSource.CreateLinkedTokenSource(walkToken);
                    return SendAhead(next, trace, walkToken, cancel);
                });
            }
        });
        return flight;
    }

    /// <summary>Gives up a request sent ahead for nothing (and any it sent ahead in turn), and says why for -Verbose.</summary>
    private void Drop(InFlightRequest? flight, string why, IClientTrace? trace)
    {
        while (flight is not null)
        {
            _state.RequestsSent++;
            InFlightRequest? after = flight.CloseForeseen();
            flight.Abandon();
            trace?.Note($"A request sent ahead ({flight.Request.Describe()}) is not used: {why}.");
            flight = after;
            why = "the request before it was not used";
        }
    }
}
