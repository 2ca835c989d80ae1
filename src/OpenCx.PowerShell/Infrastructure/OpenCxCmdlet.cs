using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// What every OpenCx cmdlet needs: a cancellation source that Ctrl+C cancels, a way to wait for
/// async work while writing its verbose and progress messages from the pipeline thread, and
/// the mapping from client failures to PowerShell errors.
/// </summary>
public abstract class OpenCxCmdlet : PSCmdlet, IDisposable
{
    /// <summary>
    /// Shorter waits are over before a host draws them. One such is the rate limiter looking at
    /// its clock again a fraction of a millisecond after its timer (which counts whole
    /// milliseconds): shown, it would say "1 s left" again at the end of the real wait.
    /// </summary>
    private static readonly TimeSpan ShortestWaitShown = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
    private readonly BlockingCollection<TraceEvent> _events = new BlockingCollection<TraceEvent>();
    private readonly PipelineTrace _trace;
    private bool _traceDetailSet;
    private CommandStreams? _streams;
    private TraceEvent? _waitInCourse;

    protected OpenCxCmdlet()
    {
        _trace = new PipelineTrace(_events);
    }

    /// <summary>What the client tells; read on the pipeline thread, where it learns what the command shows.</summary>
    internal IClientTrace Trace
    {
        get
        {
            if (!_traceDetailSet)
            {
                _traceDetailSet = true;
                _trace.Wanted = (Shows("Verbose", "VerbosePreference") ? TraceDetail.Requests : TraceDetail.None)
                    | (Shows("Debug", "DebugPreference") ? TraceDetail.Requests | TraceDetail.Headers : TraceDetail.None);
            }

            return _trace;
        }
    }

    protected CancellationToken Cancellation => _cancellation.Token;

    /// <summary>
    /// Called on the pipeline thread when a wait (rate limit, Retry-After, backoff) starts and
    /// then about once a second until it ends, with the seconds left, so a cmdlet can show it as
    /// progress that moves: pwsh draws progress at most a few times a second, so a record
    /// written once when the wait starts is often never drawn, and the bar looks hung.
    /// </summary>
    internal virtual void OnWaiting(WaitProgress wait)
    {
    }

    /// <summary>Blocks the pipeline thread until <paramref name="task"/> ends, writing what the client reports meanwhile.</summary>
    protected T Await<T>(Task<T> task)
    {
        task.ContinueWith(_ => _events.Add(Done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // A wait can begin before this call (the read-ahead's, while the last page was written):
        // it is still shown for the time it has left.
        TraceEvent? wait = _waitInCourse is { Remaining.Ticks: > 0 } ? _waitInCourse : null;
        while (true)
        {
            if (!TryTake(wait, out TraceEvent item))
            {
                wait = ShowWait(wait!);
                continue;
            }

            if (ReferenceEquals(item, Done))
            {
                break;
            }

            Write(item);
            wait = item.WaitFor.HasValue && item.Remaining >= ShortestWaitShown ? ShowWait(item) : null;
        }

        _waitInCourse = wait;
        DrainPending();
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Hides <see cref="Cmdlet.WriteVerbose(string)"/> so that every verbose line of every OpenCx
    /// command keeps -Debug from prompting (see <see cref="CommandStreams"/>).
    /// </summary>
    public new void WriteVerbose(string text) => Streams.WriteVerbose(text);

    /// <summary>Hides <see cref="Cmdlet.WriteDebug(string)"/>: -Debug shows and goes on, on Windows PowerShell too.</summary>
    public new void WriteDebug(string text) => Streams.WriteDebug(text);

    /// <summary>A warning; under -Debug (without -WarningAction) a debug record, so that it cannot prompt.</summary>
    public new void WriteWarning(string text) => Streams.WriteWarning(text);

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>True when the command's -Verbose (or -Debug) or the preference in its scope shows the stream.</summary>
    private bool Shows(string parameter, string preference)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameter, out object? value))
        {
            return LanguagePrimitives.IsTrue(value);
        }

        object? set = GetVariableValue(preference);
        if (set is ActionPreference action)
        {
            return action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore;
        }

        // A preference set to text ('Continue') or anything else: show, as the engine would try to.
        return set is not null;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
            _events.Dispose();
        }
    }

    /// <summary>Stops the command with the error that fits what the client reported.</summary>
    protected void ThrowApiError(OpenCxException failure, object? target, string? resume = null) =>
        ThrowTerminatingError(ApiErrors.ToErrorRecord(failure, target, resume));

    // Called only on the pipeline thread, once parameters are bound.
    private CommandStreams Streams => _streams ??= CommandStreams.For(this);

    /// <summary>The next event; false when, before one came, the wait in course is due its next second.</summary>
    private bool TryTake(TraceEvent? wait, out TraceEvent item)
    {
        if (wait is null)
        {
            item = _events.Take();
            return true;
        }

        return _events.TryTake(out item, wait.UntilNextSecond);
    }

    /// <summary>Shows the time left of a wait; returns it while there is time left to show.</summary>
    private TraceEvent? ShowWait(TraceEvent wait)
    {
        if (wait.Remaining <= TimeSpan.Zero)
        {
            return null;
        }

        OnWaiting(wait.Progress);
        return wait;
    }

    private void Write(TraceEvent item)
    {
        WriteVerbose(item.Message);
        if (item.Detail != null)
        {
            WriteDebug(item.Detail);
        }
    }

    // Messages that raced the completion marker into the queue still belong to this wait.
    private void DrainPending()
    {
        while (_events.TryTake(out TraceEvent? item))
        {
            if (!ReferenceEquals(item, Done))
            {
                Write(item);
                if (item.WaitFor.HasValue)
                {
                    _waitInCourse = item;
                }
            }
        }
    }

    private static readonly TraceEvent Done = TraceEvent.Verbose(string.Empty);
}
