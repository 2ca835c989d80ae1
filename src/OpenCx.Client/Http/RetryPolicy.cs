using System;

namespace OpenCx.Client.Http;

/// <summary>How often and how patiently transient failures are retried.</summary>
public sealed class RetryPolicy
{
    [ThreadStatic]
    private static Random? PerThreadRandom;

    public RetryPolicy(int maximumRetryCount, TimeSpan baseDelay, TimeSpan maximumDelay)
    {
        if (maximumRetryCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumRetryCount), maximumRetryCount, "The retry count cannot be negative.");
        }

        MaximumRetryCount = maximumRetryCount;
        BaseDelay = baseDelay;
        MaximumDelay = maximumDelay;
    }

    public static RetryPolicy Default { get; } = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public int MaximumRetryCount { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaximumDelay { get; }

    /// <summary>
    /// Capped exponential backoff with "equal jitter": half the delay is fixed, half random, so
    /// clients that failed together do not come back together, yet none retries at once.
    /// </summary>
    public TimeSpan DelayBefore(int retry)
    {
        double exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        double capped = Math.Min(exponential, MaximumDelay.TotalMilliseconds);
        Random random = PerThreadRandom ??= new Random(Guid.NewGuid().GetHashCode());
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }
}
