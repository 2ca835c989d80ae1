namespace OpenCx.Sandbox.Data;

/// <summary>What the AI handed over to a human: a summary, and the sentiment when it judged one.</summary>
internal sealed class Handoff
{
    public Handoff(string summary, string? sentiment)
    {
        Summary = summary;
        Sentiment = sentiment;
    }

    public string Summary { get; }

    public string? Sentiment { get; }
}
