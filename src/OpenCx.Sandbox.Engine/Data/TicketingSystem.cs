namespace OpenCx.Sandbox.Data;

/// <summary>The external help desk a session is mirrored to.</summary>
internal sealed record TicketingSystem(string Name, string ExternalId, string IdType);
