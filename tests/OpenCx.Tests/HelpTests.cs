using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// What Get-Help shows in a real runspace, offline, from the help the build made of docs/en-US:
/// every command and every parameter explained, the about topic found.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class HelpTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession _powerShell;

    public HelpTests(ModuleSession powerShell)
    {
        _powerShell = powerShell;
    }


    [Fact]
    public void The_build_ships_MAML_and_the_about_topic_in_en_US()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "en-US", "OpenCx.PowerShell.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "en-US", "about_OpenCx.help.txt")));
    }

    [Theory]
    [MemberData(nameof(HelpDocs.CommandNames), MemberType = typeof(HelpDocs))]
    public void Get_Help_Full_shows_a_synopsis_a_description_and_examples(string command)
    {
        PowerShellRun run = _powerShell.Run(
            $"$help = Get-Help {command} -Full\n" +
            "$help.Synopsis\n" +
            "($help.description.Text -join ' ').Length\n" +
            "@($help.examples.example).Count");

        Assert.Empty(run.Errors);
        string synopsis = run.Output[0].ToString();
        Assert.Equal(InlineText.Plain(HelpDocs.Command(command).Synopsis), synopsis);
        Assert.True((int)run.Output[1].BaseObject > 100, $"{command} has almost no description.");
        Assert.True((int)run.Output[2].BaseObject >= 1, $"{command} has no example.");
    }

    [Fact]
    public void Get_OpenCxSession_has_at_least_the_examples_users_need_first()
    {
        PowerShellRun run = _powerShell.Run("(Get-Help Get-OpenCxSession -Examples).examples.example.code");

        string code = string.Join("\n", run.Output.Select(o => o.ToString()));
        Assert.Contains("Export-Csv", code, StringComparison.Ordinal);
        Assert.Contains("Group-Object", code, StringComparison.Ordinal);
        Assert.Contains("Where-Object", code, StringComparison.Ordinal);
        Assert.Contains("-Connection", code, StringComparison.Ordinal);
        Assert.True(run.Output.Count >= 4);
    }

    [Fact]
    public void Every_parameter_has_help_text()
    {
        PowerShellRun run = _powerShell.Run(
            "$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters\n" +
            "foreach ($command in Get-Command -Module OpenCx) {\n" +
            "    foreach ($name in $command.Parameters.Keys | Where-Object { $common -notcontains $_ }) {\n" +
            "        $text = (Get-Help $command.Name -Parameter $name).description.Text -join ' '\n" +
            "        if ($text.Length -lt 20) { \"$($command.Name) -$name\" }\n" +
            "    }\n" +
            "}");

        Assert.Empty(run.Errors);
        Assert.Empty(run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Get_Help_Parameter_Channel_explains_the_parameter()
    {
        PowerShellRun run = _powerShell.Run("Get-Help Get-OpenCxSession -Parameter Channel | Out-String -Width 200");

        Assert.Empty(run.Errors);
        string text = Assert.Single(run.Output).ToString();
        Assert.Contains("-Channel <String[]>", text, StringComparison.Ordinal);
        Assert.Contains("Gets only sessions on one of these channels.", text, StringComparison.Ordinal);
        Assert.Matches(@"Aliases\s+Channels", text);
    }

    [Fact]
    public void The_syntax_Get_Help_shows_offers_the_accepted_values()
    {
        PowerShellRun run = _powerShell.Run("Get-Help Get-OpenCxSession | Out-String -Width 2000");
        // The values themselves are the spec's (SpecValuesTests); here, that Get-Help shows them all.
        string[] channels = _powerShell.Run(
            "(Get-Command Get-OpenCxSession).Parameters['Channel'].Attributes | " +
            "Where-Object { $_ -is [OpenCx.Commands.Validation.ValidateValueSetAttribute] } | ForEach-Object ValidValues")
            .Output.Select(o => o.ToString()).ToArray();

        string text = Assert.Single(run.Output).ToString();
        Assert.True(channels.Length > 1, "-Channel has no ValidateValueSet");
        Assert.Contains($"[-Channel {{{string.Join(" | ", channels)}}}]", text, StringComparison.Ordinal);
        Assert.Contains("Get-OpenCxSession -Unassigned", text, StringComparison.Ordinal);
        Assert.Contains("Get-OpenCxSession -AssigneeId <Int64[]>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void About_OpenCx_is_found_and_listed_with_its_short_description()
    {
        PowerShellRun run = _powerShell.Run(
            "(Get-Help about_OpenCx | Out-String)\n" +
            "(Get-Help about_OpenC*).Synopsis");

        Assert.Empty(run.Errors);
        string text = run.Output[0].ToString();
        foreach (string heading in new[] { "CONNECTING", "PAGING AND RATE LIMITS", "CONSISTENCY", "THE SANDBOX", "TROUBLESHOOTING" })
        {
            Assert.Contains("\n" + heading + "\n", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Equal(ShortDescription(), run.Output[1].ToString());
    }

    [Fact]
    public void Every_error_id_the_module_raises_is_explained_in_about_OpenCx()
    {
        string about = File.ReadAllText(HelpDocs.AboutTopic);
        var nouns = HelpDocs.Commands().Select(c => c.Name.Split('-')[1]).ToHashSet();
        IEnumerable<string> ids = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "OpenCx.PowerShell"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "\"(OpenCx[A-Z][A-Za-z]+)\"").Select(m => m.Groups[1].Value))
            .Where(literal => !nouns.Contains(literal))
            .Distinct();

        Assert.All(ids, id => Assert.Contains($"\n### {id}\n", about.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    private static string ShortDescription()
    {
        string[] lines = File.ReadAllLines(HelpDocs.AboutTopic);
        int heading = Array.IndexOf(lines, "## SHORT DESCRIPTION");
        return lines[heading + 1];
    }
}
