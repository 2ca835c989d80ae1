using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Pacing end to end, in real time: the built module in real runspaces against the sandbox
/// server over HTTP, which counts what arrives. ClientWaitTests and SlidingWindowRateLimiterTests
/// prove each wait exactly on a clock the test moves; these prove what only the whole does: that
/// commands in two runspaces of one process share one budget, that a real server's 429 and
/// Retry-After header are waited out, and what the user is told. The budgets are a request or
/// two per second and the server's window a quarter shorter than the client's: on a busy
/// two-core machine a request can reach the server later than the one sent after it, and the
/// client's 50 ms margin is sized for a one-minute window.
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
    public async Task Concurrent_commands_in_one_process_share_one_budget_and_say_how_long_they_wait()
    {
        // Two requests each against a budget of two: together they must wait; each alone would
        // not, and the server, allowing two, would answer 429.
        ServerLimit(2, TimeSpan.FromSeconds(1.125));
        using var second = new ModuleSession();
        const string Script =
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 2 -RateLimitWindowSec 2\n" +
            "Get-OpenCxSession -PageSize 50 -First 60 -Verbose";

        // Each on a thread of its own, as PowerShell runs a pipeline: two pipelines blocking two of
        // a two-core machine's pool threads would starve the HTTP continuations for half a second.
        Task<PowerShellRun> first = Task.Factory.StartNew(
            () => _sandbox.PowerShell.Run(Script, _sandbox.ConnectionVariables()), TaskCreationOptions.LongRunning);
        Task<PowerShellRun> other = Task.Factory.StartNew(
            () => second.Run(Script, _sandbox.ConnectionVariables()), TaskCreationOptions.LongRunning);
        PowerShellRun[] runs = await Task.WhenAll(first, other);

        Assert.All(runs, r => Assert.Empty(r.Errors));
        Assert.All(runs, r => Assert.Equal(60, r.Output.Count));
        Assert.True(_sandbox.Server.Requests.Count >= 4);
        Assert.Equal(0, Count429());
        Assert.Contains(runs.SelectMany(r => r.Verbose), v => v.StartsWith("Rate limit: waiting", StringComparison.Ordinal));
        Assert.Contains(
            runs.SelectMany(r => r.Progress),
            p => p.StatusDescription.StartsWith("Rate limit: waiting", StringComparison.Ordinal) && p.SecondsRemaining >= 0);
    }

    [Fact]
    public void A_429_from_the_server_is_waited_out_as_Retry_After_says_and_never_reaches_the_user()
    {
        // The read-ahead of the second page is the server's second request in its one-second window.
        ServerLimit(1, TimeSpan.FromSeconds(1));

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 50 -First 60 -Verbose", "-RateLimit 1000");

        Assert.Empty(run.Errors);
        string[] written = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        Assert.Equal(_sandbox.Truth(_sandbox.Server.Requests[0].Body).Take(60), written);
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
            // Four seconds, as the other case: at least three records even when a loaded machine delays the ticks.
            ServerLimit(1, TimeSpan.FromSeconds(4));
        }

        PowerShellRun run = _sandbox.RunConnected("$ProgressPreference = 'Continue'; Get-OpenCxSession -PageSize 10 -First 15 | Out-Null", connectOptions);

        Assert.Empty(run.Errors);
        ProgressRecord[] waiting = run.Progress.Where(p => p.StatusDescription.StartsWith(status, StringComparison.Ordinal)).ToArray();
        Assert.True(waiting.Length >= 3, $"{waiting.Length} progress record(s) during the wait");
        // The wait begins as the next page is read ahead, before this page's ten sessions are
        // written: the count it shows is the one of the moment, and rises to ten.
        Assert.All(waiting, p => Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(status) + "; (0|10) sessions so far$", p.StatusDescription));
        Assert.EndsWith("; 10 sessions so far", waiting.Last().StatusDescription, StringComparison.Ordinal);
        // Two waits: for the first page's other order (the check that the server sorts), then for
        // the second page. Within each, the time left falls.
        int[] secondsLeft = waiting.Select(p => p.SecondsRemaining).ToArray();
        int[] steps = secondsLeft.Zip(secondsLeft.Skip(1), (before, after) => after - before).ToArray();
        Assert.True(steps.All(step => step != 0) && steps.Count(step => step > 0) <= 1, string.Join(", ", secondsLeft));
        Assert.True(secondsLeft.All(left => left >= 1), string.Join(", ", secondsLeft));
    }

    private void ServerLimit(int requests, TimeSpan window)
    {
        _sandbox.Options.RateLimitWindow = window;
        _sandbox.Options.RateLimit = requests;
        _sandbox.Server.ResetRateLimit();
        _sandbox.Server.ClearRequests();
    }

    private int Count429() => _sandbox.Server.Requests.Count(r => r.StatusCode == 429);
}
