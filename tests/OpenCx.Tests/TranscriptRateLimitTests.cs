using System;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The history's requests are paced by the connection's one budget, as the filter's are, in real
/// time against the sandbox server at its limit (a short window, a quarter shorter on the server,
/// as in <see cref="RateLimitTests"/>).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TranscriptRateLimitTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public TranscriptRateLimitTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void Session_histories_keep_to_the_rate_budget_with_no_429_at_the_servers_limit()
    {
        // Sessions, then their histories: one budget for both endpoints.
        _sandbox.Options.RateLimitWindow = TimeSpan.FromSeconds(1.5);
        _sandbox.Options.RateLimit = 4;
        _sandbox.Server.ResetRateLimit();

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -First 8 -PageSize 8 | Get-OpenCxSessionHistory -Verbose",
            "-RateLimit 4 -RateLimitWindowSec 2");

        Assert.Empty(run.Errors);
        Assert.True(_sandbox.Server.Requests.Count >= 9, $"{_sandbox.Server.Requests.Count} requests");
        Assert.Equal(0, _sandbox.Server.Requests.Count(r => r.StatusCode == 429));
        Assert.Contains(run.Verbose, v => v.StartsWith("Rate limit: waiting", StringComparison.Ordinal));
        Assert.Contains(run.Verbose, v => v.StartsWith("GET ", StringComparison.Ordinal) && v.Contains("/history", StringComparison.Ordinal));
        Assert.NotEmpty(run.Objects<SessionEvent>());
    }
}
