using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace OpenCx.Client.Http;

/// <summary>How long a 429 asks the client to wait.</summary>
internal static class RetryAfter
{
    /// <summary>
    /// Retry-After as seconds, or as a date measured against the answer's own Date header: both
    /// are the server's clock, so a server an hour behind or ahead of this machine still means
    /// the wait it asked for. Without a Date, against this machine's wall clock, the only one
    /// to hand. Null when there is no Retry-After.
    /// </summary>
    public static TimeSpan? Of(HttpResponseMessage response, Clock clock)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (retryAfter?.Date is DateTimeOffset date)
        {
            DateTimeOffset now = response.Headers.Date ?? clock.UtcNow;
            TimeSpan untilThen = date - now;
            return untilThen > TimeSpan.Zero ? untilThen : TimeSpan.Zero;
        }

        return null;
    }
}
