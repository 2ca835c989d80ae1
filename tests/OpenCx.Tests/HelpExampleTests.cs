using System;
using System.Linq;
using OpenCx.HelpBuilder.Model;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Every example of the help runs: the code Get-Help shows (which must be the markdown's, word
/// for word) against the sandbox, with no error. Examples with a key of their own reach the
/// sandbox server on loopback.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class HelpExampleTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public HelpExampleTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        // The examples before this one filled the window of the budget file that this server and
        // key share; an example's smaller -RateLimit would wait for that window to pass.
        _sandbox.ForgetSharedBudget();
    }

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (CommandHelp command in HelpDocs.Commands())
        {
            for (int i = 1; i <= command.Examples.Count; i++)
            {
                data.Add(command.Name, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_Get_Help_shows_runs_against_the_sandbox(string command, int number)
    {
        string markdown = HelpDocs.Command(command).Examples[number - 1].Code;
        PowerShellRun help = _sandbox.PowerShell.Run($"@((Get-Help {command} -Examples).examples.example)[{number - 1}].code");
        string code = Assert.Single(help.Output).ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(markdown, code);

        PowerShellRun run = new HelpExampleRunner(_sandbox).Run(code);

        Assert.True(run.Errors.Count == 0, $"{command} example {number} wrote errors:\n" + string.Join("\n", run.Errors.Select(e => e.ToString())));
    }
}
