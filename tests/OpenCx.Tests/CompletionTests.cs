using System.Linq;
using System.Management.Automation;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Tab completion, asked of the engine as the console asks it.</summary>
public sealed class CompletionTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public CompletionTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Theory]
    [InlineData("Channel", "web,email,phone_voice,slack,sms,whatsapp,instagram,messenger,api,web_voice")]
    [InlineData("Status", "open,closed_resolved,closed_unresolved")]
    [InlineData("AiClosure", "assumed_resolved,handed_off,resolved")]
    [InlineData("Sentiment", "angry,happy,neutral")]
    [InlineData("WaitingOn", "customers,human_agents")]
    [InlineData("SortBy", "created_at,last_message_at")]
    [InlineData("SortOrder", "desc,asc")]
    public void Enum_like_parameters_complete_to_the_spec_values(string parameter, string expected)
    {
        string[] offered = Complete($"Get-OpenCxSession -{parameter} ");

        Assert.Equal(expected.Split(',').OrderBy(v => v), offered.OrderBy(v => v));
    }

    [Fact]
    public void Completion_narrows_to_what_was_typed()
    {
        Assert.Equal(new[] { "closed_resolved", "closed_unresolved" }, Complete("Get-OpenCxSession -Status clo").OrderBy(v => v));
        Assert.Equal(new[] { "web", "web_voice", "whatsapp" }, Complete("Get-OpenCxSession -Channel w").OrderBy(v => v));
    }

    private string[] Complete(string input)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _sandbox.PowerShell.Runspace;
        var completion = CommandCompletion.CompleteInput(input, input.Length, null, shell);
        return completion.CompletionMatches.Select(m => m.CompletionText.Trim('\'')).ToArray();
    }
}
