using System.Collections.Generic;
using System.Linq;
using Markdig.Syntax;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>A heading, the blocks under it, and the deeper headings that follow before the next one of its level.</summary>
internal sealed class MarkdownSection
{
    private readonly string _path;
    private readonly List<Block> _blocks = new();
    private List<TextBlock>? _text;

    public MarkdownSection(string path, int level, string title, int line)
    {
        _path = path;
        Level = level;
        Title = title;
        Line = line;
    }

    public int Level { get; }

    /// <summary>The heading as plain text.</summary>
    public string Title { get; }

    public int Line { get; }

    /// <summary>Markdig's blocks between the heading and its first sub-heading.</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>
    /// The same blocks as help text: paragraphs, list items and code. Read when first asked for, so
    /// that only what becomes help (not the module page) is held to what help can show.
    /// </summary>
    public IReadOnlyList<TextBlock> Text => _text ??= _blocks.SelectMany(b => TextBlocks.From(_path, b)).ToList();

    public List<MarkdownSection> Children { get; } = new();

    public void Add(Block block) => _blocks.Add(block);
}
