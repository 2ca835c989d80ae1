using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// What the client's handlers learn of one call beyond the request itself: whom to tell what
/// happens, how to read a successful answer, and the attempt in course. Kept in the request's
/// properties, as the Azure SDK keeps its per-call context in its HttpMessage.
/// </summary>
internal static class RequestContext
{
    private const string TraceKey = "OpenCx.Trace";
    private const string ReaderKey = "OpenCx.Reader";
    private const string AttemptKey = "OpenCx.Attempt";
    private const string CallKey = "OpenCx.Call";

    public static void SetTrace(HttpRequestMessage request, IClientTrace? trace) => request.Properties[TraceKey] = trace;

    public static IClientTrace? Trace(HttpRequestMessage request) =>
        request.Properties.TryGetValue(TraceKey, out object? trace) ? trace as IClientTrace : null;

    public static void SetReader(HttpRequestMessage request, ResponseReader reader) => request.Properties[ReaderKey] = reader;

    public static ResponseReader? Reader(HttpRequestMessage request) =>
        request.Properties.TryGetValue(ReaderKey, out object? reader) ? reader as ResponseReader : null;

    public static void SetCall(HttpRequestMessage request, ApiRequest call) => request.Properties[CallKey] = call;

    /// <summary>What the call is, to name its failures (a 404 of a session is not a wrong address).</summary>
    public static ApiRequest? Call(HttpRequestMessage request) =>
        request.Properties.TryGetValue(CallKey, out object? call) ? call as ApiRequest : null;

    public static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[AttemptKey] = attempt;

    public static int Attempt(HttpRequestMessage request) =>
        request.Properties.TryGetValue(AttemptKey, out object? attempt) && attempt is int number ? number : 1;
}

/// <summary>
/// Reads a successful answer's body inside the attempt (and so within its timeout, and retried
/// like the attempt when the body is not what the API documents).
/// </summary>
internal abstract class ResponseReader
{
    /// <exception cref="System.Text.Json.JsonException">The body is not the JSON expected.</exception>
    /// <exception cref="FormatException">A value the spec forbids.</exception>
    public abstract Task ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken);
}

/// <summary>A reader that keeps what it read.</summary>
internal sealed class ResponseReader<T> : ResponseReader
{
    private readonly Func<System.IO.Stream, CancellationToken, Task<T>> _read;

    public ResponseReader(Func<System.IO.Stream, CancellationToken, Task<T>> read)
    {
        _read = read;
    }

    public T Result { get; private set; } = default!;

    public override async Task ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using System.IO.Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        Result = await _read(stream, cancellationToken).ConfigureAwait(false);
    }
}
