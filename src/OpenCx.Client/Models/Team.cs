using System;

namespace OpenCx;

/// <summary>The team (group) a session is routed to.</summary>
public sealed class Team
{
    internal Team(Guid id, string name, string? description)
    {
        Id = id;
        Name = name;
        Description = description;
    }

    public Guid Id { get; }
    public string Name { get; }
    public string? Description { get; }

    public override string ToString() => Name;
}
