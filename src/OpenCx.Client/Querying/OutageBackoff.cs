using System;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Client.Querying;

/// <summary>
/// What following does when a poll fails for a reason that may pass (the server or the network
/// down, the rate limit exhausted), once the client's own retries of the request ran out: it
/// tries again after a delay that doubles from <see cref="FirstDelay"/> up to
/// <see cref="MaximumDelay"/>, for as long as the outage lasts, and knows since when that is.
/// A failure that trying again would only repeat (the key refused, a request the server
/// rejects) is no outage: following ends with it.
/// </summary>
/// <remarks>
/// No jitter, unlike the retries of one request (<see cref="RetryPolicy"/>): those already spread
/// the clients that failed together, and a follower waits on top of them. The cap keeps a
/// follower from waiting much longer than the outage once the server is back.
/// </remarks>
public sealed class OutageBackoff
{
    public static readonly TimeSpan DefaultFirstDelay = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultMaximumDelay = TimeSpan.FromSeconds(60);

    /// <summary>The longest step of <see cref="PauseAsync"/>: a caller shows the time left between steps.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private readonly Clock _clock;
    private TimeSpan _tryStarted;
    private DateTimeOffset _tryStartedAt;
    private TimeSpan _began;
    private TimeSpan _nextTry;

    /// <summary>On <paramref name="client"/>'s clock, with the default delays.</summary>
    public OutageBackoff(OpenCxClient client)
        : this((client ?? throw new ArgumentNullException(nameof(client))).Clock, DefaultFirstDelay, DefaultMaximumDelay)
    {
    }

    internal OutageBackoff(Clock clock, TimeSpan firstDelay, TimeSpan maximumDelay)
    {
        if (firstDelay <= TimeSpan.Zero || maximumDelay < firstDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumDelay), "The first delay must be positive and not longer than the cap.");
        }

        _clock = clock;
        FirstDelay = firstDelay;
        MaximumDelay = maximumDelay;
        _tryStarted = clock.Monotonic;
        _tryStartedAt = clock.UtcNow;
    }

    public TimeSpan FirstDelay { get; }

    public TimeSpan MaximumDelay { get; }

    /// <summary>The tries that failed in a row: 0 while the server answers.</summary>
    public int Failures { get; private set; }

    public bool IsFailing => Failures > 0;

    /// <summary>When the first try that failed began (the wall clock, UTC); null while the server answers.</summary>
    public DateTimeOffset? Since { get; private set; }

    /// <summary>How long the outage has lasted so far: since the first try that failed began.</summary>
    public TimeSpan Duration => IsFailing ? _clock.Monotonic - _began : TimeSpan.Zero;

    /// <summary>The time left before the next try: zero once it is due, or while the server answers.</summary>
    public TimeSpan UntilNextTry
    {
        get
        {
            TimeSpan left = _nextTry - _clock.Monotonic;
            return IsFailing && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>True for a failure that may pass, once the request's own retries ran out: following backs off and tries again.</summary>
    public static bool IsOutage(Exception failure) => failure is OpenCxException { IsTransient: true };

    /// <summary>A try begins: an outage it runs into is counted from here.</summary>
    public void Trying()
    {
        _tryStarted = _clock.Monotonic;
        _tryStartedAt = _clock.UtcNow;
    }

    /// <summary>The try failed with an outage.</summary>
    /// <returns>The wait before the next try: the backoff's, or the server's Retry-After when that is longer.</returns>
    /// <exception cref="ArgumentException"><paramref name="failure"/> is not an outage (<see cref="IsOutage"/>): nothing to back off from.</exception>
    public TimeSpan Failed(OpenCxException failure)
    {
        if (failure is null)
        {
            throw new ArgumentNullException(nameof(failure));
        }

        if (!IsOutage(failure))
        {
            throw new ArgumentException($"Trying again would only repeat this failure: {failure.Message}", nameof(failure));
        }

        if (!IsFailing)
        {
            _began = _tryStarted;
            Since = _tryStartedAt;
        }

        Failures++;
        TimeSpan delay = DelayAfter(Failures);
        if (failure.RetryAfter > delay)
        {
            delay = failure.RetryAfter.Value;
        }

        _nextTry = _clock.Monotonic + delay;
        return delay;
    }

    /// <summary>A try succeeded: the outage is over.</summary>
    /// <returns>How long it lasted, from the start of the first try that failed; zero when there was none.</returns>
    public TimeSpan Recovered()
    {
        TimeSpan lasted = Duration;
        Failures = 0;
        Since = null;
        return lasted;
    }

    /// <summary>Waits on the client's clock until the next try is due, or a second, whichever comes first.</summary>
    public async Task<bool> PauseAsync(CancellationToken cancellationToken)
    {
        TimeSpan left = UntilNextTry;
        await _clock.Delay(left < Step ? left : Step, cancellationToken).ConfigureAwait(false);
        return UntilNextTry > TimeSpan.Zero;
    }

    /// <summary>The first delay, doubled after each failure in a row, up to the cap.</summary>
    private TimeSpan DelayAfter(int failures)
    {
        TimeSpan delay = FirstDelay;
        for (int i = 1; i < failures && delay < MaximumDelay; i++)
        {
            delay += delay;
        }

        return delay < MaximumDelay ? delay : MaximumDelay;
    }
}
