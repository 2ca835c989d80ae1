using System;

namespace OpenCx;

/// <summary>One event of a session's history: a message, a handoff, an agent joining, or a type newer than the module.</summary>
/// <remarks>
/// Every event has the same properties, so that a transcript is one table and one CSV: those an
/// event type does not use are null (or empty). Fields the module does not know, and every
/// field of a type it does not know, are in <see cref="AdditionalProperties"/>.
/// </remarks>
public sealed class SessionEvent
{
    internal SessionEvent(
        Guid sessionId,
        string? id,
        string type,
        DateTime createdAt,
        EventSender? sender,
        string? text,
        AttachmentList attachments,
        long? humanAgentId,
        string? integration,
        CustomData context,
        CustomData additionalProperties)
    {
        SessionId = sessionId;
        Id = id;
        Type = type;
        CreatedAt = createdAt;
        Sender = sender;
        Text = text;
        Attachments = attachments;
        HumanAgentId = humanAgentId;
        Integration = integration;
        Context = context;
        AdditionalProperties = additionalProperties;
    }

    /// <summary>The session the event belongs to.</summary>
    public Guid SessionId { get; }

    /// <summary>The event's own id, when the API sends one.</summary>
    public string? Id { get; }

    /// <summary>message, handoff, ai_resolved_issue, human_agent_comment, human_agent_joined, human_agent_takeover, or a newer type as the API sent it.</summary>
    public string Type { get; }

    /// <summary>When it happened, in UTC (<see cref="DateTimeKind.Utc"/>).</summary>
    public DateTime CreatedAt { get; }

    /// <summary>Who sent a message: contact, ai or human_agent, with a name when the API gives one.</summary>
    public EventSender? Sender { get; }

    /// <summary>The text of a message or an agent's comment, line breaks kept.</summary>
    public string? Text { get; }

    /// <summary>Files sent with a message; empty for other events.</summary>
    public AttachmentList Attachments { get; }

    /// <summary>The agent of a human_agent_* event.</summary>
    public long? HumanAgentId { get; }

    /// <summary>Where a handoff went (zendesk...).</summary>
    public string? Integration { get; }

    /// <summary>A message's free-form context.</summary>
    public CustomData Context { get; }

    /// <summary>What else the event carried: fields newer than the module, and all of an unknown type's fields.</summary>
    public CustomData AdditionalProperties { get; }

    public override string ToString() =>
        $"{CreatedAt:yyyy-MM-dd HH:mm:ss} {(Sender is null ? Type : Sender.ToString())}: {Text}";
}
