using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// Where the client reads the time and waits: the system's clocks, or in tests ones they move by
/// hand, so that pacing, Retry-After, backoff and timeouts are proven without real waits that a
/// loaded machine can stretch. (.NET's TimeProvider does this, but on netstandard2.0 it is one
/// more assembly to ship for a few members.)
/// </summary>
/// <remarks>
/// Two clocks, as TimeProvider has: the wall clock (<see cref="UtcNow"/>), which NTP, a resumed
/// VM or a hand can step back or forward, only to read dates a server sent; and a monotonic one
/// (<see cref="Monotonic"/>), which only moves forward, for every wait and pace. Waits and
/// timeouts run on the monotonic one.
/// </remarks>
internal abstract class Clock
{
    public static Clock System { get; } = new SystemClock();

    /// <summary>The wall clock: only for comparing with a date from a server.</summary>
    public abstract DateTimeOffset UtcNow { get; }

    /// <summary>
    /// Time since an arbitrary origin that never moves back. On the system clock the origin is
    /// the machine's (Stopwatch's timestamp: boot on Linux and Windows), the same for every
    /// process, so the budget's shared file can hold these times.
    /// </summary>
    public abstract TimeSpan Monotonic { get; }

    public abstract Task Delay(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Cancels <paramref name="source"/> once <paramref name="delay"/> has passed.</summary>
    public abstract void CancelAfter(CancellationTokenSource source, TimeSpan delay);

    private sealed class SystemClock : Clock
    {
        public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public override TimeSpan Monotonic
        {
            get
            {
                // In whole numbers: a double loses ticks once the machine has been up for weeks.
                long timestamp = Stopwatch.GetTimestamp();
                long frequency = Stopwatch.Frequency;
                return TimeSpan.FromTicks((timestamp / frequency * TimeSpan.TicksPerSecond) + (timestamp % frequency * TimeSpan.TicksPerSecond / frequency));
            }
        }

        public override Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);

        public override void CancelAfter(CancellationTokenSource source, TimeSpan delay) => source.CancelAfter(delay);
    }
}
