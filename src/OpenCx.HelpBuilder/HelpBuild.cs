using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;
using OpenCx.HelpBuilder.Reading;
using OpenCx.HelpBuilder.Writing;

namespace OpenCx.HelpBuilder;

/// <summary>
/// One folder of platyPS markdown (docs/en-US) in, one folder of help out (out/OpenCx/en-US):
/// a MAML file per "external help file" the cmdlet pages name, and a .help.txt per about topic.
/// The module page (front matter with "Module Guid") is for readers on the web and is skipped.
/// </summary>
internal static class HelpBuild
{
    private static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>A cmdlet's page: neither an about topic nor the module page (which has a Module Guid).</summary>
    public static bool IsCommandPage(MarkdownFile file) =>
        !file.FileName.StartsWith("about_", StringComparison.Ordinal) && !file.FrontMatter.ContainsKey("Module Guid");

    public static IReadOnlyList<string> Run(string markdownFolder, string outputFolder)
    {
        var commands = new List<CommandHelp>();
        var topics = new List<(string Name, string Text)>();
        foreach (string path in Directory.GetFiles(markdownFolder, "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            var file = MarkdownFile.Load(path);
            if (file.FileName.StartsWith("about_", StringComparison.Ordinal))
            {
                topics.Add(AboutTextWriter.Write(file));
            }
            else if (IsCommandPage(file))
            {
                commands.Add(CommandHelpReader.Read(file));
            }
        }

        Directory.CreateDirectory(outputFolder);
        var written = new List<string>();
        foreach (IGrouping<string, CommandHelp> group in commands.GroupBy(c => c.ExternalHelpFile, StringComparer.Ordinal))
        {
            string path = Path.Combine(outputFolder, group.Key);
            using (var writer = new StreamWriter(path, append: false, Utf8WithBom))
            {
                MamlWriter.Write(group).Save(writer);
            }

            written.Add(path);
        }

        foreach ((string? name, string? text) in topics)
        {
            string path = Path.Combine(outputFolder, name + ".help.txt");
            File.WriteAllText(path, text, Utf8WithBom);
            written.Add(path);
        }

        return written;
    }
}
