using System;

namespace OpenCx;

/// <summary>One chat session as the API returns it, with PascalCase names and typed values.</summary>
/// <remarks>
/// Enum-like values (status, channel, sentiment...) are strings so that a value newer than the
/// spec is kept as the server sent it instead of failing the whole page.
/// </remarks>
public sealed class ChatSession
{
    private readonly CustomData _additionalProperties;

    internal ChatSession(
        Guid id,
        string status,
        string? aiClosureType,
        string? sentiment,
        string? channel,
        Contact? contact,
        string? language,
        string? assigneeId,
        CustomData customData,
        Team? team,
        Handoff? handoff,
        TicketingSystem? ticketingSystem,
        long ticketNumber,
        bool assistMode,
        DateTime createdAt,
        DateTime updatedAt,
        CustomData additionalProperties)
    {
        Id = id;
        Status = status;
        AiClosureType = aiClosureType;
        Sentiment = sentiment;
        Channel = channel;
        Contact = contact;
        Language = language;
        AssigneeId = assigneeId;
        CustomData = customData;
        Team = team;
        Handoff = handoff;
        TicketingSystem = ticketingSystem;
        TicketNumber = ticketNumber;
        AssistMode = assistMode;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        _additionalProperties = additionalProperties;
    }

    public Guid Id { get; }

    /// <summary>open, closed_resolved or closed_unresolved.</summary>
    public string Status { get; }

    /// <summary>assumed_resolved, handed_off, resolved, or null when the AI did not close it.</summary>
    public string? AiClosureType { get; }

    /// <summary>angry, happy, neutral, or null when unknown.</summary>
    public string? Sentiment { get; }

    /// <summary>web, email, whatsapp, phone_voice...: the session's channel type.</summary>
    public string? Channel { get; }

    public Contact? Contact { get; }

    /// <summary>The contact's id, repeated here so that sessions bind to -ContactId by property name.</summary>
    public Guid? ContactId => Contact?.Id;

    public string? Language { get; }

    public string? AssigneeId { get; }

    public CustomData CustomData { get; }

    public Team? Team { get; }

    public Handoff? Handoff { get; }

    public TicketingSystem? TicketingSystem { get; }

    public long TicketNumber { get; }

    public bool AssistMode { get; }

    /// <summary>When the session was created, in UTC (<see cref="DateTimeKind.Utc"/>).</summary>
    /// <remarks>
    /// A DateTime, not a DateTimeOffset: it binds back to -CreatedAfter and -CreatedBefore, and
    /// survives Export-Clixml and Start-Job as a date (PowerShell serializes DateTimeOffset as a
    /// property bag that no longer sorts as a date).
    /// </remarks>
    public DateTime CreatedAt { get; }

    /// <summary>When the session last changed, in UTC.</summary>
    public DateTime UpdatedAt { get; }

    /// <summary>
    /// The connection the session was read through: which organisation it belongs to, when one
    /// script reads several (<c>Group-Object { $_.Connection.BaseUri }</c>, or compare with the connection itself).
    /// </summary>
    public OpenCxConnection? Connection { get; internal set; }

    /// <summary>Properties the server sent that this version of the module does not know yet (usually none).</summary>
    /// <remarks>
    /// A method, not a property, so that it adds no always-empty column to Export-Csv; the cmdlet
    /// shows it as an AdditionalProperties property on the sessions that have any.
    /// </remarks>
    public CustomData GetAdditionalProperties() => _additionalProperties;

    public override string ToString() => $"#{TicketNumber} {Status} {Channel} {Id}";
}
