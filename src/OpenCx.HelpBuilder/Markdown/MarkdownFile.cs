using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Helpers;
using Markdig.Syntax;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// A markdown file as platyPS writes it, parsed by Markdig: an optional YAML front matter of
/// <c>key: value</c> lines, then headings, each with the blocks under it.
/// </summary>
internal sealed class MarkdownFile
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private readonly string _text;

    private MarkdownFile(string path, string text, IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<MarkdownSection> sections)
    {
        Path = path;
        _text = text;
        FrontMatter = frontMatter;
        Sections = sections;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    /// <summary>The top-level headings, each with everything under it.</summary>
    public IReadOnlyList<MarkdownSection> Sections { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    public static MarkdownFile Load(string path) => Parse(path, File.ReadAllText(path));

    public static MarkdownFile Parse(string path, string text)
    {
        // The readers split on '\n': a page checked out with CRLF reads as the same page.
        text = text.ReplaceLineEndings("\n");
        MarkdownDocument document = Markdig.Markdown.Parse(text, Pipeline);
        Fences.CheckClosed(path, document);
        var roots = new List<MarkdownSection>();
        var open = new Stack<MarkdownSection>();
        foreach (Block block in document.Where(b => b is not YamlFrontMatterBlock and not LinkReferenceDefinitionGroup))
        {
            if (block is HeadingBlock heading)
            {
                var section = new MarkdownSection(path, heading.Level, InlineText.Plain(heading.Inline), heading.Line + 1);
                while (open.Count > 0 && open.Peek().Level >= section.Level)
                {
                    open.Pop();
                }

                (open.Count == 0 ? roots : open.Peek().Children).Add(section);
                open.Push(section);
            }
            else if (open.Count > 0)
            {
                open.Peek().Add(block);
            }
            else if (block is ThematicBreakBlock { Line: 0 })
            {
                throw new HelpFormatException(path, 1, "The front matter opened with '---' is not closed with '---'.");
            }
            else
            {
                throw new HelpFormatException(path, block.Line + 1, "Text before the first heading; start the file with '# <name>'.");
            }
        }

        return new MarkdownFile(path, text, ReadFrontMatter(path, document), roots);
    }

    /// <summary>
    /// A section's body as written, its lines trimmed and joined with spaces: the synopsis as
    /// platyPS copies it to the module page.
    /// </summary>
    public string SourceText(MarkdownSection section) =>
        string.Join(' ', section.Blocks
            .SelectMany(b => _text.Substring(b.Span.Start, b.Span.Length).Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0));

    private static Dictionary<string, string> ReadFrontMatter(string path, MarkdownDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (StringLine line in document.OfType<YamlFrontMatterBlock>().SelectMany(b => b.Lines.Lines.Take(b.Lines.Count)))
        {
            string text = line.Slice.ToString();
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HelpFormatException(path, line.Line + 1, $"Front matter lines are 'key: value', not '{text}'.");
            }

            values[text[..colon].Trim()] = text[(colon + 1)..].Trim();
        }

        return values;
    }
}
