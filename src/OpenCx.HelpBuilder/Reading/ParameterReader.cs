using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;

namespace OpenCx.HelpBuilder.Reading;

/// <summary>Reads one '### -Name' section: the description, then one YAML block per group of parameter sets.</summary>
internal static class ParameterReader
{
    private static readonly string[] Keys =
    {
        "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters",
    };

    private static readonly string[] OptionalKeys = { "Accepted values" };

    public static ParameterHelp Read(string file, MarkdownSection section)
    {
        string name = section.Title[1..];
        IReadOnlyList<TextBlock> blocks = section.Text;
        var description = blocks.Where(b => !IsYaml(b)).ToList();
        var yaml = blocks.Where(IsYaml).Select(b => (Block: b, Values: ReadYaml(file, b))).ToList();
        if (description.Count == 0)
        {
            throw new HelpFormatException(file, section.Line, $"-{name} has no description.");
        }

        if (yaml.Count == 0)
        {
            throw new HelpFormatException(file, section.Line, $"-{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, ...).");
        }

        Dictionary<string, string> first = yaml[0].Values;
        foreach ((TextBlock? block, Dictionary<string, string>? values) in yaml.Skip(1))
        {
            foreach (string key in new[] { "Type", "Aliases", "Accepted values", "Default value", "Accept wildcard characters" })
            {
                if (values.GetValueOrDefault(key) != first.GetValueOrDefault(key))
                {
                    throw new HelpFormatException(file, block.Line, $"-{name}: '{key}' differs between its YAML blocks; only Parameter Sets, Required, Position and pipeline input may.");
                }
            }
        }

        return new ParameterHelp(
            name,
            section.Line,
            description,
            first["Type"],
            List(first["Aliases"]),
            List(first.GetValueOrDefault("Accepted values", string.Empty)),
            first["Default value"],
            Boolean(file, yaml[0].Block, first["Accept wildcard characters"]),
            yaml.Select(y => new ParameterUsage(
                List(y.Values["Parameter Sets"]),
                Boolean(file, y.Block, y.Values["Required"]),
                y.Values["Position"],
                y.Values["Accept pipeline input"])).ToList());
    }

    private static bool IsYaml(TextBlock block) =>
        block.Kind == TextBlockKind.Code && string.Equals(block.Language, "yaml", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> ReadYaml(string file, TextBlock block)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = block.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            string key = colon > 0 ? lines[i][..colon].Trim() : string.Empty;
            if (!Keys.Contains(key))
            {
                throw new HelpFormatException(file, block.Line + 1 + i, $"Unknown parameter field '{lines[i].Trim()}'; the fields are: {string.Join(", ", Keys)}.");
            }

            values[key] = lines[i][(colon + 1)..].Trim();
        }

        string? missing = Keys.Except(OptionalKeys).FirstOrDefault(k => !values.ContainsKey(k));
        if (missing != null)
        {
            throw new HelpFormatException(file, block.Line, $"The parameter's YAML block has no '{missing}:' line.");
        }

        return values;
    }

    private static IReadOnlyList<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Boolean(string file, TextBlock block, string value) => value switch
    {
        "True" => true,
        "False" => false,
        _ => throw new HelpFormatException(file, block.Line, $"'{value}' is not True or False."),
    };
}
