using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;

namespace OpenCx.HelpBuilder.Reading;

/// <summary>
/// Reads a cmdlet page in platyPS schema 2.0.0 and checks that it holds together: every section
/// present, every parameter described, and each syntax line naming exactly the parameters whose
/// YAML puts them in that parameter set.
/// </summary>
internal static partial class CommandHelpReader
{
    private const string AllParameterSetsName = "__AllParameterSets";

    private static readonly string[] SectionTitles =
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    public static CommandHelp Read(MarkdownFile file)
    {
        string path = file.Path;
        MarkdownSection top = Sections.Single(file, "'# <Verb-Noun>'");
        Sections.OnlyKnown(file, top, SectionTitles);
        string schema = FrontMatter(file, "schema");
        if (schema != "2.0.0")
        {
            throw new HelpFormatException(path, 1, $"Only platyPS schema 2.0.0 is read, not '{schema}'.");
        }

        string synopsis = file.SourceText(Sections.Required(file, top, "SYNOPSIS"));
        IReadOnlyList<TextBlock> description = Sections.Required(file, top, "DESCRIPTION").Text;
        if (synopsis.Length == 0 || description.Count == 0)
        {
            throw new HelpFormatException(path, top.Line, $"{top.Title} needs a SYNOPSIS and a DESCRIPTION.");
        }

        var parameters = Sections.Required(file, top, "PARAMETERS").Children
            .Where(s => s.Title != "CommonParameters")
            .Select(s => s.Title.StartsWith('-') ? ParameterReader.Read(path, s)
                : throw new HelpFormatException(path, s.Line, $"Parameter headings are '### -Name', not '### {s.Title}'."))
            .ToList();
        List<SyntaxHelp> syntax = ReadSyntax(file, Sections.Required(file, top, "SYNTAX"));
        CheckParameterSets(path, syntax, parameters);

        // Required, though the MAML does not carry it: platyPS needs it to update the page.
        FrontMatter(file, "Module Name");
        return new CommandHelp(
            top.Title,
            FrontMatter(file, "external help file"),
            file.FrontMatter.TryGetValue("online version", out string? online) && online.Length > 0 ? online : null,
            synopsis,
            description,
            syntax,
            ReadExamples(file, Sections.Required(file, top, "EXAMPLES")),
            parameters,
            ReadTypes(file, Sections.Required(file, top, "INPUTS")),
            ReadTypes(file, Sections.Required(file, top, "OUTPUTS")),
            Sections.Required(file, top, "NOTES").Text,
            ReadLinks(Sections.Required(file, top, "RELATED LINKS")));
    }

    private static string FrontMatter(MarkdownFile file, string key) =>
        file.FrontMatter.TryGetValue(key, out string? value) && value.Length > 0
            ? value
            : throw new HelpFormatException(file.Path, 1, $"The front matter has no '{key}:'.");

    private static List<SyntaxHelp> ReadSyntax(MarkdownFile file, MarkdownSection section)
    {
        List<(string Title, MarkdownSection)> sets = section.Children.Count == 0
            ? new List<(string Title, MarkdownSection Body)> { (AllParameterSetsName, section) }
            : section.Children.Select(c => (c.Title, c)).ToList();
        var syntax = new List<SyntaxHelp>();
        foreach ((string? title, MarkdownSection? body) in sets)
        {
            TextBlock code = body.Text.SingleOrDefault(b => b.Kind == TextBlockKind.Code)
                ?? throw new HelpFormatException(file.Path, body.Line, $"Syntax '{title}' needs exactly one ``` block with the command line.");
            bool isDefault = title.EndsWith(" (Default)", StringComparison.Ordinal);
            string name = isDefault ? title[..^" (Default)".Length] : title;
            string text = string.Join(" ", code.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            var order = SyntaxParameter().Matches(text).Select(m => m.Groups[1].Value).ToList();
            syntax.Add(new SyntaxHelp(name, isDefault, text, order));
        }

        return syntax;
    }

    private static void CheckParameterSets(string path, IReadOnlyList<SyntaxHelp> syntax, IReadOnlyList<ParameterHelp> parameters)
    {
        foreach (ParameterHelp parameter in parameters)
        {
            foreach (string set in parameter.Usages.SelectMany(u => u.ParameterSets))
            {
                if (set != ParameterHelp.AllParameterSets && syntax.All(s => s.ParameterSet != set))
                {
                    throw new HelpFormatException(path, parameter.Line, $"-{parameter.Name} names parameter set '{set}', which SYNTAX does not have.");
                }
            }
        }

        foreach (SyntaxHelp set in syntax)
        {
            IEnumerable<string> documented = parameters.Where(p => p.UsageIn(set.ParameterSet) != null).Select(p => p.Name);
            string[] missing = set.ParameterOrder.Except(documented, StringComparer.OrdinalIgnoreCase).ToArray();
            string[] extra = documented.Except(set.ParameterOrder, StringComparer.OrdinalIgnoreCase).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
            {
                throw new HelpFormatException(path, 1, $"Parameter set '{set.ParameterSet}': the syntax line and the parameters' YAML disagree."
                    + (missing.Length > 0 ? $" Not documented under PARAMETERS for this set: -{string.Join(", -", missing)}." : string.Empty)
                    + (extra.Length > 0 ? $" Not on the syntax line: -{string.Join(", -", extra)}." : string.Empty));
            }
        }
    }

    private static List<ExampleHelp> ReadExamples(MarkdownFile file, MarkdownSection section)
    {
        var examples = new List<ExampleHelp>();
        foreach (MarkdownSection example in section.Children)
        {
            IReadOnlyList<TextBlock> blocks = example.Text;
            if (!example.Title.StartsWith("Example ", StringComparison.Ordinal) || blocks.FirstOrDefault()?.Kind != TextBlockKind.Code)
            {
                throw new HelpFormatException(file.Path, example.Line, "An example is '### Example N: Title', then a ```powershell block, then what it does.");
            }

            examples.Add(new ExampleHelp(example.Title, blocks[0].Text, blocks.Skip(1).ToList()));
        }

        return examples;
    }

    private static List<TypeHelp> ReadTypes(MarkdownFile file, MarkdownSection section)
    {
        if (section.Children.Count == 0)
        {
            throw new HelpFormatException(file.Path, section.Line, $"{section.Title} lists types as '### TypeName' headings ('### None' when there are none).");
        }

        return section.Children.Select(c => new TypeHelp(c.Title, c.Text)).ToList();
    }

    private static List<LinkHelp> ReadLinks(MarkdownSection section) =>
        section.Blocks.SelectMany(Links)
            .Where(l => !l.IsImage)
            .Select(l => new LinkHelp(InlineText.Plain(l), l.Url ?? string.Empty))
            .ToList();

    // Markdig's Descendants of a leaf block stop at the block: its links are in its inlines.
    private static IEnumerable<LinkInline> Links(Block block) =>
        block is LeafBlock leaf ? leaf.Inline?.Descendants<LinkInline>() ?? Enumerable.Empty<LinkInline>() : block.Descendants<LinkInline>();

    [GeneratedRegex(@"(?<=[\s\[])-([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex SyntaxParameter();
}
