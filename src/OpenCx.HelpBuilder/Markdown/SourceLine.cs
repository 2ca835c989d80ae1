namespace OpenCx.HelpBuilder.Markdown;

/// <summary>One line of a markdown file with its 1-based number, for error messages.</summary>
internal readonly record struct SourceLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}
