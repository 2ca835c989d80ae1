namespace OpenCx.Sandbox.Data;

/// <summary>The team a session is routed to; the description is optional in the spec.</summary>
internal sealed class Team
{
    public Team(string id, string name, string? description)
    {
        Id = id;
        Name = name;
        Description = description;
    }

    public string Id { get; }

    public string Name { get; }

    public string? Description { get; }
}
