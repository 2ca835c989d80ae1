using System;
using System.Collections.Generic;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// One query of the filter endpoint, as the user means it: immutable, typed, and normalised once
/// (lower-case enum values, statuses as codes, dates as instants). A criterion left null is not
/// sent, so the server applies no filter for it.
/// </summary>
/// <remarks>
/// An empty list is refused rather than sent: the API would read <c>"channels": []</c> as "no
/// filter", so a script whose variable came back empty would read every session. The one
/// empty criterion with a meaning of its own, <c>assignees: []</c>, is <see cref="UnassignedOnly"/>.
/// </remarks>
public sealed record SessionQuery
{
    private readonly DateTime? _createdFrom;
    private readonly DateTime? _createdBefore;
    private readonly IReadOnlyList<string>? _channels;
    private readonly IReadOnlyList<long>? _statuses;
    private readonly IReadOnlyList<string>? _aiClosureTypes;
    private readonly IReadOnlyList<string>? _sentiments;
    private readonly IReadOnlyList<long>? _assigneeIds;
    private readonly IReadOnlyList<string>? _teamIds;
    private readonly IReadOnlyList<string>? _contactIds;
    private readonly IReadOnlyList<string>? _languages;
    private readonly IReadOnlyList<string>? _tags;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>>? _customData;

    /// <summary>Sessions created at or after this instant (UTC, to the millisecond: the API's precision).</summary>
    public DateTime? CreatedFrom
    {
        get => _createdFrom;
        init => _createdFrom = ToWholeMilliseconds(value);
    }

    /// <summary>
    /// Sessions created strictly before this instant (UTC, to the millisecond), so that
    /// consecutive ranges [a, b) and [b, c) hold every session exactly once.
    /// </summary>
    public DateTime? CreatedBefore
    {
        get => _createdBefore;
        init => _createdBefore = ToWholeMilliseconds(value);
    }

    public IReadOnlyList<string>? Channels
    {
        get => _channels;
        init => _channels = NotEmpty(value, nameof(Channels));
    }

    /// <summary>Status codes: 0 open, 1 closed_resolved, 2 closed_unresolved, or custom status ids.</summary>
    public IReadOnlyList<long>? Statuses
    {
        get => _statuses;
        init => _statuses = NotEmpty(value, nameof(Statuses));
    }

    public IReadOnlyList<string>? AiClosureTypes
    {
        get => _aiClosureTypes;
        init => _aiClosureTypes = NotEmpty(value, nameof(AiClosureTypes));
    }

    public IReadOnlyList<string>? Sentiments
    {
        get => _sentiments;
        init => _sentiments = NotEmpty(value, nameof(Sentiments));
    }

    /// <summary>Assignee user ids; for unassigned sessions use <see cref="UnassignedOnly"/>.</summary>
    public IReadOnlyList<long>? AssigneeIds
    {
        get => _assigneeIds;
        init => _assigneeIds = NotEmpty(value, nameof(AssigneeIds));
    }

    /// <summary>Only sessions assigned to nobody (the spec's <c>assignees: []</c>).</summary>
    public bool UnassignedOnly { get; init; }

    public IReadOnlyList<string>? TeamIds
    {
        get => _teamIds;
        init => _teamIds = NotBlank(value, nameof(TeamIds));
    }

    public IReadOnlyList<string>? ContactIds
    {
        get => _contactIds;
        init => _contactIds = NotBlank(value, nameof(ContactIds));
    }

    public long? TicketNumber { get; init; }

    public IReadOnlyList<string>? Languages
    {
        get => _languages;
        init => _languages = NotBlank(value, nameof(Languages));
    }

    /// <summary>Sessions must carry every one of these tags.</summary>
    public IReadOnlyList<string>? Tags
    {
        get => _tags;
        init => _tags = NotBlank(value, nameof(Tags));
    }

    /// <summary>customers or human_agents.</summary>
    public string? WaitingOn { get; init; }

    /// <summary>A session matches when it matches any one entry, and an entry when every key/value in it matches.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? CustomData
    {
        get => _customData;
        init => _customData = NoEmptyEntry(value);
    }

    public SessionSortField SortBy { get; init; } = SessionSortField.CreatedAt;

    public SessionSortOrder SortOrder { get; init; } = SessionSortOrder.Descending;

    /// <summary>This query for the given contacts only (one batch of piped contact ids).</summary>
    public SessionQuery ForContacts(IReadOnlyList<string> contactIds) => this with { ContactIds = contactIds };

    /// <summary>The filters as the request body names them (the dates, sort and page are the walk's).</summary>
    internal WireFilters ToWireFilters() => new()
    {
        Channels = Channels,
        Status = Statuses,
        AiClosure = AiClosureTypes,
        Sentiment = Sentiments,
        Assignees = UnassignedOnly ? Array.Empty<long>() : AssigneeIds,
        TeamIds = TeamIds,
        ContactIds = ContactIds,
        TicketNumber = TicketNumber,
        Language = Languages,
        Tags = Tags,
        WaitingOn = WaitingOn,
        CustomData = CustomData,
    };

    /// <summary>A request body for these filters over the given range, sort and page.</summary>
    internal static FilterRequest Request(WireFilters filters, DateTime? from, DateTime? to, SessionSortField sortBy, SessionSortOrder order, int page, int limit) => new(
        filters,
        from,
        to,
        sortBy == SessionSortField.CreatedAt ? FilterRequest.CreatedAt : FilterRequest.LastMessageAt,
        order == SessionSortOrder.Ascending ? FilterRequest.Ascending : FilterRequest.Descending,
        page,
        limit);

    /// <summary>True when <paramref name="createdAt"/> lies in [<see cref="CreatedFrom"/>, <see cref="CreatedBefore"/>).</summary>
    public bool InDateRange(DateTime createdAt) =>
        (_createdFrom is null || createdAt >= _createdFrom.Value)
        && (_createdBefore is null || createdAt < _createdBefore.Value);

    private static DateTime? ToWholeMilliseconds(DateTime? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Dates of a query are UTC instants; convert local times with ToUniversalTime() first.", nameof(value));
        }

        long ticks = value.Value.Ticks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static IReadOnlyList<T>? NotEmpty<T>(IReadOnlyList<T>? values, string name) =>
        values is { Count: 0 }
            ? throw new ArgumentException($"{name} has no values; an empty filter would match every session. Leave it null for no filter.", name)
            : values;

    private static IReadOnlyList<string>? NotBlank(IReadOnlyList<string>? values, string name)
    {
        foreach (string value in NotEmpty(values, name) ?? Array.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} holds an empty value; an empty id matches nothing the user meant.", name);
            }
        }

        return values;
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, string>>? NoEmptyEntry(IReadOnlyList<IReadOnlyDictionary<string, string>>? entries)
    {
        foreach (IReadOnlyDictionary<string, string> entry in NotEmpty(entries, nameof(CustomData)) ?? Array.Empty<IReadOnlyDictionary<string, string>>())
        {
            if (entry.Count == 0)
            {
                throw new ArgumentException("CustomData holds an empty entry, which would match every session.", nameof(CustomData));
            }
        }

        return entries;
    }
}
