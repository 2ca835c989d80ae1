using System;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Client.Querying;

/// <summary>
/// Reads the sessions created after a point, again and again: each poll is an incremental walk,
/// oldest first, from the look-back window before the newest session written so far, so each new
/// session is written once, in order within its poll, even one that became visible late.
/// </summary>
/// <remarks>
/// A session is matched against the filters when a poll reads it: a filter on something that
/// changes later (sentiment, status) sees it as it was then. A session that becomes visible more
/// than the look-back window after its creation time is missed; the spec says nothing of it.
/// </remarks>
public sealed class SessionFollower
{
    private readonly OpenCxClient _client;
    private readonly SessionQuery _query;
    private readonly PagingBudget _budget;
    private readonly WalkOptions _options;

    /// <param name="from">Where the walk before stands, complete: its newest session and look-back window.</param>
    public SessionFollower(OpenCxClient client, SessionQuery query, PagingBudget budget, WalkOptions options, WalkPosition from)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _query = (query ?? throw new ArgumentNullException(nameof(query))) with { SortOrder = SessionSortOrder.Ascending };
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Position = from ?? throw new ArgumentNullException(nameof(from));
    }

    /// <summary>
    /// Where following stands after the last complete poll, or within the last poll that failed:
    /// the next poll continues from here, and so does a checkpoint.
    /// </summary>
    public WalkPosition Position { get; private set; }

    /// <summary>The newest creation time written so far; the next poll reads from the look-back window before it.</summary>
    public DateTime? Since => Position.Newest ?? _query.CreatedFrom;

    /// <summary>
    /// A complete position at the newest session on the server, filters aside: where following
    /// starts when no session matched yet. Null when there is no session at all.
    /// </summary>
    public static async Task<WalkPosition> AtNewestOnServerAsync(OpenCxClient client, SessionQuery query, IClientTrace? trace, CancellationToken cancellationToken)
    {
        var walk = new SessionWalk(client, new SessionQuery { CreatedFrom = query.CreatedFrom }, new PagingBudget(0, 1), new WalkOptions { PageSize = 2, ReadAhead = false });
        WalkPage? page = await walk.NextAsync(trace, cancellationToken).ConfigureAwait(false);
        DateTime? newest = page is null || page.Sessions.Count == 0 ? null : page.Sessions[0].CreatedAt;
        return new WalkPosition { Mode = WalkPosition.Complete, Newest = newest, RunFrom = query.CreatedFrom };
    }

    /// <summary>One poll: an incremental walk, oldest first, from where following stands.</summary>
    public SessionWalk Poll() => new SessionWalk(_client, _query, _budget, _options, Position);

    /// <summary>
    /// Moves on to where a poll stood: past its end, or, for one that failed, after the last page
    /// it handed over. The next poll continues from there, so no session that poll wrote is
    /// written again, and none created since is missed.
    /// </summary>
    public void Finished(SessionWalk poll) => Position = poll.Position;
}
