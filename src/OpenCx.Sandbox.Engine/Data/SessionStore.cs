using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// An immutable snapshot of all sessions, kept in both sort orders so a request never sorts.
/// Churn builds the next snapshot in O(n) by merging; readers keep the one they started with.
/// </summary>
internal sealed class SessionStore
{
    private SessionStore(Session[] byCreatedAt, Session[] byLastMessageAt, long nextTicketNumber)
    {
        ByCreatedAt = byCreatedAt;
        ByLastMessageAt = byLastMessageAt;
        NextTicketNumber = nextTicketNumber;
    }

    /// <summary>Ascending by (created_at, id).</summary>
    public Session[] ByCreatedAt { get; }

    /// <summary>Ascending by (last_message_at, id).</summary>
    public Session[] ByLastMessageAt { get; }

    public long NextTicketNumber { get; }

    public int Count => ByCreatedAt.Length;

    public static SessionStore Create(IEnumerable<Session> sessions, long nextTicketNumber)
    {
        Session[] byCreatedAt = sessions.ToArray();
        Array.Sort(byCreatedAt, SessionOrder.ByCreatedAt);
        var byLastMessageAt = (Session[])byCreatedAt.Clone();
        Array.Sort(byLastMessageAt, SessionOrder.ByLastMessageAt);
        return new SessionStore(byCreatedAt, byLastMessageAt, nextTicketNumber);
    }

    /// <summary>
    /// The sessions at <paramref name="touchedIndices"/> (positions in <see cref="ByCreatedAt"/>)
    /// receive a message at <paramref name="nowMs"/> and take the status at the same position of
    /// <paramref name="statusIds"/>; <paramref name="created"/> are added.
    /// </summary>
    public SessionStore WithChurn(IReadOnlyList<int> touchedIndices, IReadOnlyList<long> statusIds, long nowMs, IReadOnlyList<Session> created)
    {
        var byCreatedAt = (Session[])ByCreatedAt.Clone();
        var touchedIds = new HashSet<string>(StringComparer.Ordinal);
        var moved = new List<Session>(touchedIndices.Count + created.Count);
        for (int i = 0; i < touchedIndices.Count; i++)
        {
            int index = touchedIndices[i];
            Session before = byCreatedAt[index];
            long statusId = statusIds[i];
            Session touched = before with
            {
                LastMessageAtMs = nowMs,
                UpdatedAtMs = nowMs,
                StatusId = statusId,
                WaitingOn = SessionStatus.IsClosed(statusId) ? WaitingOnValues.None
                    : SessionStatus.IsClosed(before.StatusId) ? WaitingOnValues.HumanAgents
                    : before.WaitingOn,
            };
            byCreatedAt[index] = touched;
            touchedIds.Add(touched.Id);
            moved.Add(touched);
        }

        Session[] createdSorted = created.ToArray();
        Array.Sort(createdSorted, SessionOrder.ByCreatedAt);
        moved.AddRange(createdSorted);
        moved.Sort(SessionOrder.ByLastMessageAt);

        Session[] untouched = ByLastMessageAt.Where(s => !touchedIds.Contains(s.Id)).ToArray();
        return new SessionStore(
            Merge(byCreatedAt, createdSorted, SessionOrder.ByCreatedAt),
            Merge(untouched, moved, SessionOrder.ByLastMessageAt),
            NextTicketNumber + created.Count);
    }

    /// <summary>The first position in <see cref="ByCreatedAt"/> whose stored created_at is at or after <paramref name="ticks"/>.</summary>
    public int FirstCreatedAtOrAfter(long ticks)
    {
        int low = 0, high = ByCreatedAt.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (ByCreatedAt[middle].CreatedAtTicks < ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static Session[] Merge(IReadOnlyList<Session> left, IReadOnlyList<Session> right, SessionOrder order)
    {
        var merged = new Session[left.Count + right.Count];
        int l = 0, r = 0;
        for (int i = 0; i < merged.Length; i++)
        {
            bool takeLeft = r == right.Count || (l < left.Count && order.Compare(left[l], right[r]) <= 0);
            merged[i] = takeLeft ? left[l++] : right[r++];
        }

        return merged;
    }
}
