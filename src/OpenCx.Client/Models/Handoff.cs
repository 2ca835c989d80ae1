namespace OpenCx;

/// <summary>What the AI agent handed over to a human, and the customer's mood at that point.</summary>
public sealed class Handoff
{
    internal Handoff(string? sentiment, string summary)
    {
        Sentiment = sentiment;
        Summary = summary;
    }

    public string? Sentiment { get; }
    public string Summary { get; }

    public override string ToString() => Summary;
}
