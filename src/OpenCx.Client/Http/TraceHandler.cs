using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// The last handler before the network: tells the call's trace each request as it leaves (after
/// any wait for the budget), and times the answer, as the Azure SDK's logging policy does. It
/// builds the request's text only for a trace that shows it.
/// </summary>
internal sealed class TraceHandler : DelegatingHandler
{
    private const string WatchKey = "OpenCx.Watch";
    private const string HeadersAfterKey = "OpenCx.HeadersAfter";

    private readonly ApiKey _key;
    private readonly Func<string> _proxy;

    public TraceHandler(ApiKey key, Func<string> proxy)
    {
        _key = key;
        _proxy = proxy;
    }

    /// <summary>Tells the trace of <paramref name="response"/>'s request that the answer, body too, is in.</summary>
    public static void Received(HttpResponseMessage response, ApiKey key)
    {
        HttpRequestMessage? request = response.RequestMessage;
        IClientTrace? trace = request is null ? null : RequestContext.Trace(request);
        if (trace is null || !request!.Properties.TryGetValue(WatchKey, out object? value) || value is not Stopwatch watch)
        {
            return;
        }

        TimeSpan headersAfter = request.Properties.TryGetValue(HeadersAfterKey, out object? headers) && headers is TimeSpan after ? after : watch.Elapsed;
        trace.ResponseReceived(
            (int)response.StatusCode,
            watch.Elapsed,
            (trace.Wanted & TraceDetail.Headers) != 0 ? HttpDebugText.Response(response, headersAfter, watch.Elapsed, key) : string.Empty);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        IClientTrace? trace = RequestContext.Trace(request);
        if (trace != null)
        {
            TraceDetail wanted = trace.Wanted;
            string body = (wanted & TraceDetail.Requests) != 0 && request.Content != null
                ? await request.Content.ReadAsStringAsync().ConfigureAwait(false)
                : string.Empty;
            int attempt = RequestContext.Attempt(request);
            trace.RequestSent(
                request.Method,
                request.RequestUri!,
                body,
                attempt,
                (wanted & TraceDetail.Headers) != 0 ? HttpDebugText.Request(request, attempt, _proxy(), _key) : string.Empty);
        }

        var watch = Stopwatch.StartNew();
        request.Properties[WatchKey] = watch;
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        request.Properties[HeadersAfterKey] = watch.Elapsed;
        return response;
    }
}
