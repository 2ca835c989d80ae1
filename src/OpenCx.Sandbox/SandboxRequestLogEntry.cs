using System;

namespace OpenCx.Sandbox;

/// <summary>One request the server received and what it did with it.</summary>
public sealed class SandboxRequestLogEntry
{
    public SandboxRequestLogEntry(
        DateTimeOffset time, string method, string path, string body, int statusCode, string? fault, bool hadAuthorization, TimeSpan duration)
    {
        Time = time;
        Method = method;
        Path = path;
        Body = body;
        StatusCode = statusCode;
        Fault = fault;
        HadAuthorization = hadAuthorization;
        Duration = duration;
    }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset Time { get; }

    public string Method { get; }

    /// <summary>The path and, for a GET, its query string.</summary>
    public string Path { get; }

    /// <summary>The request body as UTF-8 text.</summary>
    public string Body { get; }

    /// <summary>The status sent; 0 when the connection was dropped without a response.</summary>
    public int StatusCode { get; }

    /// <summary>The injected fault (a <see cref="SandboxFault"/> name, or "RateLimited"); null for a normal answer.</summary>
    public string? Fault { get; }

    public bool HadAuthorization { get; }

    public TimeSpan Duration { get; }

    /// <summary>The response body as UTF-8 text, when one was sent whole; null otherwise.</summary>
    public string? ResponseBody { get; init; }

    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Method} {Path} -> {(StatusCode == 0 ? "dropped" : StatusCode.ToString())}"
        + (Fault is null ? "" : $" [{Fault}]") + $" {Duration.TotalMilliseconds:0}ms {Body}";
}
