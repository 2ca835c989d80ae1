using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Client.Wire;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// How long the client waits, and for what: its own budget, the server's Retry-After, backoff and
/// timeouts, on a clock the test moves, with the answers scripted in-process. Exact, and no real
/// time passes. RateLimitTests, FaultToleranceTests and CancellationTests prove the same paths end
/// to end through the cmdlets against the sandbox server.
/// </summary>
public sealed class ClientWaitTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    private readonly ManualClock _clock = new();
    private readonly RecordingTrace _trace = new();

    [Fact]
    public async Task The_client_paces_itself_to_its_budget_and_says_how_long_it_waits()
    {
        var server = new ScriptedHandler(_clock);
        using OpenCxClient client = server.Client(o => (o.RateLimit, o.RateLimitWindow) = (4, TimeSpan.FromSeconds(2)));

        await _clock.RunAsync(Pages(client, 10));

        TimeSpan[] arrivals = server.Arrivals.ToArray();
        Assert.Equal(10, arrivals.Length);
        Assert.All(Enumerable.Range(4, 6), i => Assert.True(arrivals[i] - arrivals[i - 4] >= TimeSpan.FromSeconds(2)));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) + Margin, TimeSpan.FromSeconds(2) + Margin }, _trace.WaitsFor(WaitReason.RateBudget));
        Assert.Equal(2 * (TimeSpan.FromSeconds(2) + Margin), arrivals[^1] - arrivals[0]);
    }

    [Fact]
    public async Task Clients_of_one_server_and_key_share_one_budget_and_another_key_has_its_own()
    {
        var server = new ScriptedHandler(_clock);
        static void Budget(OpenCxClientOptions o) => (o.RateLimit, o.RateLimitWindow) = (4, TimeSpan.FromSeconds(2));
        using OpenCxClient first = server.Client(Budget);
        using OpenCxClient second = server.Client(Budget);
        var otherServer = new ScriptedHandler(_clock);
        using OpenCxClient otherKey = otherServer.Client(Budget, key: "another-key");

        await _clock.RunAsync(Pages(first, 6), Pages(second, 6), Pages(otherKey, 4));

        TimeSpan[] arrivals = server.Arrivals.ToArray();
        Assert.Equal(12, arrivals.Length);
        Assert.All(Enumerable.Range(4, 8), i => Assert.True(arrivals[i] - arrivals[i - 4] >= TimeSpan.FromSeconds(2), $"5 requests within {arrivals[i] - arrivals[i - 4]}"));
        Assert.All(otherServer.Arrivals, a => Assert.Equal(arrivals[0], a));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_429_is_waited_out_as_Retry_After_says_then_retried_and_never_reaches_the_caller(bool retryAfterAsDate)
    {
        var server = new ScriptedHandler(_clock, number => number == 1
            ? ScriptedHandler.TooManyRequests(retryAfterAsDate
                ? new RetryConditionHeaderValue(_clock.UtcNow.AddSeconds(3))
                : new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            : ScriptedHandler.Page());
        using OpenCxClient client = server.Client(o => o.RateLimit = 1000);

        await _clock.RunAsync(Pages(client, 1));

        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, _trace.WaitsFor(WaitReason.RetryAfter));
        Assert.Equal(TimeSpan.FromSeconds(3), server.Arrivals[1] - server.Arrivals[0]);
        Assert.Equal(2, server.Arrivals.Count);
    }

    [Fact]
    public async Task A_429_is_not_a_retry_so_a_long_wait_for_the_rate_limit_does_not_fail_the_request()
    {
        var server = new ScriptedHandler(_clock, number => number <= 8
            ? ScriptedHandler.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)))
            : ScriptedHandler.Page());
        using OpenCxClient client = server.Client(o => (o.RateLimit, o.Retry) = (1000, new RetryPolicy(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))));

        await _clock.RunAsync(Pages(client, 1));

        Assert.Equal(9, server.Arrivals.Count);
        Assert.Equal(TimeSpan.FromSeconds(8 * 30), server.Arrivals[^1] - server.Arrivals[0]);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(30), 8), _trace.WaitsFor(WaitReason.RetryAfter));
    }

    [Fact]
    public async Task A_429_without_Retry_After_and_without_backoff_still_waits_a_second_so_it_cannot_loop_at_once()
    {
        var server = new ScriptedHandler(_clock, number => number <= 2 ? ScriptedHandler.Status(HttpStatusCode.TooManyRequests) : ScriptedHandler.Page());
        using OpenCxClient client = server.Client(o => (o.RateLimit, o.Retry) = (1002, new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero)));

        await _clock.RunAsync(Pages(client, 1));

        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }, _trace.WaitsFor(WaitReason.RetryAfter));
        Assert.Equal(TimeSpan.FromSeconds(2), server.Arrivals[^1] - server.Arrivals[0]);
    }

    [Fact]
    public async Task Past_the_total_rate_limit_wait_the_request_fails_as_rate_limited_without_waiting_more()
    {
        var server = new ScriptedHandler(_clock, _ => ScriptedHandler.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));
        using OpenCxClient client = server.Client(o => (o.RateLimit, o.MaximumRateLimitWait) = (1001, TimeSpan.FromSeconds(100)));

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => _clock.RunAsync(Pages(client, 1)));

        Assert.Equal(OpenCxErrorKind.RateLimited, error.Kind);
        Assert.Equal(4, server.Arrivals.Count);
        Assert.Equal(TimeSpan.FromSeconds(90), server.Arrivals[^1] - server.Arrivals[0]);
        Assert.Contains("has waited 90 s for the rate limit; 30 s more would pass the 100 s the connection allows in total", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_a_server_allowing_half_the_budget_the_client_lowers_its_rate_and_says_so()
    {
        var window = TimeSpan.FromSeconds(10);
        var admitted = new Queue<TimeSpan>();
        int limited = 0;
        var server = new ScriptedHandler(_clock, _ =>
        {
            TimeSpan now = _clock.Monotonic;
            while (admitted.Count > 0 && admitted.Peek() + window <= now)
            {
                admitted.Dequeue();
            }

            if (admitted.Count < 5)
            {
                admitted.Enqueue(now);
                return ScriptedHandler.Page();
            }

            limited++;
            TimeSpan wait = admitted.Peek() + window - now;
            return ScriptedHandler.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds))));
        });
        using OpenCxClient client = server.Client(o => (o.RateLimit, o.RateLimitWindow) = (10, window));

        await _clock.RunAsync(Pages(client, 100));

        Assert.Equal(100 + limited, server.Arrivals.Count);
        // Without adapting, one request in six would draw a 429 (five pass, the sixth is refused)
        // for as long as the run lasts; adapting, a probe every few windows, at the server's pace.
        Assert.InRange(limited, 1, 6);
        Assert.InRange(server.Arrivals[^1] - server.Arrivals[0], TimeSpan.FromSeconds(190), TimeSpan.FromSeconds(200));
        Assert.Equal("Rate limit: the server answered 429 though this process kept to 10 requests per 10 s; it now allows itself 7, and more again after 10 s without a 429.", _trace.Notes[0]);
        Assert.Contains(_trace.Notes, n => n.Contains("it now allows itself 4,", StringComparison.Ordinal));
        Assert.Equal("Rate limit: no 429 for 10 s; this process now allows itself 5 requests per 10 s (of 10).", _trace.Notes[^1]);
        Assert.Contains("Rate limit: no 429 for 50 s; this process now allows itself 6 requests per 10 s (of 10).", _trace.Notes);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_the_backoff_the_retry_policy_gives()
    {
        var server = new ScriptedHandler(_clock, number => number <= 3 ? ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable) : ScriptedHandler.Page());
        using OpenCxClient client = server.Client(o => o.Retry = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

        await _clock.RunAsync(Pages(client, 1));

        TimeSpan[] backoffs = _trace.WaitsFor(WaitReason.Backoff);
        Assert.Equal(3, backoffs.Length);
        Assert.All(Enumerable.Range(0, 3), i => Assert.InRange(backoffs[i].TotalSeconds, Math.Pow(2, i) / 2, Math.Pow(2, i)));
        TimeSpan[] arrivals = server.Arrivals.ToArray();
        Assert.Equal(backoffs, arrivals.Skip(1).Zip(arrivals, (later, earlier) => later - earlier));
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried_then_reported_as_a_timeout()
    {
        var server = new ScriptedHandler(_clock, async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ScriptedHandler.Page();
        });
        using OpenCxClient client = server.Client(o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(100);
            o.Retry = new RetryPolicy(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        });

        Task<SessionPage> page = client.FilterAsync(Page(1), _trace, CancellationToken.None);
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            ManualClock.AwaitState(() => server.Arrivals.Count == attempt, $"attempt {attempt} sent");
            Assert.False(page.IsCompleted);
            _clock.Advance(TimeSpan.FromSeconds(100));
            if (attempt == 1)
            {
                ManualClock.AwaitState(() => _clock.Waiting == 1, "the backoff begun");
                _clock.Advance(_trace.WaitsFor(WaitReason.Backoff).Single());
            }
        }

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => page);
        Assert.Equal(OpenCxErrorKind.Timeout, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(100) + _trace.WaitsFor(WaitReason.Backoff).Single(), server.Arrivals[1] - server.Arrivals[0]);
    }

    [Fact]
    public async Task Cancelling_a_wait_for_the_budget_ends_it_and_sends_nothing_more()
    {
        var server = new ScriptedHandler(_clock);
        using OpenCxClient client = server.Client(o => (o.RateLimit, o.RateLimitWindow) = (1, TimeSpan.FromMinutes(1)));
        await client.FilterAsync(Page(1), _trace, CancellationToken.None);
        using var stop = new CancellationTokenSource();

        Task<SessionPage> waiting = client.FilterAsync(Page(2), _trace, stop.Token);
        ManualClock.AwaitState(() => _clock.Waiting == 1, "the wait for the budget begun");
        stop.Cancel();

        ManualClock.AwaitState(() => waiting.IsCompleted, "the wait ended");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(server.Arrivals);
    }

    private static FilterRequest Page(int page) =>
        new(WireFilters.None, null, null, FilterRequest.CreatedAt, FilterRequest.Descending, page, 25);

    /// <summary>Asks for <paramref name="count"/> pages one after the other, on a thread of its own.</summary>
    private Task<int> Pages(OpenCxClient client, int count) => Task.Run(async () =>
    {
        for (int page = 1; page <= count; page++)
        {
            await client.FilterAsync(Page(page), _trace, CancellationToken.None);
        }

        return count;
    });
}
