using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCx.Client.Querying;

/// <summary>
/// The sessions a walk must recognise so that no page, however wrong, makes it write one twice:
/// those written by an earlier run within the look-back window, those a keyset request can return
/// again (near its boundary), and, once the walk reads by page number, every one it consumed.
/// </summary>
/// <remarks>
/// While the keyset walk trusts the server only the boundary's sessions are looked up; every id
/// also goes to a 16-byte log, from which a walk that stops trusting the server builds the set of
/// everything.
/// </remarks>
internal sealed class SessionMemory
{
    private readonly IdLog _log = new IdLog();
    private readonly Dictionary<Guid, DateTime> _nearBoundary = new Dictionary<Guid, DateTime>();
    private readonly HashSet<Guid> _before;
    private HashSet<Guid>? _everything;

    public SessionMemory(IEnumerable<Guid>? before)
    {
        _before = new HashSet<Guid>(before ?? Array.Empty<Guid>());
    }

    /// <summary>True once the walk remembers every session it consumed (it reads by page number).</summary>
    public bool RemembersEverything => _everything is not null;

    /// <summary>How many sessions a new keyset request series can return first that were consumed already.</summary>
    public int RepeatableCount => _nearBoundary.Count + _before.Count;

    public bool Knows(Guid id) =>
        _before.Contains(id) || (_everything is null ? _nearBoundary.ContainsKey(id) : _everything.Contains(id));

    public void Add(Guid id, DateTime createdAt)
    {
        if (_everything is not null)
        {
            _everything.Add(id);
            return;
        }

        _nearBoundary[id] = createdAt;
        _log.Add(id);
    }

    /// <summary>From now on every id consumed is looked up: the walk reads by page number.</summary>
    public void RememberEverything()
    {
        if (_everything is null)
        {
            _everything = _log.ToSet();
            _everything.UnionWith(_nearBoundary.Keys);
            _nearBoundary.Clear();
        }
    }

    /// <summary>Forgets the ids no request reaching from <paramref name="from"/> to <paramref name="to"/> can return.</summary>
    public void ForgetOutside(DateTime? from, DateTime? to)
    {
        var unreachable = _nearBoundary.Where(seen => seen.Value < from || seen.Value > to).Select(seen => seen.Key).ToList();
        foreach (Guid id in unreachable)
        {
            _nearBoundary.Remove(id);
        }
    }

    public List<Guid> Before() => _before.ToList();

    public List<SeenSession> NearBoundary() =>
        _nearBoundary.Select(seen => new SeenSession { Id = seen.Key, CreatedAt = seen.Value }).ToList();

    public List<Guid>? Everything() => _everything?.ToList();

    public void Restore(IEnumerable<SeenSession> nearBoundary, IEnumerable<Guid>? everything)
    {
        foreach (SeenSession seen in nearBoundary)
        {
            _nearBoundary[seen.Id] = seen.CreatedAt;
            _log.Add(seen.Id);
        }

        if (everything is not null)
        {
            RememberEverything();
            _everything!.UnionWith(everything);
        }
    }
}
