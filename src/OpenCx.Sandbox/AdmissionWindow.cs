using System;
using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>
/// The server's rate limit: at most N requests admitted in any window of the given length. The
/// times of admitted requests are kept and those older than the window forgotten; rejected
/// requests are not counted. (The client's pacing, OpenCx.Client's SlidingWindowRateLimiter, is
/// written apart on purpose: the two must not share a bug.)
/// </summary>
internal sealed class AdmissionWindow
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

    /// <summary>Forgets every admission: the next request starts a fresh window.</summary>
    public void Clear()
    {
        lock (_admitted)
        {
            _admitted.Clear();
        }
    }
}
