using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// The budget's file shared between processes (here limiters on one file, as processes would
/// be): one file per server and key whatever the budget, the smallest budget declared holding for
/// all, requests taken ahead stamped so that no window ever holds more than the budget, and the
/// file used outside the lock every caller of a process takes. To the tick, on the client's clock.
/// </summary>
public sealed class SharedBudgetFileTests : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Span = Window + Margin;
    private static readonly TimeSpan Lease = TimeSpan.FromTicks(Span.Ticks / SlidingWindowRateLimiter.LeaseFraction);

    private readonly ManualClock _clock = new();
    private readonly RecordingTrace _trace = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-budget-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void One_server_and_key_have_one_file_whatever_the_budget_and_another_key_has_its_own()
    {
        var hundred = SlidingWindowRateLimiter.For("https://a.example|key1", 100, Window, _clock, _folder);
        var ten = SlidingWindowRateLimiter.For("https://a.example|key1", 10, TimeSpan.FromSeconds(30), _clock, _folder);
        var otherKey = SlidingWindowRateLimiter.For("https://a.example|key2", 100, Window, _clock, _folder);

        Assert.NotSame(hundred, ten);
        Assert.Equal(hundred.SharedFile, ten.SharedFile);
        Assert.NotEqual(hundred.SharedFile, otherKey.SharedFile);
    }

    [Fact]
    public void The_smallest_budget_a_sharer_declares_holds_for_all_until_it_lapses()
    {
        var file = new SharedBudgetFile(Path.Combine(_folder, "budget.bin"));
        var large = new SlidingWindowRateLimiter(10, Window, _clock, file);
        var small = new SlidingWindowRateLimiter(4, Window, _clock, file);

        Assert.True(small.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
        Task[] burst = Enumerable.Range(0, 4).Select(_ => large.AcquireAsync(_trace, CancellationToken.None)).ToArray();

        // Of the 4 the small sharer declared, it sent one: the large one gets three, not nine.
        Assert.Equal(3, burst.Count(t => t.IsCompletedSuccessfully));
        Assert.Equal((Span, WaitReason.RateBudget), (_trace.Waits[^1].Delay, _trace.Waits[^1].Reason));

        // A window later the small sharer has not come back: its declaration has lapsed, and the
        // large one has its own budget again (the fourth of the burst, then nine more at once).
        _clock.Advance(Span);
        Assert.True(burst[3].IsCompletedSuccessfully);
        Task[] more = Enumerable.Range(0, 10).Select(_ => large.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        Assert.Equal(9, more.Count(t => t.IsCompletedSuccessfully));
    }

    [Fact]
    public void Requests_taken_ahead_are_stamped_at_the_leases_end_so_no_window_holds_more_than_the_budget()
    {
        var file = new SharedBudgetFile(Path.Combine(_folder, "budget.bin"));
        var first = new SlidingWindowRateLimiter(100, Window, _clock, file);
        var second = new SlidingWindowRateLimiter(100, Window, _clock, file);
        var sent = new List<TimeSpan>();

        // The first process takes 5 at once and sends the last four at the last tick of its lease.
        Assert.True(first.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
        sent.Add(_clock.Monotonic);
        _clock.Advance(Lease - TimeSpan.FromTicks(1));
        for (int i = 0; i < 4; i++)
        {
            Assert.True(first.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
            sent.Add(_clock.Monotonic);
        }

        // The second sends all the budget has left, then whatever frees, as soon as it frees.
        var waiting = new List<Task>();
        while (sent.Count < 100)
        {
            Task next = second.AcquireAsync(_trace, CancellationToken.None);
            Assert.True(next.IsCompletedSuccessfully);
            sent.Add(_clock.Monotonic);
        }

        Task late = second.AcquireAsync(_trace, CancellationToken.None);
        Assert.False(late.IsCompleted);

        // The first request leaves the window a window after it, and with it one slot only: the
        // four sent at the lease's end hold theirs until a window after that end, to the tick.
        _clock.Advance(Span - Lease + TimeSpan.FromTicks(1));
        Assert.True(late.IsCompletedSuccessfully);
        sent.Add(_clock.Monotonic);
        Task blocked = second.AcquireAsync(_trace, CancellationToken.None);
        Assert.Equal(Lease - TimeSpan.FromTicks(1), _trace.Waits[^1].Delay);
        _clock.Advance(Lease - TimeSpan.FromTicks(2));
        Assert.False(blocked.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(blocked.IsCompletedSuccessfully);
        sent.Add(_clock.Monotonic);

        TimeSpan[] times = sent.OrderBy(t => t).ToArray();
        for (int i = 100; i < times.Length; i++)
        {
            Assert.True(times[i] - times[i - 100] >= Span, $"requests {i - 100} and {i} are {times[i] - times[i - 100]} apart");
        }
    }

    [Fact]
    public async Task A_caller_waiting_for_the_file_holds_back_no_other_caller_of_the_process()
    {
        var file = new SharedBudgetFile(Path.Combine(_folder, "budget.bin"));
        var limiter = new SlidingWindowRateLimiter(10, Window, _clock, file);
        Assert.True(limiter.AcquireAsync(_trace, CancellationToken.None).IsCompletedSuccessfully);
        TimeSpan sentAt = _clock.Monotonic;

        Task first;
        using (new FileStream(file.FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // Another process holds the file: this caller waits for it, on the clock.
            first = Task.Run(() => limiter.AcquireAsync(_trace, CancellationToken.None));
            ManualClock.AwaitState(() => _clock.Waiting == 1, "the first caller waiting for the file");

            // Meanwhile every other caller of the process goes on: a 429 is counted, the rate is
            // read, and one stopped with Ctrl+C ends at once.
            limiter.TooManyRequests(sentAt, _trace);
            Assert.Equal(7, limiter.Allowed);
            using var stop = new CancellationTokenSource();
            Task stopped = limiter.AcquireAsync(_trace, stop.Token);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
            Assert.False(first.IsCompleted);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(4));
        await first;
        Assert.NotNull(limiter.SharedFile);
    }
}
