using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Every script, module and data file of the repository parses, so that a syntax error in one
/// that no test runs (src/OpenCx.Demo/Demo.ps1, build.ps1's tasks that only a release runs)
/// fails dotnet test. What the files do is proved elsewhere; this is the floor under all of them.
/// </summary>
public sealed class ScriptParseTests
{
    private static readonly string[] Extensions = { ".ps1", ".psm1", ".psd1" };

    // Build output and tools' folders, not the repository's own files.
    private static readonly string[] Skipped = { ".git", "bin", "obj", "out", "TestResults", "node_modules" };

    public static IEnumerable<object[]> Scripts() => Find(RepoPaths.Root)
        .Select(p => new object[] { Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/') });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_parses(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepoPaths.Root, relativePath), out _, out ParseError[] errors);

        Assert.True(
            errors.Length == 0,
            string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}:{e.Extent.StartColumnNumber}: {e.Message}")));
    }

    [Fact]
    public void The_scripts_that_must_parse_are_found()
    {
        var found = Scripts().Select(s => (string)s[0]).ToList();

        Assert.Contains("build.ps1", found);
        Assert.Contains("src/OpenCx.Demo/Demo.ps1", found);
        Assert.Contains("OpenCx.psd1", found);
        Assert.Contains("tests/Pwsh.Tests.ps1", found);
    }

    private static IEnumerable<string> Find(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (string child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!Skipped.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
            {
                foreach (string file in Find(child))
                {
                    yield return file;
                }
            }
        }
    }
}
