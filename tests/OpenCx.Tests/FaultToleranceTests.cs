using System;
using System.Linq;
using System.Management.Automation;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Transient faults are retried until the enumeration is whole; a server that never ends is stopped.</summary>
public sealed class FaultToleranceTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public FaultToleranceTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void With_30_percent_of_requests_failing_transiently_a_full_enumeration_is_still_exact()
    {
        _sandbox.Options.FaultRate = 0.3;
        _sandbox.Options.Faults = new[]
        {
            SandboxFault.Status500, SandboxFault.Status502, SandboxFault.Status503, SandboxFault.Status504,
            SandboxFault.DropConnection, SandboxFault.TruncatedBody, SandboxFault.NonJsonBody,
        };

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 25", "-MaximumRetryCount 8 -RetryIntervalSec 0.01");

        Assert.Empty(run.Errors);
        string[] written = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        Assert.Equal(_sandbox.Truth(_sandbox.Server.Requests[0].Body), written);
        int faulted = _sandbox.Server.Requests.Count(r => r.Fault != null);
        Assert.True(faulted >= 10, $"only {faulted} of {_sandbox.Server.Requests.Count} requests were faulted");
    }

    /// <summary>That a timed-out request is retried first, ClientWaitTests proves on a clock it moves.</summary>
    [Fact]
    public void A_request_that_times_out_is_reported_as_a_timeout_and_abandoned()
    {
        _sandbox.Options.Latency = TimeSpan.FromSeconds(1.5);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession", "-TimeoutSec 1 -MaximumRetryCount 0");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxTimeout,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        // The server logs a request when it ends, and notices the client gone a moment after it left.
        Assert.True(
            System.Threading.SpinWait.SpinUntil(() => _sandbox.Server.Requests.Count == 1, TimeSpan.FromSeconds(3)),
            $"{_sandbox.Server.Requests.Count} requests logged");
        Assert.Equal(0, _sandbox.Server.Requests.Single().StatusCode);
    }

    [Theory]
    [InlineData(SandboxFault.EmptyPageWithNext, 0)]
    [InlineData(SandboxFault.RepeatedPageWithNext, 25)]
    public void A_server_that_keeps_saying_has_next_is_stopped_after_a_bounded_number_of_requests(SandboxFault fault, int expectedSessions)
    {
        _sandbox.Options.FaultRate = 1;
        _sandbox.Options.Faults = new[] { fault };

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 25");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxPagingStalled,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("brought no session", error.ToString(), StringComparison.Ordinal);
        Guid[] written = run.Objects<ChatSession>().Select(s => s.Id).ToArray();
        Assert.Equal(expectedSessions, written.Length);
        Assert.Equal(written.Length, written.Distinct().Count());
        // The keyset walk sees the server misbehave and falls back to page numbers (saying so),
        // which then stops after three pages that bring nothing new: six requests at most.
        Assert.Single(run.Warnings);
        Assert.InRange(_sandbox.Server.Requests.Count, 4, 6);
    }
}
