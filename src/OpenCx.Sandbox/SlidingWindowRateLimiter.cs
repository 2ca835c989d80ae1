using System;
using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>
/// At most N requests in any window of the given length: the times of _admitted requests are
/// kept and those older than the window forgotten. Rejected requests are not counted.
/// </summary>
internal sealed class SlidingWindowRateLimiter
{
    private readonly Queue<DateTimeOffset> _admitted = new();

    /// <summary>Admits a request at <paramref name="now"/>, or says how long until a slot frees.</summary>
    public bool TryAdmit(DateTimeOffset now, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        lock (_admitted)
        {
            while (_admitted.Count > 0 && _admitted.Peek() + window <= now)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count < limit)
            {
                _admitted.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _admitted.Peek() + window - now;
            return false;
        }
    }
}
