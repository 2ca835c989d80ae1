using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// A markdown file as platyPS writes it: an optional YAML front matter of <c>key: value</c> lines,
/// then headings. Headings inside fenced code blocks are text, not structure.
/// </summary>
internal sealed partial class MarkdownFile
{
    private MarkdownFile(string path, IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<MarkdownSection> sections)
    {
        Path = path;
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
        string[] raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int index = 0;
        Dictionary<string, string> frontMatter = ReadFrontMatter(path, raw, ref index);

        var roots = new List<MarkdownSection>();
        var open = new Stack<MarkdownSection>();
        bool inFence = false;
        for (; index < raw.Length; index++)
        {
            var line = new SourceLine(index + 1, raw[index]);
            if (IsFence(line.Text))
            {
                inFence = !inFence;
            }

            Match heading = inFence ? Match.Empty : Heading().Match(line.Text);
            if (!heading.Success)
            {
                if (open.Count > 0)
                {
                    open.Peek().Body.Add(line);
                }
                else if (!line.IsBlank)
                {
                    throw new HelpFormatException(path, line.Number, "Text before the first heading; start the file with '# <name>'.");
                }

                continue;
            }

            var section = new MarkdownSection(heading.Groups[1].Length, heading.Groups[2].Value.Trim(), line.Number);
            while (open.Count > 0 && open.Peek().Level >= section.Level)
            {
                open.Pop();
            }

            (open.Count == 0 ? roots : open.Peek().Children).Add(section);
            open.Push(section);
        }

        if (inFence)
        {
            throw new HelpFormatException(path, raw.Length, "A fenced code block is not closed.");
        }

        return new MarkdownFile(path, frontMatter, roots);
    }

    public static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

    private static Dictionary<string, string> ReadFrontMatter(string path, string[] raw, ref int index)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (raw.Length == 0 || raw[0].Trim() != "---")
        {
            return values;
        }

        for (index = 1; index < raw.Length; index++)
        {
            string line = raw[index];
            if (line.Trim() == "---")
            {
                index++;
                return values;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HelpFormatException(path, index + 1, $"Front matter lines are 'key: value', not '{line}'.");
            }

            values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        throw new HelpFormatException(path, 1, "The front matter opened with '---' is not closed with '---'.");
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*$")]
    private static partial Regex Heading();
}
