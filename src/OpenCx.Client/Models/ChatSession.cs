using System;

namespace OpenCx;

/// <summary>One chat session as the API returns it, with PascalCase names and typed values.</summary>
/// <remarks>
/// Enum-like values (status, channel, sentiment...) are strings so that a value newer than the
/// spec is kept as the server sent it instead of failing the whole page.
/// </remarks>
public sealed class ChatSession
{
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
        AdditionalProperties = additionalProperties;
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

    /// <summary>Properties the server sent that this version of the module does not know yet: usually none, and then empty.</summary>
    /// <remarks>
    /// Always there, last, so that every session has the same properties: Export-Csv writes the
    /// same columns whatever the data (an empty cell when there are none), and a file appended to
    /// night after night keeps them, values newer than the module included.
    /// </remarks>
    public CustomData AdditionalProperties { get; }

    /// <summary>The connection the session was read through (<c>$session.Connection</c> in PowerShell).</summary>
    /// <remarks>
    /// A method, not a property, so that Export-Csv and ConvertTo-Json leave it out: it says which
    /// organisation the session belongs to when one script reads several, which no file needs.
    /// PowerShell shows it as the hidden Connection property that OpenCx.Types.ps1xml declares.
    /// </remarks>
    public OpenCxConnection? GetConnection() => Connection;

    internal OpenCxConnection? Connection { get; set; }

    public override string ToString() => $"#{TicketNumber} {Status} {Channel} {Id}";
}
