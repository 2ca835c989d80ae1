namespace OpenCx.Sandbox.Data;

/// <summary>The team a session is routed to; the description is optional in the spec.</summary>
internal sealed record Team(string Id, string Name, string? Description);
