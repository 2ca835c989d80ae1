using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// A server (or a proxy) that answers 503 at once and then trickles the body a byte every half
/// second for a minute cannot hold a command: each attempt ends at -TimeoutSec, body and all,
/// and Ctrl+C ends it within a second. End to end over loopback, in real time: that the body is
/// read within the attempt and no further than its cap, HandlerTests proves on the client's clock.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TrickleTests : IAsyncLifetime
{
    private readonly TrickleServer _server = new();
    private readonly ModuleSession _session = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _session.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void A_503_whose_body_trickles_ends_the_command_within_its_attempts_timeouts_and_backoff()
    {
        var watch = Stopwatch.StartNew();
        PowerShellRun run = _session.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -TimeoutSec 2 -MaximumRetryCount 1 -RetryIntervalSec 1\n" +
            "Get-OpenCxSession -First 1",
            Variables());
        watch.Stop();

        // Two attempts of 2 s and a backoff of at most 1 s; a second more for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds((2 * 2) + 1 + 1), $"The command took {watch.Elapsed}");
        Assert.Equal(2, _server.Requests);
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxServerError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("503", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_while_a_503s_body_trickles_ends_the_command_within_a_second()
    {
        (PowerShell shell, Task<PSDataCollection<PSObject>> completion) = _session.Start(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -TimeoutSec 120\n" +
            "Get-OpenCxSession -First 1",
            Variables());
        using (shell)
        {
            Assert.True(SpinWait.SpinUntil(() => _server.Requests == 1, TimeSpan.FromSeconds(10)), "no request came");
            Thread.Sleep(1000);
            var watch = Stopwatch.StartNew();
            shell.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            await Assert.ThrowsAsync<PipelineStoppedException>(() => completion);
            Assert.Equal(1, _server.Requests);
        }
    }

    private System.Collections.Generic.Dictionary<string, object?> Variables() => new()
    {
        ["uri"] = _server.BaseUri,
        ["key"] = SandboxFixture.SecureKey(),
    };
}
