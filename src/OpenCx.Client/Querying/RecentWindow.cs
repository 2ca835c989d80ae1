using System;
using System.Collections.Generic;

namespace OpenCx.Client.Querying;

/// <summary>
/// The newest creation time consumed, and the sessions consumed within the look-back window
/// before it: where an incremental run starts, and what it must not write again. A walk that
/// stopped ending its range at the newest session found at its start holds the window there
/// (<see cref="HeldAt"/>).
/// </summary>
internal sealed class RecentWindow
{
    private const int SmallestPrune = 64;

    private readonly TimeSpan _lookBack;
    private List<SeenSession> _sessions = new List<SeenSession>();
    private int _pruneAt = SmallestPrune;

    public RecentWindow(TimeSpan lookBack, DateTime? newest, IEnumerable<SeenSession>? recent, DateTime? heldAt = null)
    {
        _lookBack = lookBack;
        Newest = newest;
        HeldAt = heldAt;
        foreach (SeenSession seen in recent ?? Array.Empty<SeenSession>())
        {
            Add(seen.Id, seen.CreatedAt);
        }
    }

    public DateTime? Newest { get; private set; }

    /// <summary>
    /// The newest session found when the walk stopped relying on the server's order, if it did. It
    /// then wrote on past it, to sessions created while it ran, and a session committed late behind
    /// those goes by unseen: the window reaches back from here, not from <see cref="Newest"/>.
    /// </summary>
    public DateTime? HeldAt { get; private set; }

    /// <summary>Where the window starts: sessions created before it are not kept.</summary>
    public DateTime? Start => StartOf(_lookBack, Newest, HeldAt);

    /// <summary>Where a window of <paramref name="lookBack"/> starts, before the newest session consumed or where it was held.</summary>
    public static DateTime? StartOf(TimeSpan lookBack, DateTime? newest, DateTime? heldAt) =>
        WalkState.Earlier(newest, heldAt) is DateTime end ? (end.Ticks >= lookBack.Ticks ? end - lookBack : DateTime.MinValue) : null;

    /// <summary>Holds the window at <paramref name="end"/>, the end of a range the walk no longer keeps to.</summary>
    public void Hold(DateTime? end) => HeldAt = WalkState.Earlier(HeldAt, end);

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
