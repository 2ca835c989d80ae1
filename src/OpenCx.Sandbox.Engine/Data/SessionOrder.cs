using System.Collections.Generic;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// The two orders the API sorts by, ascending. Equal timestamps are broken by id (ordinal,
/// ids are lower-case hex) so that the order is total and paging is stable; descending is
/// the exact reverse, ties included.
/// </summary>
internal sealed class SessionOrder : IComparer<Session>
{
    public static readonly SessionOrder ByCreatedAt = new(s => s.CreatedAtTicks);

    public static readonly SessionOrder ByLastMessageAt = new(s => s.LastMessageAtMs);

    private readonly System.Func<Session, long> _key;

    private SessionOrder(System.Func<Session, long> key) => _key = key;

    public int Compare(Session? x, Session? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int byKey = _key(x).CompareTo(_key(y));
        return byKey != 0 ? byKey : string.CompareOrdinal(x.Id, y.Id);
    }
}
