using System;
using System.Collections.Concurrent;
using OpenCx.Client.Http;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// Collects what the client reports from worker threads, for the cmdlet to write from the
/// pipeline thread (the only thread PowerShell lets write to its streams).
/// </summary>
internal sealed class PipelineTrace : IClientTrace
{
    private readonly BlockingCollection<TraceEvent> _events;

    public PipelineTrace(BlockingCollection<TraceEvent> events)
    {
        _events = events;
    }

    public void RequestSent(Uri endpoint, string body, int attempt, string detail) =>
        _events.Add(TraceEvent.Verbose(
            attempt == 1 ? $"POST {endpoint} {body}" : $"POST {endpoint} (attempt {attempt}) {body}",
            detail));

    public void ResponseReceived(int statusCode, TimeSpan elapsed, string detail) =>
        _events.Add(TraceEvent.Verbose($"{statusCode} in {elapsed.TotalMilliseconds:0} ms", detail));

    public void Waiting(TimeSpan delay, WaitReason reason, string detail)
    {
        string what = reason switch
        {
            WaitReason.RateBudget => "Rate limit: waiting",
            WaitReason.RetryAfter => "The server asked to slow down (429): waiting",
            _ => "Transient failure: waiting",
        };
        _events.Add(TraceEvent.Wait(delay, $"{what} {delay.TotalSeconds:0.0} s ({detail})."));
    }
}

/// <summary>
/// One thing to write to PowerShell's streams: a verbose line, the detail -Debug adds to it, or a
/// wait to show as progress too.
/// </summary>
internal sealed class TraceEvent
{
    private TraceEvent(string message, string? detail, TimeSpan? waitFor)
    {
        Message = message;
        Detail = detail;
        WaitFor = waitFor;
    }

    public string Message { get; }

    /// <summary>For the debug stream: what a user debugging wants beyond <see cref="Message"/>.</summary>
    public string? Detail { get; }

    public TimeSpan? WaitFor { get; }

    public static TraceEvent Verbose(string message, string? detail = null) => new TraceEvent(message, detail, null);

    public static TraceEvent Wait(TimeSpan delay, string message) => new TraceEvent(message, null, delay);
}
