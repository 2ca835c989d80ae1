using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Reading;

namespace OpenCx.HelpBuilder.Writing;

/// <summary>
/// Renders an about topic (<c>about_X.help.md</c>) as the plain text Get-Help prints: TOPIC and the
/// topic's name first, '##' headings flush left, '###' headings indented under them, text wrapped
/// to 80 columns, code indented and never wrapped.
/// </summary>
internal static class AboutTextWriter
{
    public const int Width = 80;
    private const int Indent = 4;

    /// <summary>The topic's name (the file name Get-Help looks for, less .help.txt) and its text.</summary>
    public static (string Name, string Text) Write(MarkdownFile file)
    {
        MarkdownSection top = Sections.Single(file, "'# about_<Name>'");
        if (!top.Title.StartsWith("about_", StringComparison.Ordinal) || top.Title.Contains(' ', StringComparison.Ordinal))
        {
            throw new HelpFormatException(file.Path, top.Line, $"An about topic's heading is its name, 'about_<Name>' without spaces, not '{top.Title}'.");
        }

        MarkdownSection summary = Sections.Required(file, top, "SHORT DESCRIPTION");
        Sections.Required(file, top, "LONG DESCRIPTION");
        IReadOnlyList<TextBlock> summaryText = summary.Text;
        if (top.Children[0] != summary || summaryText.Count != 1 || summaryText[0].Text.Length > Width - Indent)
        {
            throw new HelpFormatException(file.Path, summary.Line, $"SHORT DESCRIPTION comes first and is one line of at most {Width - Indent} characters: Get-Help lists that line beside the topic's name.");
        }

        var text = new StringBuilder();
        text.Append("TOPIC\n").Append(' ', Indent).Append(top.Title).Append("\n\n");
        foreach (MarkdownSection section in top.Children)
        {
            AppendSection(text, section, 0);
        }

        return (top.Title, text.ToString());
    }

    private static void AppendSection(StringBuilder text, MarkdownSection section, int indent)
    {
        text.Append(' ', indent).Append(section.Title).Append('\n');
        IReadOnlyList<TextBlock> blocks = section.Text;
        for (int i = 0; i < blocks.Count; i++)
        {
            AppendBlock(text, blocks[i], indent + Indent);
            bool listGoesOn = blocks[i].Kind == TextBlockKind.ListItem && i + 1 < blocks.Count && blocks[i + 1].Kind == TextBlockKind.ListItem;
            if (!listGoesOn)
            {
                text.Append('\n');
            }
        }

        if (section.Children.Count > 0 && blocks.Count == 0)
        {
            text.Append('\n');
        }

        foreach (MarkdownSection child in section.Children)
        {
            AppendSection(text, child, indent + Indent);
        }
    }

    private static void AppendBlock(StringBuilder text, TextBlock block, int indent)
    {
        switch (block.Kind)
        {
            case TextBlockKind.Code:
                foreach (string line in block.Text.Split('\n'))
                {
                    text.Append(line.Length == 0 ? string.Empty : new string(' ', indent + Indent) + line).Append('\n');
                }

                break;
            case TextBlockKind.ListItem:
                AppendWrapped(text, block.Text, indent, block.Marker + " ");
                break;
            default:
                AppendWrapped(text, block.Text, indent, string.Empty);
                break;
        }
    }

    /// <summary>Word-wraps to <see cref="Width"/>; a list marker hangs, its text aligned after it.</summary>
    private static void AppendWrapped(StringBuilder text, string paragraph, int indent, string marker)
    {
        var lines = new List<string>();
        var line = new StringBuilder(marker);
        int room = Width - indent;
        foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            bool fresh = line.Length == marker.Length;
            if (!fresh && line.Length + 1 + word.Length > room)
            {
                lines.Add(line.ToString());
                line.Clear().Append(' ', marker.Length);
                fresh = true;
            }

            line.Append(fresh ? string.Empty : " ").Append(word);
        }

        lines.Add(line.ToString());
        foreach (string wrapped in lines.Where(l => l.Trim().Length > 0))
        {
            text.Append(' ', indent).Append(wrapped).Append('\n');
        }
    }
}
