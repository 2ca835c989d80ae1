using System;

namespace OpenCx;

/// <summary>The team (group) a session is routed to.</summary>
/// <remarks>
/// Equal to the same team (by id) and to its name as text, ignoring case, as PowerShell's -eq
/// compares text: <c>Where-Object Team -eq 'Billing'</c> finds what the table and a CSV show as
/// "Billing". PowerShell's -eq calls this Equals with the text, because no text converts to a
/// Team; Sort-Object, Group-Object and Select-Object -Unique compare what ToString gives.
/// </remarks>
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

    public override bool Equals(object? obj) => obj switch
    {
        Team other => Id == other.Id,
        string name => string.Equals(Name, name, StringComparison.InvariantCultureIgnoreCase),
        _ => false,
    };

    public override int GetHashCode() => Id.GetHashCode();
}
