using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;
using OpenCx.HelpBuilder.Reading;

namespace OpenCx.Tests.Infrastructure
{
    /// <summary>The markdown help in docs/en-US, read by the same reader the build turns into MAML.</summary>
    internal static class HelpDocs
    {
        public static string Folder => Path.Combine(RepoPaths.Root, "docs", "en-US");

        public static string AboutTopic => Path.Combine(Folder, "about_OpenCx.help.md");

        public static string ModulePage => Path.Combine(Folder, "OpenCx.md");

        /// <summary>Every cmdlet page: the files that are neither an about topic nor the module page.</summary>
        public static IReadOnlyList<CommandHelp> Commands() =>
            Directory.GetFiles(Folder, "*.md")
                .Where(p => !Path.GetFileName(p).StartsWith("about_", StringComparison.Ordinal) && p != ModulePage)
                .Select(p => CommandHelpReader.Read(MarkdownFile.Load(p)))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();

        public static CommandHelp Command(string name) => Commands().Single(c => c.Name == name);
    }
}
