using System;
using System.Management.Automation;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// An empty filter value is an error, never "no filter": a script whose variable came back
/// empty must not export every session. A $null date too (-CreatedAfter $lastRun, never set):
/// like -Channel $null, it is refused, where it meant "from the start".
/// </summary>
public sealed class EmptyFilterTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public EmptyFilterTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Theory]
    [InlineData("-Channel @()")]
    [InlineData("-Channel $empty")]
    [InlineData("-Sentiment @()")]
    [InlineData("-AiClosure @()")]
    [InlineData("-Status @()")]
    [InlineData("-AssigneeId @()")]
    [InlineData("-TeamId @()")]
    [InlineData("-TeamId ' '")]
    [InlineData("-Language @()")]
    [InlineData("-Language ''")]
    [InlineData("-Tag @()")]
    [InlineData("-Tag 'vip', ' '")]
    [InlineData("-CustomData @()")]
    [InlineData("-CreatedAfter $null")]
    [InlineData("-CreatedBefore $null")]
    [InlineData("-From $noSuchVariable")]
    public void A_filter_given_no_values_fails_before_any_request(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"$empty = @(Get-ChildItem -Path Variable:NoSuchVariable* | ForEach-Object Name)\nGet-OpenCxSession {parameters}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("would match every session", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("leave the parameter out", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData("-ContactId @()")]
    [InlineData("-ContactId ''")]
    [InlineData("-ContactId ' '")]
    [InlineData("-ContactId 'c1', ''")]
    [InlineData("-ContactId $null")]
    public void An_empty_contact_id_given_directly_fails_before_any_request(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxEmptyContactId,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("leave -ContactId out", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void Objects_piped_without_a_contact_id_query_nothing()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "[pscustomobject]@{ ContactId = '' }, [pscustomobject]@{ ContactId = ' ' }, [pscustomobject]@{ ContactId = $null } | Get-OpenCxSession");

        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void An_object_with_no_ContactId_property_is_PowerShells_binding_error_and_queries_nothing()
    {
        PowerShellRun run = _sandbox.RunConnected("[pscustomobject]@{ Name = 'no id' } | Get-OpenCxSession");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("InputObjectNotBound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void Unassigned_is_the_one_way_to_ask_for_assignees_none()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Unassigned -First 3");

        Assert.Empty(run.Errors);
        Assert.Equal("[]", System.Text.Json.JsonDocument.Parse(_sandbox.Server.Requests[0].Body).RootElement.GetProperty("filters").GetProperty("assignees").GetRawText());
    }
}
