namespace OpenCx.Client.Querying;

/// <summary>Something a page showed the server doing that the walk relied on it not to.</summary>
internal sealed class ServerDeviation
{
    public ServerDeviation(ServerDeviationKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    public ServerDeviationKind Kind { get; }

    /// <summary>What the server did, as a sentence for the user.</summary>
    public string Description { get; }
}

internal enum ServerDeviationKind
{
    /// <summary>Sessions not in the created_at order asked for.</summary>
    Order,

    /// <summary>A session outside the date range asked for.</summary>
    DateRange,

    /// <summary>More pages promised, but a boundary request brought nothing new.</summary>
    NoProgress,
}
