using System;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// Where the client reads the time and waits: the system's clock, or in tests one they move by
/// hand, so that pacing, Retry-After, backoff and timeouts are proven without real waits that a
/// loaded machine can stretch. (.NET's TimeProvider does this, but on netstandard2.0 it is one
/// more assembly to ship for four members.)
/// </summary>
internal abstract class Clock
{
    public static Clock System { get; } = new SystemClock();

    public abstract DateTimeOffset UtcNow { get; }

    public abstract Task Delay(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Cancels <paramref name="source"/> once <paramref name="delay"/> has passed.</summary>
    public abstract void CancelAfter(CancellationTokenSource source, TimeSpan delay);

    private sealed class SystemClock : Clock
    {
        public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public override Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);

        public override void CancelAfter(CancellationTokenSource source, TimeSpan delay) => source.CancelAfter(delay);
    }
}
