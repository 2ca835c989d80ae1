using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The client paces itself to its budget, shares it across commands of the process, and
/// honours Retry-After, so the user never sees a 429 unless retries run out.
/// The budgets are scaled down to a few requests a second so that the tests run in seconds. Where
/// a test counts the server's 429s, the server's window is a quarter shorter than the client's:
/// on a busy two-core machine a request can reach the server later than the one sent after it,
/// and the client's 50 ms margin is sized for a one-minute window, not a two-second one.
/// Without the limiter (or without sharing it) the server would still see twice its budget.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class RateLimitTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public RateLimitTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void The_client_paces_itself_to_its_budget_and_says_how_long_it_waits()
    {
        ServerLimit(4, TimeSpan.FromSeconds(1.5));
        var watch = Stopwatch.StartNew();

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -PageSize 50 -First 500 -Verbose",
            "-RateLimit 4 -RateLimitWindowSec 2");

        Assert.Empty(run.Errors);
        Assert.Equal(500, run.Output.Count);
        int requests = _sandbox.Server.Requests.Count;
        Assert.Equal(0, Count429());
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2 * ((requests - 1) / 4)), $"{requests} requests in {watch.Elapsed}");
        Assert.Contains(run.Verbose, v => v.StartsWith("Rate limit: waiting", StringComparison.Ordinal));
        Assert.Contains(run.Progress, p => p.StatusDescription.StartsWith("Rate limit: waiting", StringComparison.Ordinal) && p.SecondsRemaining >= 0);
    }

    [Fact]
    public async Task Concurrent_commands_in_one_process_share_one_budget()
    {
        ServerLimit(4, TimeSpan.FromSeconds(1.5));
        _sandbox.Server.ClearRequests();
        using var second = new ModuleSession();
        const string Script =
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 4 -RateLimitWindowSec 2\n" +
            "Get-OpenCxSession -PageSize 50 -First 300";

        // Each on a thread of its own, as PowerShell runs a pipeline: two pipelines blocking two of
        // a two-core machine's pool threads would starve the HTTP continuations for half a second.
        Task<PowerShellRun> first = Task.Factory.StartNew(
            () => _sandbox.PowerShell.Run(Script, _sandbox.ConnectionVariables()), TaskCreationOptions.LongRunning);
        Task<PowerShellRun> other = Task.Factory.StartNew(
            () => second.Run(Script, _sandbox.ConnectionVariables()), TaskCreationOptions.LongRunning);
        PowerShellRun[] runs = await Task.WhenAll(first, other);

        Assert.All(runs, r => Assert.Empty(r.Errors));
        Assert.All(runs, r => Assert.Equal(300, r.Output.Count));
        Assert.True(_sandbox.Server.Requests.Count >= 12);
        Assert.Equal(0, Count429());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_429_is_waited_out_as_Retry_After_says_and_never_reaches_the_user(bool retryAfterAsDate)
    {
        ServerLimit(3, TimeSpan.FromSeconds(2));
        _sandbox.Options.RetryAfterAsHttpDate = retryAfterAsDate;

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 20 -First 150 -Verbose", "-RateLimit 1000");

        Assert.Empty(run.Errors);
        string[] written = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        Assert.Equal(_sandbox.Truth(_sandbox.Server.Requests[0].Body).Take(150), written);
        Assert.True(Count429() >= 1, "the server should have limited the client");
        Assert.Contains(run.Verbose, v => v.StartsWith("The server asked to slow down (429): waiting", StringComparison.Ordinal));
    }

    /// <summary>pwsh draws progress a few times a second at most: one record per wait is often never drawn.</summary>
    [Theory]
    [InlineData("-RateLimit 1 -RateLimitWindowSec 4", "Rate limit: waiting (1 requests per 4 s already sent)")]
    [InlineData("-RateLimit 1000", "The server asked to slow down (429): waiting (the server asked to retry later)")]
    public void A_wait_updates_its_progress_every_second_with_the_time_left_falling_and_the_sessions_so_far(string connectOptions, string status)
    {
        if (!connectOptions.Contains("-RateLimitWindowSec", StringComparison.Ordinal))
        {
            ServerLimit(1, TimeSpan.FromSeconds(3));
        }

        PowerShellRun run = _sandbox.RunConnected("$ProgressPreference = 'Continue'; Get-OpenCxSession -PageSize 10 -First 15 | Out-Null", connectOptions);

        Assert.Empty(run.Errors);
        ProgressRecord[] waiting = run.Progress.Where(p => p.StatusDescription.StartsWith(status, StringComparison.Ordinal)).ToArray();
        Assert.True(waiting.Length >= 3, $"{waiting.Length} progress record(s) during the wait");
        Assert.All(waiting, p => Assert.Equal(status + "; 10 sessions so far", p.StatusDescription));
        int[] secondsLeft = waiting.Select(p => p.SecondsRemaining).ToArray();
        Assert.True(secondsLeft.Zip(secondsLeft.Skip(1), (before, after) => after < before).All(falling => falling), string.Join(", ", secondsLeft));
        Assert.True(secondsLeft.Last() >= 1, string.Join(", ", secondsLeft));
    }

    private void ServerLimit(int requests, TimeSpan window)
    {
        _sandbox.Options.RateLimitWindow = window;
        _sandbox.Options.RateLimit = requests;
        // Let the previous test's requests leave the server's window.
        System.Threading.Thread.Sleep(window + TimeSpan.FromMilliseconds(100));
        _sandbox.Server.ClearRequests();
    }

    private int Count429() => _sandbox.Server.Requests.Count(r => r.StatusCode == 429);
}
