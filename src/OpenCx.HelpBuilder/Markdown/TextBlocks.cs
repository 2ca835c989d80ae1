using System.Collections.Generic;
using System.Linq;
using Markdig.Syntax;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// Markdig's blocks as the help text they become. Lists flatten into their items and quotes into
/// what they quote; a block that help cannot show (HTML, a rule) is refused at its line.
/// </summary>
internal static class TextBlocks
{
    public static IEnumerable<TextBlock> From(string path, Block block) => block switch
    {
        ParagraphBlock paragraph => new[] { new TextBlock(TextBlockKind.Paragraph, InlineText.Plain(paragraph.Inline), paragraph.Line + 1) },
        CodeBlock code => new[] { new TextBlock(TextBlockKind.Code, Code(code), code.Line + 1, Language: (code as FencedCodeBlock)?.Info ?? string.Empty) },
        ListBlock list => list.Cast<ListItemBlock>().SelectMany(item => Item(path, list, item)),
        QuoteBlock quote => quote.SelectMany(b => From(path, b)),
        _ => throw new HelpFormatException(path, block.Line + 1, $"Help text is paragraphs, lists and ``` code blocks; this {Kind(block)} has no place in it."),
    };

    /// <summary>The item's first paragraph carries its marker ("-" or "1."); what follows in the item keeps its own kind.</summary>
    private static IEnumerable<TextBlock> Item(string path, ListBlock list, ListItemBlock item)
    {
        string marker = list.IsOrdered ? $"{item.Order}{list.OrderedDelimiter}" : list.BulletType.ToString();
        var blocks = item.SelectMany(b => From(path, b)).ToList();
        bool leads = blocks.Count > 0 && blocks[0].Kind == TextBlockKind.Paragraph;
        yield return new TextBlock(TextBlockKind.ListItem, leads ? blocks[0].Text : string.Empty, item.Line + 1, marker);
        foreach (TextBlock rest in blocks.Skip(leads ? 1 : 0))
        {
            yield return rest;
        }
    }

    /// <summary>The code line for line, as Markdig took it from under the fence's indentation, without trailing blank lines.</summary>
    private static string Code(CodeBlock code) =>
        string.Join('\n', code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString())).TrimEnd();

    private static string Kind(Block block) => block switch
    {
        HtmlBlock => "HTML",
        ThematicBreakBlock => "horizontal rule",
        _ => block.GetType().Name,
    };
}
