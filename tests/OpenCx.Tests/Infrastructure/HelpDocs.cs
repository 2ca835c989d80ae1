using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenCx.HelpBuilder;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;
using OpenCx.HelpBuilder.Reading;

namespace OpenCx.Tests.Infrastructure;

/// <summary>The markdown help in docs/en-US, read by the same reader the build turns into MAML.</summary>
internal static class HelpDocs
{
    public static string Folder => Path.Combine(RepoPaths.Root, "docs", "en-US");

    public static string AboutTopic => Path.Combine(Folder, "about_OpenCx.help.md");

    public static string ModulePage => Path.Combine(Folder, "OpenCx.md");

    private static readonly Lazy<IReadOnlyList<CommandHelp>> CommandPages = new(() =>
        Directory.GetFiles(Folder, "*.md")
            .Select(MarkdownFile.Load)
            .Where(HelpBuild.IsCommandPage)
            .Select(CommandHelpReader.Read)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList());

    /// <summary>Every cmdlet page, read once, as the build picks them.</summary>
    public static IReadOnlyList<CommandHelp> Commands() => CommandPages.Value;

    public static CommandHelp Command(string name) => Commands().Single(c => c.Name == name);

    /// <summary>The documented cmdlets' names, for theories over them.</summary>
    public static Xunit.TheoryData<string> CommandNames() => new(Commands().Select(c => c.Name));
}
