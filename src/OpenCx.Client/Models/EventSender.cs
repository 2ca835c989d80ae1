namespace OpenCx;

/// <summary>Who sent a message.</summary>
public sealed class EventSender
{
    internal EventSender(string type, string? name)
    {
        Type = type;
        Name = name;
    }

    /// <summary>contact, ai or human_agent (or a newer kind, as the API sent it).</summary>
    public string Type { get; }

    public string? Name { get; }

    /// <summary>The name and the kind, as one cell of a table or a CSV: "Ana (contact)", or "ai".</summary>
    public override string ToString() => string.IsNullOrEmpty(Name) ? Type : $"{Name} ({Type})";
}
