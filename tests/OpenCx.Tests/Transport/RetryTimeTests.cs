using System;
using System.Linq;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// Connect-OpenCx -MaximumRetryTimeSec: a total retry time for unattended runs instead of a
/// count. HandlerTests proves on the client's clock that the retries fill the time and stop at
/// it; here, that the parameter reaches the connection.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class RetryTimeTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public RetryTimeTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void With_a_total_retry_time_a_request_retries_past_the_retry_count()
    {
        for (int i = 0; i < 3; i++)
        {
            _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status503);
        }

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 5", "-MaximumRetryCount 1 -RetryIntervalSec 0.1 -MaximumRetryTimeSec 30");

        Assert.Empty(run.Errors);
        Assert.Equal(5, run.Output.Count);
        Assert.Equal(new[] { 503, 503, 503, 200 }, _sandbox.Server.Requests.Select(r => r.StatusCode).ToArray());
    }
}
