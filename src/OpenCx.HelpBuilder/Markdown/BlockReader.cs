using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>Splits body lines into paragraphs, list items and fenced code blocks.</summary>
internal static partial class BlockReader
{
    public static List<TextBlock> Read(IReadOnlyList<SourceLine> lines)
    {
        var blocks = new List<TextBlock>();
        var pending = new List<string>();
        TextBlock? start = null;

        void Flush()
        {
            if (start != null)
            {
                blocks.Add(start with { Text = string.Join(' ', pending) });
            }

            start = null;
            pending.Clear();
        }

        for (int i = 0; i < lines.Count; i++)
        {
            SourceLine line = lines[i];
            if (MarkdownFile.IsFence(line.Text))
            {
                Flush();
                i = ReadFence(lines, i, blocks);
                continue;
            }

            if (line.IsBlank)
            {
                Flush();
                continue;
            }

            Match item = ListItem().Match(line.Text);
            if (item.Success)
            {
                Flush();
                start = new TextBlock(TextBlockKind.ListItem, string.Empty, line.Number, item.Groups[1].Value);
                pending.Add(item.Groups[2].Value.Trim());
                continue;
            }

            start ??= new TextBlock(TextBlockKind.Paragraph, string.Empty, line.Number);
            pending.Add(line.Text.Trim());
        }

        Flush();
        return blocks;
    }

    /// <summary>Reads the fence that opens at <paramref name="open"/>; returns the index of its closing line.</summary>
    private static int ReadFence(IReadOnlyList<SourceLine> lines, int open, List<TextBlock> blocks)
    {
        string fence = lines[open].Text.TrimStart();
        string language = fence.TrimStart('`').Trim();
        int indent = lines[open].Text.Length - fence.Length;
        int close = open + 1;
        while (close < lines.Count && !MarkdownFile.IsFence(lines[close].Text))
        {
            close++;
        }

        IEnumerable<string> body = lines.Skip(open + 1).Take(close - open - 1)
            .Select(l => l.Text.Length >= indent && string.IsNullOrWhiteSpace(l.Text[..indent]) ? l.Text[indent..] : l.Text.TrimStart());
        blocks.Add(new TextBlock(TextBlockKind.Code, string.Join('\n', body).TrimEnd(), lines[open].Number, Language: language));
        return close;
    }

    [GeneratedRegex(@"^\s{0,3}([-*]|\d+\.)\s+(.*)$")]
    private static partial Regex ListItem();
}
