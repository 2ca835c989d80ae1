using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when the test moves it. A wait or timeout on it ends when the clock
/// passes its time, on the thread that moved it, so what the wait let run has run (up to its
/// next wait) by the time <see cref="Advance"/> returns. Tests of pacing, Retry-After, backoff
/// and timeouts take no real time and measure exactly. Its wall clock moves with it, and
/// <see cref="StepWall"/> moves the wall clock alone, as NTP or a resumed VM does.
/// </summary>
internal sealed class ManualClock : Clock
{
    /// <summary>How long a test may take in real time before it is called stuck; only reached by a bug.</summary>
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(20);

    private readonly object _gate = new();
    private readonly List<Timer> _timers = new();
    private readonly List<TimeSpan> _delays = new();
    private DateTimeOffset _now;
    private TimeSpan _monotonic = TimeSpan.FromDays(3);

    public ManualClock()
        : this(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualClock(DateTimeOffset start)
    {
        _now = start;
    }

    public override DateTimeOffset UtcNow
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    public override TimeSpan Monotonic
    {
        get
        {
            lock (_gate)
            {
                return _monotonic;
            }
        }
    }

    /// <summary>Every wait asked of the clock so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return _delays.ToList();
            }
        }
    }

    /// <summary>How many waits have not ended yet (timeouts are not waits).</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.IsWait);
            }
        }
    }

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _delays.Add(delay);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        // Continuations run on the thread that completes the wait: the one that moves the clock.
        var ended = new TaskCompletionSource<bool>();
        var timer = new Timer(Monotonic + delay, IsWait: true, () => ended.TrySetResult(true));
        Add(timer);
        cancellationToken.Register(() =>
        {
            Remove(timer);
            ended.TrySetCanceled(cancellationToken);
        });
        return ended.Task;
    }

    public override void CancelAfter(CancellationTokenSource source, TimeSpan delay) =>
        Add(new Timer(Monotonic + delay, IsWait: false, () =>
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The attempt it timed ended long ago.
            }
        }));

    /// <summary>Steps the wall clock alone (back with a negative step): no wait or timeout ends, none should move.</summary>
    public void StepWall(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    /// <summary>Moves the clock on by <paramref name="by"/>, ending each wait and timeout on the way in order of time.</summary>
    public void Advance(TimeSpan by)
    {
        TimeSpan until = Monotonic + by;
        while (true)
        {
            Timer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= until).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    _now += until - _monotonic;
                    _monotonic = until;
                    return;
                }

                _timers.Remove(next);
                if (next.Due > _monotonic)
                {
                    _now += next.Due - _monotonic;
                    _monotonic = next.Due;
                }
            }

            // A continuation runs inline only where no SynchronizationContext is set, and the
            // test framework sets one on its threads.
            SynchronizationContext? context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                next.Fire();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> to its end, moving the clock to the next wait's end whenever
    /// every task of it that has not ended waits on the clock, as real time would pass for them.
    /// </summary>
    public async Task<T[]> RunAsync<T>(params Task<T>[] work)
    {
        var real = Stopwatch.StartNew();
        while (!work.All(t => t.IsCompleted))
        {
            TimeSpan? next = NextWaitEnd();
            if (next is TimeSpan due && Waiting >= work.Count(t => !t.IsCompleted))
            {
                Advance(due - Monotonic);
                continue;
            }

            if (real.Elapsed > Stuck)
            {
                throw new TimeoutException($"The work neither ended nor waited on the clock within {Stuck.TotalSeconds} s of real time.");
            }

            await Task.Delay(1);
        }

        return await Task.WhenAll(work);
    }

    /// <summary>Waits in real time (briefly, as another thread gets there) until <paramref name="condition"/> holds.</summary>
    public static void AwaitState(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, Stuck))
        {
            throw new TimeoutException($"Not reached within {Stuck.TotalSeconds} s of real time: {what}.");
        }
    }

    private TimeSpan? NextWaitEnd()
    {
        lock (_gate)
        {
            return _timers.Where(t => t.IsWait).Select(t => (TimeSpan?)t.Due).Min();
        }
    }

    private void Add(Timer timer)
    {
        lock (_gate)
        {
            _timers.Add(timer);
        }
    }

    private void Remove(Timer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed record Timer(TimeSpan Due, bool IsWait, Action Fire);
}
