namespace OpenCx;

/// <summary>The external helpdesk record a session is linked to (Zendesk ticket, Salesforce case...).</summary>
public sealed class TicketingSystem
{
    internal TicketingSystem(string name, string externalId, string idType)
    {
        Name = name;
        ExternalId = externalId;
        IdType = idType;
    }

    /// <summary>zendesk, salesforce, hubspot, intercom...</summary>
    public string Name { get; }
    public string ExternalId { get; }

    /// <summary>conversation_id, ticket_id, case_id or conversation_sid.</summary>
    public string IdType { get; }

    public override string ToString() => $"{Name}:{ExternalId}";
}
