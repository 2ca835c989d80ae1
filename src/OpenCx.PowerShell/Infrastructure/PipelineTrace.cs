using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Net.Http;
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

    /// <summary>Set on the pipeline thread from -Verbose, -Debug and the preference variables, before any request.</summary>
    public TraceDetail Wanted { get; set; } = TraceDetail.Requests | TraceDetail.Headers;

    public void RequestSent(HttpMethod method, Uri endpoint, string body, int attempt, string detail)
    {
        string request = $"{method.Method} {endpoint}";
        string tail = body.Length == 0 ? string.Empty : $" {body}";
        _events.Add(TraceEvent.Verbose(
            attempt == 1 ? $"{request}{tail}" : $"{request} (attempt {attempt}){tail}",
            detail));
    }

    public void ResponseReceived(int statusCode, TimeSpan elapsed, string detail) =>
        _events.Add(TraceEvent.Verbose($"{statusCode} in {elapsed.TotalMilliseconds:0} ms", detail));

    public void Note(string message) => _events.Add(TraceEvent.Verbose(message));

    public void Waiting(TimeSpan delay, WaitReason reason, string detail)
    {
        string what = reason switch
        {
            WaitReason.RateBudget => "Rate limit: waiting",
            WaitReason.RetryAfter => "The server asked to slow down (429): waiting",
            _ => "Transient failure: waiting",
        };
        _events.Add(TraceEvent.Wait(delay, $"{what} {delay.TotalSeconds:0.0} s ({detail}).", $"{what} ({detail})"));
    }
}

/// <summary>
/// One thing to write to PowerShell's streams: a verbose line, the detail -Debug adds to it, or a
/// wait to show as progress too.
/// </summary>
internal sealed class TraceEvent
{
    // A whole second shown a moment early would show twice; the bar moves on just after it.
    private static readonly TimeSpan PastTheSecond = TimeSpan.FromMilliseconds(15);

    private readonly long _createdAt = Stopwatch.GetTimestamp();
    private readonly string? _waitStatus;

    private TraceEvent(string message, string? detail, TimeSpan? waitFor, string? waitStatus)
    {
        Message = message;
        Detail = detail;
        WaitFor = waitFor;
        _waitStatus = waitStatus;
    }

    public string Message { get; }

    /// <summary>For the debug stream: what a user debugging wants beyond <see cref="Message"/>.</summary>
    public string? Detail { get; }

    public TimeSpan? WaitFor { get; }

    /// <summary>What is left of the wait, counted from when the client started it (possibly before the cmdlet read it).</summary>
    public TimeSpan Remaining => (WaitFor ?? TimeSpan.Zero) - Elapsed;

    /// <summary>How long until the whole seconds left go down by one.</summary>
    public TimeSpan UntilNextSecond
    {
        get
        {
            TimeSpan remaining = Remaining;
            double shown = Math.Ceiling(remaining.TotalSeconds);
            TimeSpan untilNext = remaining - TimeSpan.FromSeconds(Math.Max(shown - 1, 0));
            return (untilNext > TimeSpan.Zero ? untilNext : TimeSpan.Zero) + PastTheSecond;
        }
    }

    public WaitProgress Progress => new WaitProgress(_waitStatus ?? Message, (int)Math.Ceiling(Remaining.TotalSeconds));

    private TimeSpan Elapsed => TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - _createdAt) / (double)Stopwatch.Frequency);

    public static TraceEvent Verbose(string message, string? detail = null) => new TraceEvent(message, detail, null, null);

    /// <param name="status">The wait as a progress bar says it, without the length that only holds when it starts.</param>
    public static TraceEvent Wait(TimeSpan delay, string message, string status) => new TraceEvent(message, null, delay, status);
}

/// <summary>A wait as a progress bar shows it: why, and the whole seconds left.</summary>
internal sealed class WaitProgress
{
    public WaitProgress(string status, int secondsRemaining)
    {
        Status = status;
        SecondsRemaining = secondsRemaining;
    }

    public string Status { get; }

    public int SecondsRemaining { get; }

    /// <summary>A command's progress record while it waits, with what it has done so far.</summary>
    public ProgressRecord ToRecord(int activityId, string activity, string doneSoFar) =>
        new ProgressRecord(activityId, activity, $"{Status}; {doneSoFar}") { SecondsRemaining = SecondsRemaining };
}
