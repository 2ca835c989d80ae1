using System;
using System.IO;
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
public sealed class SlidingWindowRateLimiterTests : IDisposable
{
    /// <summary>A slot frees this long after the window (docs/reliability.md, Connect-OpenCx's -RateLimitWindow).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private readonly ManualClock _clock = new();
    private readonly RecordingTrace _trace = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-budget-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
        var sentAt = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan>();

        await _clock.RunAsync(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 6; i++)
            {
                await limiter.AcquireAsync(_trace, CancellationToken.None);
                sentAt.Enqueue(_clock.Monotonic);
            }

            return true;
        })).ToArray());

        TimeSpan[] times = sentAt.OrderBy(t => t).ToArray();
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
        Assert.True(limiter.BlockForAsync(TimeSpan.FromSeconds(3), CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(limiter.BlockForAsync(TimeSpan.FromSeconds(1), CancellationToken.None).IsCompletedSuccessfully);

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

    [Fact]
    public void Two_limiters_on_one_shared_file_as_two_processes_share_one_budget_and_one_Retry_After()
    {
        var file = new SharedBudgetFile(Path.Combine(_folder, "budget.bin"));
        var first = new SlidingWindowRateLimiter(4, Window, _clock, file);
        var second = new SlidingWindowRateLimiter(4, Window, _clock, file);
        Task[] burst = Enumerable.Range(0, 3).Select(_ => first.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        Task fourth = second.AcquireAsync(_trace, CancellationToken.None);

        Task fifth = second.AcquireAsync(_trace, CancellationToken.None);

        Assert.All(burst.Append(fourth), t => Assert.True(t.IsCompletedSuccessfully));
        Assert.False(fifth.IsCompleted);
        Assert.Equal((Window + Margin, WaitReason.RateBudget), (_trace.Waits[^1].Delay, _trace.Waits[^1].Reason));
        _clock.Advance(Window + Margin);
        Assert.True(fifth.IsCompletedSuccessfully);

        Assert.True(second.BlockForAsync(TimeSpan.FromSeconds(7), CancellationToken.None).IsCompletedSuccessfully);
        Task blocked = first.AcquireAsync(_trace, CancellationToken.None);
        Assert.Equal((TimeSpan.FromSeconds(7), WaitReason.RetryAfter), (_trace.Waits[^1].Delay, _trace.Waits[^1].Reason));
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.True(blocked.IsCompletedSuccessfully);
        Assert.Contains($"Rate limit: sharing the budget with other processes on this machine through {file.FilePath}.", _trace.Notes);
        Assert.DoesNotContain("scripted", File.ReadAllText(file.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_large_budget_a_process_takes_a_twentieth_ahead_for_a_twentieth_of_the_window_and_others_see_it()
    {
        // One file access per 5 requests of a budget of 100 (the benchmark's loopback pace made one
        // access per request cost 13% of throughput); the file counts the 5 as soon as they are taken.
        var file = new SharedBudgetFile(Path.Combine(_folder, "budget.bin"));
        var large = new SlidingWindowRateLimiter(100, Window, _clock, file);
        var small = new SlidingWindowRateLimiter(7, Window, _clock, file);

        Assert.True(large.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
        DateTime written = File.GetLastWriteTimeUtc(file.FilePath);
        File.SetLastWriteTimeUtc(file.FilePath, written.AddDays(-1));
        Task[] fromTheLease = Enumerable.Range(0, 4).Select(_ => large.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        Assert.All(fromTheLease, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(written.AddDays(-1), File.GetLastWriteTimeUtc(file.FilePath));
        // The file: the Retry-After time and the declared budget (three), then one time a request (five, all taken at once).
        Assert.Equal((4 + 5) * sizeof(long), new FileInfo(file.FilePath).Length);

        // The other process sees those five: of its 7, two are left.
        Task[] other = Enumerable.Range(0, 3).Select(_ => small.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        Assert.Equal(2, other.Count(t => t.IsCompletedSuccessfully));

        // A lease spent, the next request goes to the file again, where the smallest budget
        // declared (the other's 7, all sent) holds for this process too.
        _clock.Advance(TimeSpan.FromTicks((Window.Ticks / SlidingWindowRateLimiter.LeaseFraction) + 1));
        Assert.False(large.AcquireAsync(_trace, CancellationToken.None).IsCompleted);
        Assert.NotEqual(written.AddDays(-1), File.GetLastWriteTimeUtc(file.FilePath));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })]
    public void A_torn_or_foreign_shared_file_counts_as_empty(byte[] content)
    {
        var file = new SharedBudgetFile(Path.Combine(_folder, "budget.bin"));
        File.WriteAllBytes(file.FilePath, content);
        var limiter = new SlidingWindowRateLimiter(1, Window, _clock, file);

        Assert.True(limiter.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Empty(_trace.Waits);
        Assert.Equal(5 * sizeof(long), new FileInfo(file.FilePath).Length);
    }

    [Fact]
    public void A_shared_file_that_cannot_be_written_falls_back_to_the_process_budget_and_says_so()
    {
        string notAFolder = Path.Combine(_folder, "a-file");
        File.WriteAllText(notAFolder, "in the way");
        var limiter = new SlidingWindowRateLimiter(2, Window, _clock, SharedBudgetFile.In(notAFolder, "scope"));

        Task[] budget = Enumerable.Range(0, 2).Select(_ => limiter.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        Task third = limiter.AcquireAsync(_trace, CancellationToken.None);

        Assert.All(budget, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.False(third.IsCompleted);
        Assert.Null(limiter.SharedFile);
        string note = Assert.Single(_trace.Notes);
        Assert.StartsWith("Rate limit: cannot share the budget with other processes (", note, StringComparison.Ordinal);
        Assert.EndsWith("); this process keeps to 2 requests per 2 s on its own.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_within_the_budget_cuts_the_rate_once_and_quiet_windows_give_it_back_slowly_near_the_limit()
    {
        var limiter = new SlidingWindowRateLimiter(20, Window, _clock);
        TimeSpan sent = await limiter.AcquireAsync(_trace, CancellationToken.None);

        limiter.TooManyRequests(sent, _trace);
        limiter.TooManyRequests(sent, _trace);
        Assert.Equal(14, limiter.Allowed);
        _clock.Advance(TimeSpan.FromTicks(1));
        TimeSpan later = await limiter.AcquireAsync(_trace, CancellationToken.None);
        limiter.TooManyRequests(later, _trace);
        Assert.Equal(9, limiter.Allowed);

        int[] allowed = new int[12];
        for (int i = 0; i < allowed.Length; i++)
        {
            _clock.Advance(Window);
            await limiter.AcquireAsync(_trace, CancellationToken.None);
            allowed[i] = limiter.Allowed;
        }

        // 2 a window (a tenth of 20) while below 14, where the last 429 came; the step to 14 or
        // past it after 5 quiet windows; then 2 a window again, up to the budget.
        Assert.Equal(new[] { 11, 13, 13, 13, 13, 13, 15, 17, 19, 20, 20, 20 }, allowed);
        Assert.Equal("Rate limit: no 429 for 2 s; this process is back to the full 20 requests per 2 s.", _trace.Notes[^1]);
    }
}
