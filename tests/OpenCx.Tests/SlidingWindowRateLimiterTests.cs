using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The client's sliding window on a clock the test moves: exact to the tick, no real waiting.
/// RateLimitTests proves the same pacing end to end against the sandbox server.
/// </summary>
public sealed class SlidingWindowRateLimiterTests
{
    /// <summary>A slot frees this long after the window (docs/reliability.md, Connect-OpenCx's -RateLimitWindow).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private readonly ManualClock _clock = new();
    private readonly RecordingTrace _trace = new();

    [Fact]
    public void The_budget_goes_at_once_and_the_next_request_waits_until_the_oldest_leaves_the_window()
    {
        var limiter = new SlidingWindowRateLimiter(4, Window, _clock);
        Task[] burst = Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Task fifth = limiter.AcquireAsync(_trace, CancellationToken.None);

        Assert.All(burst, t => Assert.True(t.IsCompletedSuccessfully));
        (TimeSpan delay, WaitReason reason, string detail) = Assert.Single(_trace.Waits);
        Assert.Equal((Window + Margin - TimeSpan.FromSeconds(1), WaitReason.RateBudget), (delay, reason));
        Assert.Equal("4 requests per 2 s already sent", detail);
        _clock.Advance(delay - TimeSpan.FromTicks(1));
        Assert.False(fifth.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(fifth.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task No_window_ever_holds_more_requests_than_the_budget()
    {
        var limiter = new SlidingWindowRateLimiter(4, Window, _clock);
        var sentAt = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();

        await _clock.RunAsync(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 6; i++)
            {
                await limiter.AcquireAsync(_trace, CancellationToken.None);
                sentAt.Enqueue(_clock.UtcNow);
            }

            return true;
        })).ToArray());

        DateTimeOffset[] times = sentAt.OrderBy(t => t).ToArray();
        Assert.Equal(18, times.Length);
        for (int i = 4; i < times.Length; i++)
        {
            Assert.True(times[i] - times[i - 4] >= Window + Margin, $"requests {i - 4} and {i} are {times[i] - times[i - 4]} apart");
        }

        // And it waits no longer than it must: four windows for eighteen requests.
        Assert.Equal(4 * (Window + Margin), times[^1] - times[0]);
    }

    [Fact]
    public void Retry_After_holds_every_caller_until_it_has_passed_and_a_shorter_one_does_not_shorten_it()
    {
        var limiter = new SlidingWindowRateLimiter(100, Window, _clock);
        limiter.BlockFor(TimeSpan.FromSeconds(3));
        limiter.BlockFor(TimeSpan.FromSeconds(1));

        Task first = limiter.AcquireAsync(_trace, CancellationToken.None);
        Task second = limiter.AcquireAsync(_trace, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) }, _trace.WaitsFor(WaitReason.RetryAfter));
        Assert.All(_trace.Waits, w => Assert.Equal("the server asked to retry later", w.Detail));
        _clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.False(first.IsCompleted || second.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once_and_takes_no_slot()
    {
        var limiter = new SlidingWindowRateLimiter(1, Window, _clock);
        await limiter.AcquireAsync(_trace, CancellationToken.None);
        using var stop = new CancellationTokenSource();

        Task waiting = limiter.AcquireAsync(_trace, stop.Token);
        stop.Cancel();

        ManualClock.AwaitState(() => waiting.IsCompleted, "the wait ended");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, _clock.Waiting);
        _clock.Advance(Window + Margin);
        Assert.True(limiter.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
    }
}
