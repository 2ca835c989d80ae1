using System;
using System.Collections.Generic;

namespace OpenCx;

/// <summary>
/// The filters of one query, as the user gave them. A property left null is not sent, so the
/// server applies no filter for it.
/// </summary>
public sealed class SessionFilter
{
    /// <summary>Sessions created at or after this instant (filters.date.from).</summary>
    public DateTimeOffset? CreatedAfter { get; set; }

    /// <summary>Sessions created at or before this instant (filters.date.to).</summary>
    public DateTimeOffset? CreatedBefore { get; set; }

    public IReadOnlyList<string>? Channels { get; set; }

    /// <summary>Status codes: 0 open, 1 closed_resolved, 2 closed_unresolved, or custom status ids.</summary>
    public IReadOnlyList<long>? Statuses { get; set; }

    public IReadOnlyList<string>? AiClosureTypes { get; set; }

    public IReadOnlyList<string>? Sentiments { get; set; }

    /// <summary>Assignee user ids; an empty list asks for unassigned sessions.</summary>
    public IReadOnlyList<long>? AssigneeIds { get; set; }

    public IReadOnlyList<string>? TeamIds { get; set; }

    public IReadOnlyList<string>? ContactIds { get; set; }

    public long? TicketNumber { get; set; }

    public IReadOnlyList<string>? Languages { get; set; }

    /// <summary>Sessions must carry every one of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    public string? WaitingOn { get; set; }

    /// <summary>A session matches when it matches any one entry, and an entry when every key/value in it matches.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? CustomData { get; set; }

    /// <summary>created_at or last_message_at; null for the module's default (created_at).</summary>
    public string? SortBy { get; set; }

    /// <summary>desc or asc; null for desc.</summary>
    public string? SortOrder { get; set; }

    /// <summary>This filter for the given contacts only (one batch of piped contact ids).</summary>
    public SessionFilter WithContacts(IReadOnlyList<string> contactIds) => With(f => f.ContactIds = contactIds);

    internal SessionFilter With(Action<SessionFilter> change)
    {
        var copy = (SessionFilter)MemberwiseClone();
        change(copy);
        return copy;
    }
}
