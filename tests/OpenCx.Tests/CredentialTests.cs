using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Connect-OpenCx -Credential: the password is the key, the user name is ignored, and the key shows nowhere.</summary>
public sealed class CredentialTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public CredentialTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void The_password_is_the_key_and_the_user_name_is_ignored()
    {
        _sandbox.Server.ClearRequests();
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$credential = [pscredential]::new('someone@example.com', $key)\n" +
            "Connect-OpenCx -BaseUri $uri -Credential $credential -RateLimit 100000 -PassThru\n" +
            "Get-OpenCxSession -First 3",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        Assert.True(Assert.Single(run.Objects<OpenCxConnection>()).Validated);
        Assert.Equal(3, run.Objects<ChatSession>().Count());
        Assert.Equal(2, _sandbox.Server.Requests.Count);
        Assert.All(_sandbox.Server.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public void A_credential_with_a_wrong_key_is_an_authentication_error()
    {
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError(
            "Connect-OpenCx -BaseUri $uri -Credential ([pscredential]::new('apikey', $wrong))",
            new Dictionary<string, object?> { ["uri"] = _sandbox.Server.BaseUri, ["wrong"] = SandboxFixture.SecureKey("not-the-key") });

        Assert.StartsWith("OpenCxUnauthorized,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
    }

    /// <summary>Set, the variable would connect: it must not stand in for a credential that holds no key.</summary>
    [Theory]
    [InlineData("$null")]
    [InlineData("([pscredential]::Empty)")]
    [InlineData("([pscredential]::new('apikey', [securestring]::new()))")]
    public void A_credential_that_holds_no_key_is_a_failed_connect_and_OPENCX_API_KEY_does_not_stand_in(string credential)
    {
        _sandbox.Server.ClearRequests();
        Dictionary<string, object?> variables = _sandbox.ConnectionVariables();
        variables["plain"] = SandboxFixture.ApiKeyText;

        PowerShellRun run = _sandbox.PowerShell.Run(
            "Connect-OpenCx -Sandbox\n" +
            "$env:OPENCX_API_KEY = $plain\n" +
            $"try {{ Connect-OpenCx -BaseUri $uri -Credential {credential} }} finally {{ $env:OPENCX_API_KEY = $null }}\n" +
            "@(Get-OpenCxConnection).Count",
            variables);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxApiKeyMissing,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("-Credential holds no key", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, run.Output.Last().BaseObject);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData("-BaseUri $uri -Credential $credential -ApiKey $key")]
    [InlineData("-Credential $credential -Sandbox")]
    public void A_credential_goes_with_neither_ApiKey_nor_Sandbox(string parameters)
    {
        _sandbox.Server.ClearRequests();
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError(
            $"$credential = [pscredential]::new('apikey', $key); Connect-OpenCx {parameters}",
            _sandbox.ConnectionVariables());

        Assert.StartsWith("AmbiguousParameterSet,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SandboxFault.Status401)]
    [InlineData(SandboxFault.Status500)]
    public void The_key_of_a_credential_appears_in_no_stream_error_or_object(SandboxFault? fault)
    {
        if (fault.HasValue)
        {
            _sandbox.Options.FaultSequence.Enqueue(fault.Value);
        }

        PowerShellRun run = _sandbox.PowerShell.Run(
            "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n" +
            "$credential = [pscredential]::new('apikey', $key)\n" +
            "$c = Connect-OpenCx -BaseUri $uri -Credential $credential -MaximumRetryCount 0 -PassThru -Debug\n" +
            "$c; \"$c\"; $c | Format-List * | Out-String; $c | ConvertTo-Json -Depth 5\n" +
            "$Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }",
            _sandbox.ConnectionVariables());

        Assert.Equal(fault.HasValue ? 1 : 0, run.Errors.Count);
        Assert.Contains(run.Debug, d => d.Contains("Authorization: Bearer (redacted)", StringComparison.Ordinal));
        Assert.DoesNotContain(run.AllText(), text => text.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));
    }
}
