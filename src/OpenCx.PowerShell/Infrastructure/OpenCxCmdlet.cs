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
    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
    private readonly BlockingCollection<TraceEvent> _events = new BlockingCollection<TraceEvent>();
    private CommandStreams? _streams;

    protected OpenCxCmdlet()
    {
        Trace = new PipelineTrace(_events);
    }

    internal IClientTrace Trace { get; }

    protected CancellationToken Cancellation => _cancellation.Token;

    /// <summary>Called while a wait is shown, so a cmdlet can report it as progress.</summary>
    internal virtual void OnWaiting(TraceEvent wait)
    {
    }

    /// <summary>Blocks the pipeline thread until <paramref name="task"/> ends, writing what the client reports meanwhile.</summary>
    protected T Await<T>(Task<T> task)
    {
        task.ContinueWith(_ => _events.Add(Done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (TraceEvent item in _events.GetConsumingEnumerable())
        {
            if (ReferenceEquals(item, Done))
            {
                break;
            }

            Write(item);
            if (item.WaitFor.HasValue)
            {
                OnWaiting(item);
            }
        }

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

    protected override void StopProcessing() => _cancellation.Cancel();

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
    protected void ThrowApiError(OpenCxException failure, object? target) =>
        ThrowTerminatingError(ApiErrors.ToErrorRecord(failure, target));

    // Called only on the pipeline thread, once parameters are bound.
    private CommandStreams Streams => _streams ??= CommandStreams.For(this);

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
            }
        }
    }

    private static readonly TraceEvent Done = TraceEvent.Verbose(string.Empty);
}
