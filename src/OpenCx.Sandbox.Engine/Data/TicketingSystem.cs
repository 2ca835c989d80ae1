namespace OpenCx.Sandbox.Data;

/// <summary>The external help desk a session is mirrored to.</summary>
internal sealed class TicketingSystem
{
    public TicketingSystem(string name, string externalId, string idType)
    {
        Name = name;
        ExternalId = externalId;
        IdType = idType;
    }

    public string Name { get; }

    public string ExternalId { get; }

    public string IdType { get; }
}
