using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCx.Client.Querying;

/// <summary>
/// Every session a walk has consumed (written, or skipped for -Skip), so that no page, however
/// wrong, can make it write one twice; and the newest of them, where an incremental run or
/// -Follow goes on.
/// </summary>
/// <remarks>
/// While a keyset walk trusts the server, only the sessions a request can return again (those
/// within the overlap of its boundary) need looking up, and every id also goes to a 16-byte log.
/// A page-number walk can meet any session again: the log then becomes a set of everything.
/// </remarks>
internal sealed class ConsumedSessions
{
    private readonly IdLog _log = new IdLog();
    private readonly Dictionary<Guid, DateTime> _nearBoundary = new Dictionary<Guid, DateTime>();

    // In a page-number walk, the sessions consumed from the page last read: all a checkpoint needs
    // to continue on that page when -First stopped the walk inside it.
    private readonly List<SeenSession> _onPage = new List<SeenSession>();

    // Sessions an earlier run wrote (an incremental run or a poll starts at their creation time).
    private readonly HashSet<Guid> _writtenBefore;
    private readonly List<Guid> _atNewest = new List<Guid>();
    private HashSet<Guid>? _everything;

    public ConsumedSessions(IEnumerable<Guid>? writtenBefore)
    {
        _writtenBefore = new HashSet<Guid>(writtenBefore ?? Array.Empty<Guid>());
    }

    /// <summary>Sessions consumed, over every run that continued the walk.</summary>
    public long Count { get; private set; }

    /// <summary>The newest creation time consumed.</summary>
    public DateTime? Newest { get; private set; }

    public IReadOnlyList<Guid> AtNewest => _atNewest;

    /// <summary>The sessions a request of the keyset walk may legitimately return again: they come first in its series.</summary>
    public int RepeatableCount => _nearBoundary.Count + _writtenBefore.Count;

    public int NearBoundaryCount => _nearBoundary.Count;

    /// <summary>Notes <paramref name="session"/> as consumed; false when it was, by this walk or an earlier run.</summary>
    /// <param name="session">A session of a page.</param>
    /// <param name="keyset">True while the keyset walk trusts the server: only the boundary's sessions are looked up.</param>
    public bool Add(ChatSession session, bool keyset)
    {
        if (_writtenBefore.Contains(session.Id) || !AddId(session, keyset))
        {
            return false;
        }

        Count++;
        if (Newest is null || session.CreatedAt > Newest)
        {
            Newest = session.CreatedAt;
            _atNewest.Clear();
        }

        if (session.CreatedAt == Newest)
        {
            _atNewest.Add(session.Id);
        }

        return true;
    }

    /// <summary>A page-number walk begins a page: what a checkpoint records of the page starts afresh.</summary>
    public void StartPage() => _onPage.Clear();

    /// <summary>Forgets the ids no request reaching from <paramref name="from"/> to <paramref name="to"/> can return (their creation time lies outside).</summary>
    public void ForgetOutside(DateTime? from, DateTime? to)
    {
        var unreachable = _nearBoundary.Where(seen => seen.Value < from || seen.Value > to).Select(seen => seen.Key).ToList();
        foreach (Guid id in unreachable)
        {
            _nearBoundary.Remove(id);
        }
    }

    /// <summary>For a checkpoint: the sessions the next request can return again.</summary>
    public List<SeenSession> Repeatable(bool pageNumbers) => pageNumbers
        ? new List<SeenSession>(_onPage)
        : _nearBoundary.Select(seen => new SeenSession { Id = seen.Key, CreatedAt = seen.Value }).ToList();

    /// <summary>Takes back what a checkpoint recorded of an interrupted walk.</summary>
    public void Restore(WalkPosition position)
    {
        foreach (SeenSession seen in position.AtBoundary)
        {
            _nearBoundary[seen.Id] = seen.CreatedAt;
            _log.Add(seen.Id);
        }

        Newest = position.Newest;
        _atNewest.AddRange(position.AtNewest);
        Count = position.Consumed;
    }

    private bool AddId(ChatSession session, bool keyset)
    {
        if (keyset)
        {
            if (_nearBoundary.ContainsKey(session.Id))
            {
                return false;
            }

            _nearBoundary[session.Id] = session.CreatedAt;
            _log.Add(session.Id);
            return true;
        }

        _everything ??= _log.ToSet();
        if (!_everything.Add(session.Id))
        {
            return false;
        }

        _onPage.Add(new SeenSession { Id = session.Id, CreatedAt = session.CreatedAt });
        return true;
    }
}
