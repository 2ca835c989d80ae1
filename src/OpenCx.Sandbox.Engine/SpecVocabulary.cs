using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>The closed sets of strings the spec defines, in the spec's order.</summary>
internal static class SpecVocabulary
{
    public static readonly IReadOnlyList<string> Channels = new[]
    {
        "web", "email", "phone_voice", "slack", "sms", "whatsapp", "instagram", "messenger", "api", "web_voice",
    };

    /// <summary>The statuses the output shows, which the list endpoint's status parameter takes (the read spec restates them).</summary>
    public static readonly IReadOnlyList<string> OutputStatuses = new[] { "open", "closed_resolved", "closed_unresolved" };

    public static readonly IReadOnlyList<string> AiClosureTypes = new[] { "assumed_resolved", "handed_off", "resolved" };

    public static readonly IReadOnlyList<string> Sentiments = new[] { "angry", "happy", "neutral" };

    public static readonly IReadOnlyList<string> WaitingOnFilter = new[] { WaitingOnValues.Customers, WaitingOnValues.HumanAgents };

    public static readonly IReadOnlyList<string> SortFields = new[] { "last_message_at", "created_at" };

    public static readonly IReadOnlyList<string> SortOrders = new[] { "asc", "desc" };

    public static readonly IReadOnlyList<string> TicketingSystemNames = new[]
    {
        "dynamics365", "freshchat", "freshdesk", "freshdesk_ticketing", "front", "gorgias", "hubspot", "infobip",
        "intercom", "open", "salesforce", "salesforce_v2", "twilio_flex", "zendesk", "zendesk_v2",
    };

    public static readonly IReadOnlyList<string> TicketIdTypes = new[] { "conversation_id", "ticket_id", "case_id", "conversation_sid" };
}

/// <summary>Who a session waits on; "none" is internal only.</summary>
internal static class WaitingOnValues
{
    public const string Customers = "customers";
    public const string HumanAgents = "human_agents";
    public const string None = "none";
}
