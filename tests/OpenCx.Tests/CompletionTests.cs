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

    /// <summary>Without a completer PowerShell offers file names, which no filter value or connection ever is.</summary>
    [Fact]
    public void Language_Tag_TeamId_AssigneeId_and_Connection_offer_no_file_names_in_a_folder_full_of_files()
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

            foreach (string input in new[]
            {
                "-Language ", "-Language e", "-Tag ", "-Tag b", "-Tag v", "-TeamId ", "-TeamId t", "-TeamId 3", "-Tags b", "-team_ids t",
                "-AssigneeId ", "-AssigneeId 3", "-Assignees 3", "-Connection ", "-Connection t", "-Language en,", "-TeamId t,",
            })
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
    public void Language_TeamId_and_AssigneeId_offer_what_this_session_s_output_has_shown()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$sessions = Get-OpenCxSession -First 300\n" +
            "$sessions.Language | Where-Object { $_ } | Sort-Object -Unique\n" +
            "'--'\n" +
            "$sessions.Team | Where-Object { $_ } | Sort-Object -Property Id -Unique | ForEach-Object { \"$($_.Id)=$($_.Name)\" }\n" +
            "'--'\n" +
            "$sessions.AssigneeId | Where-Object { $_ } | Sort-Object -Unique");
        Assert.Empty(run.Errors);
        string[] lines = run.Output.Select(o => o.ToString()).ToArray();
        string[] languages = lines.TakeWhile(l => l != "--").ToArray();
        var teams = lines.SkipWhile(l => l != "--").Skip(1).TakeWhile(l => l != "--").Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        string[] assignees = lines.SkipWhile(l => l != "--").Skip(1).SkipWhile(l => l != "--").Skip(1).ToArray();
        Assert.NotEmpty(languages);
        Assert.NotEmpty(teams);
        Assert.NotEmpty(assignees);

        Assert.Equal(languages.OrderBy(l => l, StringComparer.Ordinal), Complete(_sandbox.PowerShell, "Get-OpenCxSession -Language ").OrderBy(l => l, StringComparer.Ordinal));
        Assert.Equal(assignees.OrderBy(a => a, StringComparer.Ordinal), Complete(_sandbox.PowerShell, "Get-OpenCxSession -AssigneeId ").OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal(teams.Select(t => $"{t.Key} <#{t.Value}#>").OrderBy(k => k), Complete(_sandbox.PowerShell, "Get-OpenCxSession -TeamId ").OrderBy(k => k));
        KeyValuePair<string, string> team = teams.First();
        Assert.Equal(new[] { $"{team.Key} <#{team.Value}#>" }, Complete(_sandbox.PowerShell, "Get-OpenCxSession -TeamId " + team.Key.Substring(0, 8)));
    }

    /// <summary>-TeamId Bil[Tab]: found by its name, the team's id goes in, its name beside it in a comment, as the list shows it.</summary>
    [Fact]
    public void TeamId_completes_a_team_by_its_name_to_its_id_with_the_name_beside_it()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -First 300 | Where-Object Team | Group-Object { $_.Team.Id } | ForEach-Object { $_.Group[0].Team } | ForEach-Object { \"$($_.Id)=$($_.Name)\" }");
        Assert.Empty(run.Errors);
        string[][] teams = run.Output.Select(o => o.ToString().Split('=', 2)).ToArray();
        string[] team = teams.First(t => teams.Count(other => other[1].StartsWith(t[1].Substring(0, 3), StringComparison.OrdinalIgnoreCase)) == 1);

        CompletionResult result = Assert.Single(CompleteResults(_sandbox.PowerShell, "Get-OpenCxSession -TeamId " + team[1].Substring(0, 3).ToLowerInvariant()));
        Assert.Equal($"{team[0]} <#{team[1]}#>", result.CompletionText);
        Assert.Equal($"{team[1]} ({team[0]})", result.ListItemText);
        Assert.Contains(team[1], result.ToolTip, StringComparison.Ordinal);

        // What it inserts runs, and filters on that team.
        PowerShellRun filtered = _sandbox.RunConnected($"Get-OpenCxSession -First 20 -TeamId {result.CompletionText} | ForEach-Object {{ $_.Team.Name }} | Sort-Object -Unique");
        Assert.Empty(filtered.Errors);
        Assert.Equal(new[] { team[1] }, filtered.Output.Select(o => o.ToString()));

        Assert.DoesNotContain(result.CompletionText, Complete(_sandbox.PowerShell, $"Get-OpenCxSession -TeamId {result.CompletionText},"));
        Assert.Equal(teams.Length - 1, Complete(_sandbox.PowerShell, $"Get-OpenCxSession -TeamId {result.CompletionText},").Length);
    }

    /// <summary>A parameter that takes several values offers, after a comma, only those not given yet.</summary>
    [Theory]
    [InlineData("-Channel whatsapp,", "SessionChannel", "", "whatsapp")]
    [InlineData("-Channel whatsapp, ", "SessionChannel", "", "whatsapp")]
    [InlineData("-Channel 'whatsapp',w", "SessionChannel", "w", "whatsapp")]
    [InlineData("-Channels web,whatsapp,w", "SessionChannel", "w", "web,whatsapp")]
    [InlineData("-Channel:email,", "SessionChannel", "", "email")]
    [InlineData("-Sentiment angry,", "FilterSessionsPublicDto.filters.sentiment", "", "angry")]
    [InlineData("-AiClosure resolved,handed_off,", "FilterSessionsPublicDto.filters.ai_closure", "", "resolved,handed_off")]
    [InlineData("-Status open,", "GetChatSessionOutput.status", "", "open")]
    [InlineData("-Status 1,c", "GetChatSessionOutput.status", "c", "closed_resolved")]
    public void A_list_of_values_offers_only_those_not_given_yet(string input, string specEnum, string typed, string given)
    {
        string[] expected = SpecEnums.At(specEnum)
            .Where(v => v.StartsWith(typed, StringComparison.Ordinal) && !given.Split(',').Contains(v))
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(expected);

        Assert.Equal(expected, Complete("Get-OpenCxSession " + input).OrderBy(v => v, StringComparer.Ordinal));
    }

    [Fact]
    public void Connection_offers_the_variables_that_hold_a_connection()
    {
        using var session = new ModuleSession();
        PowerShellRun run = session.Run("$prod = Connect-OpenCx -Sandbox -PassThru\n$test = Connect-OpenCx -Sandbox -PassThru\n${my connection} = $test\n$notAConnection = 'prod'");
        Assert.Empty(run.Errors);

        Assert.Equal(new[] { "$prod", "$test", "${my connection}" }, Complete(session, "Get-OpenCxSession -Connection ").OrderBy(v => v, StringComparer.Ordinal));
        Assert.Equal(new[] { "$test" }, Complete(session, "Get-OpenCxSession -Connection t"));
        // After a $, PowerShell completes every variable itself, as for any parameter.
        Assert.Contains("$prod", Complete(session, "Get-OpenCxSession -Connection $p"));
        CompletionResult result = CompleteResults(session, "Get-OpenCxSession -Connection pr").Single();
        Assert.Equal(CompletionResultType.Variable, result.ResultType);
        Assert.Contains("sandbox", result.ToolTip, StringComparison.Ordinal);
    }

    [Fact]
    public void The_values_kept_for_completion_are_bounded()
    {
        var seen = new SeenValues();
        for (int i = 0; i < 5 * SeenValues.MaximumPerKind; i++)
        {
            seen.Remember($"language-{i}", Guid.NewGuid(), $"Team {i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(SeenValues.MaximumPerKind, seen.Languages().Count);
        Assert.Equal(SeenValues.MaximumPerKind, seen.Teams().Count);
        Assert.Equal(SeenValues.MaximumPerKind, seen.Assignees().Count);
    }

    private string[] Complete(string input) => Complete(_sandbox.PowerShell, input);

    private static string[] Complete(ModuleSession session, string input) =>
        CompleteResults(session, input).Select(m => m.CompletionText.Trim('\'')).ToArray();

    private static IReadOnlyList<CompletionResult> CompleteResults(ModuleSession session, string input)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;
        return CommandCompletion.CompleteInput(input, input.Length, null, shell).CompletionMatches;
    }
}
