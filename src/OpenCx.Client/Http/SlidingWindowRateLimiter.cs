using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// At most <c>permits</c> requests in any <c>window</c>, shared by every command of the process
/// that uses the same API key against the same server.
/// </summary>
/// <remarks>
/// A sliding log rather than a token bucket: a bucket that starts full lets through a burst plus
/// a minute of refill inside one minute, which is exactly what a server counting "100 per
/// minute" answers with 429. The log never sends more than the budget in any window, and still
/// lets a short script send its few requests at once.
/// </remarks>
public sealed class SlidingWindowRateLimiter
{
    private static readonly ConcurrentDictionary<(Clock Clock, string Key), SlidingWindowRateLimiter> Shared =
        new ConcurrentDictionary<(Clock Clock, string Key), SlidingWindowRateLimiter>();

    // A slot frees this long after the window: the server counts arrivals, not departures, and
    // a request that travelled slower than a later one must not make it see one too many.
    private static readonly TimeSpan ArrivalJitterMargin = TimeSpan.FromMilliseconds(50);

    private readonly Queue<DateTimeOffset> _sent = new Queue<DateTimeOffset>();
    private readonly Clock _clock;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public SlidingWindowRateLimiter(int permits, TimeSpan window)
        : this(permits, window, Clock.System)
    {
    }

    internal SlidingWindowRateLimiter(int permits, TimeSpan window, Clock clock)
    {
        if (permits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permits), permits, "The rate limit must allow at least one request.");
        }

        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The rate-limit window must be positive.");
        }

        Permits = permits;
        Window = window;
        _clock = clock;
    }

    public int Permits { get; }

    public TimeSpan Window { get; }

    /// <summary>The one limiter for this server, key and budget in this process.</summary>
    public static SlidingWindowRateLimiter For(string scope, int permits, TimeSpan window) => For(scope, permits, window, Clock.System);

    /// <summary>The one limiter for this server, key and budget among those that read <paramref name="clock"/>.</summary>
    internal static SlidingWindowRateLimiter For(string scope, int permits, TimeSpan window, Clock clock) =>
        Shared.GetOrAdd((clock, $"{scope}|{permits}|{window.Ticks}"), _ => new SlidingWindowRateLimiter(permits, window, clock));

    /// <summary>Waits until a request may be sent, and counts it as sent.</summary>
    public async Task AcquireAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan delay;
            WaitReason reason;
            lock (_sent)
            {
                DateTimeOffset now = _clock.UtcNow;
                while (_sent.Count > 0 && _sent.Peek() + Window + ArrivalJitterMargin <= now)
                {
                    _sent.Dequeue();
                }

                if (_blockedUntil > now)
                {
                    delay = _blockedUntil - now;
                    reason = WaitReason.RetryAfter;
                }
                else if (_sent.Count < Permits)
                {
                    _sent.Enqueue(now);
                    return;
                }
                else
                {
                    delay = _sent.Peek() + Window + ArrivalJitterMargin - now;
                    reason = WaitReason.RateBudget;
                }
            }

            trace?.Waiting(delay, reason, reason == WaitReason.RateBudget
                ? $"{Permits} requests per {Window.TotalSeconds:0.###} s already sent"
                : "the server asked to retry later");
            await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Holds every caller back until the server's Retry-After has passed.</summary>
    public void BlockFor(TimeSpan retryAfter)
    {
        lock (_sent)
        {
            DateTimeOffset until = _clock.UtcNow + retryAfter;
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }
        }
    }
}
