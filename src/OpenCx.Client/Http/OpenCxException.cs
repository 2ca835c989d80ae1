using System;

namespace OpenCx.Client.Http;

/// <summary>A call to the OpenCX API that failed for good (after any retries).</summary>
/// <remarks>Messages never contain the API key: they are built from the status, the server's message and the URI.</remarks>
public sealed class OpenCxException : Exception
{
    public OpenCxException(OpenCxErrorKind kind, string message, int? statusCode = null, string? serverMessage = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    public OpenCxErrorKind Kind { get; }

    /// <summary>The HTTP status, when the server answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>message</c> of the server's ErrorDto, when it sent one.</summary>
    public string? ServerMessage { get; }

    /// <summary>The proxy the request went through (without credentials), when the proxy refused it.</summary>
    public string? Proxy { get; internal set; }

    /// <summary>Retry-After of the last 429, when the server sent one.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>
    /// True when the call failed for a reason that may pass (no connection, no answer in time, a
    /// 5xx, a body that is not JSON, the rate limit) and the retries ran out; false when trying
    /// again would only repeat it (the key refused, a request the server rejects, a certificate
    /// not trusted).
    /// </summary>
    public bool IsTransient { get; internal set; }
}
