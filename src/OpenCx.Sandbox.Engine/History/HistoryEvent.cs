namespace OpenCx.Sandbox.History;

/// <summary>One generated event of a session's history, as the sandbox stores it.</summary>
internal sealed record HistoryEvent
{
    public string Id { get; init; } = "";

    public long CreatedAtMs { get; init; }

    /// <summary>message, handoff, ai_resolved_issue, human_agent_*, or a type newer than the spec.</summary>
    public string Type { get; init; } = "message";

    /// <summary>contact, ai or human_agent, on messages.</summary>
    public string? SenderType { get; init; }

    /// <summary>The sender's name; null is written as null, as the spec allows.</summary>
    public string? SenderName { get; init; }

    public string? Text { get; init; }

    /// <summary>A file sent with a message: its name.</summary>
    public string? AttachmentName { get; init; }

    public long? HumanAgentId { get; init; }

    public string? Integration { get; init; }

    /// <summary>The one field of the type the spec does not name.</summary>
    public int? Rating { get; init; }
}
