using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using OpenCx.Client.Http;

namespace OpenCx.Tests.Infrastructure;

/// <summary>What the client reported while it worked: the waits, with their reasons.</summary>
internal sealed class RecordingTrace : IClientTrace
{
    private readonly ConcurrentQueue<(TimeSpan Delay, WaitReason Reason, string Detail)> _waits = new();

    private readonly ConcurrentQueue<string> _notes = new();

    public (TimeSpan Delay, WaitReason Reason, string Detail)[] Waits => _waits.ToArray();

    public string[] Notes => _notes.ToArray();

    public TraceDetail Wanted { get; set; } = TraceDetail.None;

    /// <summary>The bodies the client gave, as text, when <see cref="Wanted"/> asked for them.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public TimeSpan[] WaitsFor(WaitReason reason) => Waits.Where(w => w.Reason == reason).Select(w => w.Delay).ToArray();

    public void RequestSent(HttpMethod method, Uri endpoint, string body, int attempt, string detail) => Bodies.Enqueue(body);

    public void ResponseReceived(int statusCode, TimeSpan elapsed, string detail)
    {
    }

    public void Waiting(TimeSpan delay, WaitReason reason, string detail) => _waits.Enqueue((delay, reason, detail));

    public void Note(string message) => _notes.Enqueue(message);
}
