using System;
using System.Collections.Generic;

namespace OpenCx.Client.Querying;

/// <summary>
/// The newest creation time consumed, and the sessions consumed within the look-back window
/// before it: where an incremental run starts, and what it must not write again.
/// </summary>
internal sealed class RecentWindow
{
    private const int SmallestPrune = 64;

    private readonly TimeSpan _lookBack;
    private List<SeenSession> _sessions = new List<SeenSession>();
    private int _pruneAt = SmallestPrune;

    public RecentWindow(TimeSpan lookBack, DateTime? newest, IEnumerable<SeenSession>? recent)
    {
        _lookBack = lookBack;
        Newest = newest;
        foreach (SeenSession seen in recent ?? Array.Empty<SeenSession>())
        {
            Add(seen.Id, seen.CreatedAt);
        }
    }

    public DateTime? Newest { get; private set; }

    /// <summary>Where the window starts: sessions created before it are not kept.</summary>
    public DateTime? Start => Newest is DateTime newest ? (newest.Ticks >= _lookBack.Ticks ? newest - _lookBack : DateTime.MinValue) : null;

    public void Add(Guid id, DateTime createdAt)
    {
        if (Newest is null || createdAt > Newest)
        {
            Newest = createdAt;
        }

        if (createdAt < Start)
        {
            return;
        }

        _sessions.Add(new SeenSession { Id = id, CreatedAt = createdAt });
        if (_sessions.Count >= _pruneAt)
        {
            Prune();
            _pruneAt = Math.Max(SmallestPrune, 2 * _sessions.Count);
        }
    }

    public List<SeenSession> Snapshot()
    {
        Prune();
        return new List<SeenSession>(_sessions);
    }

    private void Prune()
    {
        DateTime? start = Start;
        _sessions = _sessions.FindAll(seen => seen.CreatedAt >= start);
    }
}
