namespace OpenCx.Sandbox.Data;

/// <summary>What the AI handed over to a human: a summary, and the sentiment when it judged one.</summary>
internal sealed record Handoff(string Summary, string? Sentiment);
