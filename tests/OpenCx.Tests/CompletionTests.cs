using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenCx.Commands.Completion;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Tab completion, asked of the engine as the console asks it. That every enum-like parameter
/// completes to exactly the spec's values is part of <see cref="SpecValuesTests"/>.
/// </summary>
public sealed class CompletionTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public CompletionTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Theory]
    [InlineData("Status", "clo", "GetChatSessionOutput.status")]
    [InlineData("Channel", "w", "SessionChannel")]
    public void Completion_narrows_to_what_was_typed(string parameter, string typed, string specEnum)
    {
        IReadOnlyList<string> all = SpecEnums.At(specEnum);
        string[] expected = all.Where(v => v.StartsWith(typed, System.StringComparison.Ordinal)).OrderBy(v => v).ToArray();
        Assert.InRange(expected.Length, 2, all.Count - 1);

        Assert.Equal(expected, Complete($"Get-OpenCxSession -{parameter} {typed}").OrderBy(v => v));
    }

    /// <summary>Without a completer PowerShell offers file names, which no filter value ever is.</summary>
    [Fact]
    public void Language_Tag_and_TeamId_offer_no_file_names_in_a_folder_full_of_files()
    {
        string folder = Directory.CreateTempSubdirectory("opencx-completion-").FullName;
        try
        {
            foreach (string name in new[] { "en.txt", "billing.csv", "team.json", "vip", "3f2a-notes.md" })
            {
                File.WriteAllText(Path.Combine(folder, name), string.Empty);
            }

            using var session = new ModuleSession();
            session.Run("Set-Location -LiteralPath $folder", new Dictionary<string, object?> { ["folder"] = folder });
            // The folder does offer its files, where a parameter has no completer.
            Assert.Contains(Complete(session, "Get-OpenCxSession -ContactId e"), text => text.Contains("en.txt", StringComparison.Ordinal));

            foreach (string input in new[] { "-Language ", "-Language e", "-Tag ", "-Tag b", "-Tag v", "-TeamId ", "-TeamId t", "-TeamId 3", "-Tags b", "-team_ids t" })
            {
                Assert.Empty(Complete(session, "Get-OpenCxSession " + input));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Language_and_TeamId_offer_what_this_session_s_output_has_shown()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$sessions = Get-OpenCxSession -First 300\n" +
            "$sessions.Language | Where-Object { $_ } | Sort-Object -Unique\n" +
            "'--'\n" +
            "$sessions.Team | Where-Object { $_ } | Sort-Object -Property Id -Unique | ForEach-Object { \"$($_.Id)=$($_.Name)\" }");
        Assert.Empty(run.Errors);
        string[] lines = run.Output.Select(o => o.ToString()).ToArray();
        string[] languages = lines.TakeWhile(l => l != "--").ToArray();
        var teams = lines.SkipWhile(l => l != "--").Skip(1).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.NotEmpty(languages);
        Assert.NotEmpty(teams);

        Assert.Equal(languages.OrderBy(l => l, StringComparer.Ordinal), Complete(_sandbox.PowerShell, "Get-OpenCxSession -Language ").OrderBy(l => l, StringComparer.Ordinal));
        Assert.Equal(teams.Keys.OrderBy(k => k), Complete(_sandbox.PowerShell, "Get-OpenCxSession -TeamId ").OrderBy(k => k));
        KeyValuePair<string, string> team = teams.First();
        Assert.Contains(team.Key, Complete(_sandbox.PowerShell, "Get-OpenCxSession -TeamId " + team.Value.Substring(0, 3)));
        Assert.Equal(new[] { team.Key }, Complete(_sandbox.PowerShell, "Get-OpenCxSession -TeamId " + team.Key.Substring(0, 8)));
    }

    [Fact]
    public void The_values_kept_for_completion_are_bounded()
    {
        var seen = new SeenValues();
        for (int i = 0; i < 5 * SeenValues.MaximumPerKind; i++)
        {
            seen.Remember($"language-{i}", Guid.NewGuid(), $"Team {i}");
        }

        Assert.Equal(SeenValues.MaximumPerKind, seen.Languages().Count);
        Assert.Equal(SeenValues.MaximumPerKind, seen.Teams().Count);
    }

    private string[] Complete(string input) => Complete(_sandbox.PowerShell, input);

    private static string[] Complete(ModuleSession session, string input)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;
        var completion = CommandCompletion.CompleteInput(input, input.Length, null, shell);
        return completion.CompletionMatches.Select(m => m.CompletionText.Trim('\'')).ToArray();
    }
}
