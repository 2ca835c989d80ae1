using System;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>The API key shows up in no stream, no error, no object, whatever happens.</summary>
public sealed class SecretTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public SecretTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Theory]
    [InlineData(null)]
    [InlineData(SandboxFault.Status401)]
    [InlineData(SandboxFault.Status400)]
    [InlineData(SandboxFault.Status500)]
    [InlineData(SandboxFault.DropConnection)]
    [InlineData(SandboxFault.TruncatedBody)]
    [InlineData(SandboxFault.NonJsonBody)]
    public void The_key_appears_in_no_stream_error_or_object(SandboxFault? fault)
    {
        if (fault.HasValue)
        {
            _sandbox.Options.FaultRate = 1;
            _sandbox.Options.Faults = new[] { fault.Value };
        }

        PowerShellRun run = _sandbox.PowerShell.Run(
            "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n" +
            "$c = Connect-OpenCx -BaseUri $uri -ApiKey $key -PassThru -SkipValidation -MaximumRetryCount 1 -RetryIntervalSec 0.01\n" +
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -MaximumRetryCount 1 -RetryIntervalSec 0.01\n" +
            "$c; \"$c\"; $c | Format-List * | Out-String; $c | ConvertTo-Json -Depth 5\n" +
            "Get-OpenCxSession -PageSize 5 -First 12 -Connection $c | ConvertTo-Json -Depth 5\n" +
            "$Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }",
            _sandbox.ConnectionVariables());

        Assert.True(run.Verbose.Count > 0, "the run should have said something on -Verbose");
        // Under a fault both the key check and the query fail, each with its own error.
        Assert.Equal(fault.HasValue ? 2 : 0, run.Errors.Count);
        Assert.DoesNotContain(run.AllText(), text => text.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));
    }
}
