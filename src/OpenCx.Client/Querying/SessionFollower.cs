using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Client.Querying;

/// <summary>
/// Reads the sessions created after a point, again and again: each poll is a keyset walk oldest
/// first from the newest session written so far, so each new session is written once, in order.
/// </summary>
/// <remarks>
/// A session is matched against the filters when a poll reads it: a filter on something that
/// changes later (sentiment, status) sees it as it was then, and a session that matches only later
/// is not written. Sessions that become visible later than newer ones (a server that commits them
/// out of order) are missed; the spec says nothing of it.
/// </remarks>
public sealed class SessionFollower
{
    private readonly OpenCxClient _client;
    private readonly SessionQuery _query;
    private readonly int _pageSize;
    private readonly PagingBudget _budget;
    private readonly HashSet<Guid> _atSince;

    /// <param name="since">The newest creation time written so far; null to follow from the query's own start.</param>
    /// <param name="writtenAtSince">The sessions already written at <paramref name="since"/>.</param>
    public SessionFollower(OpenCxClient client, SessionQuery query, int pageSize, PagingBudget budget, DateTime? since, IEnumerable<Guid> writtenAtSince)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _query = query ?? throw new ArgumentNullException(nameof(query));
        _pageSize = pageSize;
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        Since = since;
        _atSince = new HashSet<Guid>(writtenAtSince ?? Array.Empty<Guid>());
    }

    /// <summary>The newest creation time written so far: the next poll starts there.</summary>
    public DateTime? Since { get; private set; }

    /// <summary>Where following stands, as a complete walk: a checkpoint continues from here.</summary>
    public WalkPosition Position => new WalkPosition
    {
        Mode = WalkPosition.Complete,
        Newest = Since,
        AtNewest = new List<Guid>(_atSince),
    };

    /// <summary>
    /// The creation time of the newest session on the server, filters aside: where following
    /// starts when no session matched yet. Null when there is no session at all.
    /// </summary>
    public static async Task<DateTime?> NewestOnServerAsync(OpenCxClient client, SessionQuery query, IClientTrace? trace, CancellationToken cancellationToken)
    {
        var walk = new SessionWalk(client, new SessionQuery { CreatedFrom = query.CreatedFrom }, 2, new PagingBudget(0, 1), readAhead: false);
        WalkPage? page = await walk.NextAsync(trace, cancellationToken).ConfigureAwait(false);
        return page is null || page.Sessions.Count == 0 ? null : page.Sessions[0].CreatedAt;
    }

    /// <summary>One poll: a walk, oldest first, over the sessions created since <see cref="Since"/>.</summary>
    public SessionWalk Poll()
    {
        SessionQuery since = _query with { CreatedFrom = Later(_query.CreatedFrom, Since), SortOrder = SessionSortOrder.Ascending };

        // Straight to keyset paging: there is no end to fix, new sessions are what is wanted.
        var start = new WalkPosition { Mode = WalkPosition.Keyset, Page = 1, Limit = _pageSize };
        return new SessionWalk(_client, since, _pageSize, _budget, readAhead: true, start, _atSince);
    }

    /// <summary>Moves <see cref="Since"/> past sessions a poll wrote.</summary>
    public void Wrote(IEnumerable<ChatSession> sessions)
    {
        foreach (ChatSession session in sessions)
        {
            if (Since is null || session.CreatedAt > Since)
            {
                Since = session.CreatedAt;
                _atSince.Clear();
            }

            if (session.CreatedAt == Since)
            {
                _atSince.Add(session.Id);
            }
        }
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
