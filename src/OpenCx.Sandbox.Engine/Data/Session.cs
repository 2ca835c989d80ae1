using System.Collections.Generic;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// One chat session as the sandbox stores it: everything the output shows, plus the internal
/// fields the API filters and sorts on but never returns (tags, waiting_on, last_message_at,
/// the numeric status and assignee ids). Immutable, so a page being written never sees a
/// half-applied churn.
/// </summary>
internal sealed record Session
{
    public string Id { get; init; } = "";

    /// <summary>0 open, 1 closed_resolved, 2 closed_unresolved, anything else a custom status.</summary>
    public long StatusId { get; init; }

    public string? AiClosureType { get; init; }

    public string? Sentiment { get; init; }

    public string Channel { get; init; } = "web";

    public Contact? Contact { get; init; }

    public string? Language { get; init; }

    /// <summary>The assignee's numeric user id; the output writes it as a string.</summary>
    public long? AssigneeId { get; init; }

    /// <summary>
    /// Unassigned sessions either carry "assignee_id": null or no assignee_id at all (the spec
    /// allows both); this says which, so clients see both shapes.
    /// </summary>
    public bool AssigneeOmitted { get; init; }

    public IReadOnlyList<KeyValuePair<string, CustomDataValue>>? CustomData { get; init; }

    public Team? Team { get; init; }

    public Handoff? Handoff { get; init; }

    public TicketingSystem? TicketingSystem { get; init; }

    public long TicketNumber { get; init; }

    public bool AssistMode { get; init; }

    /// <summary>The creation time the API prints and a date filter's millisecond compares with.</summary>
    public long CreatedAtMs { get; init; }

    /// <summary>
    /// 100 ns ticks after <see cref="CreatedAtMs"/> (0 to 9,999) that the server stores but never
    /// prints: non-zero only for bulk imports stored finer than printed.
    /// </summary>
    public int CreatedAtSubMsTicks { get; init; }

    /// <summary>The creation time as stored: what the server sorts and filters by.</summary>
    public long CreatedAtTicks => (CreatedAtMs * 10_000) + CreatedAtSubMsTicks;

    public long UpdatedAtMs { get; init; }

    public long LastMessageAtMs { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = System.Array.Empty<string>();

    /// <summary>"customers", "human_agents" or "none" (the filter can only ask for the first two).</summary>
    public string WaitingOn { get; init; } = WaitingOnValues.None;
}
