using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.HelpBuilder.Markdown;

namespace OpenCx.HelpBuilder.Reading;

/// <summary>Finding the headings a schema requires, with an error that names the file and line when one is missing.</summary>
internal static class Sections
{
    public static MarkdownSection Single(MarkdownFile file, string expectation)
    {
        if (file.Sections.Count != 1 || file.Sections[0].Level != 1)
        {
            int line = file.Sections.Count > 1 ? file.Sections[1].Line : 1;
            throw new HelpFormatException(file.Path, line, $"Expected exactly one top heading: {expectation}.");
        }

        return file.Sections[0];
    }

    public static MarkdownSection Required(MarkdownFile file, MarkdownSection parent, string title) =>
        parent.Children.FirstOrDefault(s => string.Equals(s.Title, title, StringComparison.Ordinal))
        ?? throw new HelpFormatException(file.Path, parent.Line, $"'{parent.Title}' has no '## {title}' section.");

    public static void OnlyKnown(MarkdownFile file, MarkdownSection parent, IReadOnlyCollection<string> known)
    {
        foreach (MarkdownSection child in parent.Children)
        {
            if (!known.Contains(child.Title))
            {
                throw new HelpFormatException(file.Path, child.Line, $"Unknown section '{child.Title}'; expected one of: {string.Join(", ", known)}.");
            }
        }
    }
}
