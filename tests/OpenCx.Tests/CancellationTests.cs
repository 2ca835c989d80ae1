using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Ctrl+C stops the command within a second, wherever it waits, and leaves no request running.
/// That a cancelled wait for the budget sends nothing later, ClientWaitTests proves on a clock it
/// moves past the window (here the window is a minute of real time).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class CancellationTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public CancellationTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public async Task Stopping_during_a_slow_request_ends_the_command_and_the_request_within_a_second()
    {
        _sandbox.Options.Latency = TimeSpan.FromSeconds(30);
        _sandbox.Server.ClearRequests();
        (PowerShell? shell, Task<PSDataCollection<PSObject>>? completion) = _sandbox.PowerShell.Start(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation\nGet-OpenCxSession",
            _sandbox.ConnectionVariables());
        using (shell)
        {
            Thread.Sleep(500);
            var watch = Stopwatch.StartNew();
            shell.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            await Assert.ThrowsAsync<PipelineStoppedException>(() => completion);
            // The server logs a request when it ends: the aborted one shows the client gave up on it.
            Assert.True(SpinWait.SpinUntil(() => _sandbox.Server.Requests.Count == 1, TimeSpan.FromSeconds(1)), "the request was left running");
            Assert.Equal(0, _sandbox.Server.Requests.Single().StatusCode);
        }
    }

    [Fact]
    public async Task Stopping_Get_OpenCxSession_Id_during_a_slow_request_ends_it_within_a_second_and_reads_no_further_id()
    {
        _sandbox.Options.Latency = TimeSpan.FromSeconds(30);
        _sandbox.Server.ClearRequests();
        Dictionary<string, object?> variables = _sandbox.ConnectionVariables();
        variables["ids"] = new[] { "8c7d4f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00", "8c7d4f0a-1b2c-4d3e-8f4a-5b6c7d8e9f01" };
        (PowerShell? shell, Task<PSDataCollection<PSObject>>? completion) = _sandbox.PowerShell.Start(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation\nGet-OpenCxSession -Id $ids",
            variables);
        using (shell)
        {
            Thread.Sleep(500);
            var watch = Stopwatch.StartNew();
            shell.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            await Assert.ThrowsAsync<PipelineStoppedException>(() => completion);
            Assert.True(SpinWait.SpinUntil(() => _sandbox.Server.Requests.Count == 1, TimeSpan.FromSeconds(1)), "the request was left running");
            Thread.Sleep(200);
            SandboxRequestLogEntry request = Assert.Single(_sandbox.Server.Requests);
            Assert.Equal(0, request.StatusCode);
            Assert.EndsWith("f00", request.Path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stopping_during_a_rate_limit_wait_ends_the_command_within_a_second_and_sends_nothing_more()
    {
        _sandbox.Server.ClearRequests();
        (PowerShell? shell, Task<PSDataCollection<PSObject>>? completion) = _sandbox.PowerShell.Start(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 1 -RateLimitWindowSec 60\n" +
            "Get-OpenCxSession -PageSize 10",
            _sandbox.ConnectionVariables());
        using (shell)
        {
            // Two requests: the first page, and the read-ahead of the second that waits a minute for the budget.
            Assert.True(SpinWait.SpinUntil(() => _sandbox.Server.Requests.Count == 1, TimeSpan.FromSeconds(5)));
            Thread.Sleep(300);
            var watch = Stopwatch.StartNew();
            shell.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            await Assert.ThrowsAsync<PipelineStoppedException>(() => completion);
            Assert.Single(_sandbox.Server.Requests);
        }
    }
}
