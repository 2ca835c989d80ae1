using System.Collections.Generic;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>A heading, the lines under it, and the deeper headings that follow before the next one of its level.</summary>
internal sealed class MarkdownSection
{
    public MarkdownSection(int level, string title, int line)
    {
        Level = level;
        Title = title;
        Line = line;
    }

    public int Level { get; }

    public string Title { get; }

    public int Line { get; }

    /// <summary>The lines between the heading and its first sub-heading.</summary>
    public List<SourceLine> Body { get; } = new();

    public List<MarkdownSection> Children { get; } = new();
}
