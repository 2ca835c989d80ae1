using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Http;

/// <summary>
/// Sends requests to one organisation through a chain of handlers, as the Azure SDK and
/// Microsoft Graph compose theirs: <see cref="RetryHandler"/> (attempts, timeouts, backoff,
/// Retry-After), <see cref="RateLimitHandler"/> (the budget, each attempt), <see cref="TraceHandler"/>
/// (what -Verbose and -Debug show), then the network.
/// </summary>
public sealed partial class OpenCxClient : IDisposable
{
    /// <summary>
    /// The longest Retry-After waited out, as long as the longest window a connection may set. A
    /// longer one (a gateway's daily quota) would hang a script for hours, and past 24 days
    /// overflow the timer, so the call fails at once with what the server asked.
    /// </summary>
    internal static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// The least a 429 is waited: without a Retry-After (or with 0) and with no backoff configured,
    /// a 429 would be retried at once, and since 429s are not counted as retries, for ever.
    /// </summary>
    internal static readonly TimeSpan MinimumRateLimitWait = TimeSpan.FromSeconds(1);

    private static readonly MediaTypeWithQualityHeaderValue Json = new MediaTypeWithQualityHeaderValue("application/json");

    private readonly HttpClient _http;
    private readonly OpenCxClientOptions _options;
    private readonly Lazy<string> _proxy;

    public OpenCxClient(OpenCxClientOptions options)
    {
        _options = options;
        Endpoint = EndpointAddress.FilterEndpoint(options.BaseUri);
        BaseAddress = EndpointAddress.Base(options.BaseUri);
        // The system's settings are read now, so that a proxy variable set since the last connect counts.
        ProxySettings route = options.Proxy.Mode == ProxyMode.System && options.Handler is null ? ProxySettings.SystemNow() : options.Proxy;
        _proxy = new Lazy<string>(() => options.Handler is not null ? "none (in-process handler)" : route.ShownFor(Endpoint));
        var limiter = SlidingWindowRateLimiter.For(
            $"{Endpoint.GetLeftPart(UriPartial.Authority)}|{options.ApiKey.Fingerprint}",
            options.RateLimit,
            options.RateLimitWindow,
            options.Clock,
            options.SharedBudgetFolder ?? (options.Clock == Clock.System && options.Handler is null ? SharedBudgetFile.DefaultFolder : null));
        Func<string> proxy = () => _proxy.Value;
        var chain = new RetryHandler(options, proxy)
        {
            InnerHandler = new RateLimitHandler(limiter, options.Clock)
            {
                InnerHandler = new TraceHandler(options.ApiKey, proxy)
                {
                    InnerHandler = options.Handler ?? NetworkHandler.For(route, new ServerCertificateTrust(options.TrustedCertificates)),
                },
            },
        };

        // The network handler at the chain's end is shared and outlives the client; the
        // delegating handlers hold nothing to dispose.
        _http = new HttpClient(chain, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The filter endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>The API's root, with a trailing slash: every endpoint's path is relative to it.</summary>
    internal Uri BaseAddress { get; }

    /// <summary>The time this client paces, backs off and times out by.</summary>
    internal Clock Clock => _options.Clock;

    /// <summary>Tells keys apart without holding one: 8 bytes of its SHA-256.</summary>
    internal string KeyFingerprint => _options.ApiKey.Fingerprint;

    /// <summary>Sends the smallest request there is (one session, no filter), to prove the address and the key.</summary>
    /// <exception cref="OpenCxException">The call failed for good.</exception>
    public Task<SessionPage> CheckAccessAsync(IClientTrace? trace, CancellationToken cancellationToken) =>
        FilterAsync(FilterRequest.Smallest, trace, cancellationToken);

    /// <summary>Asks for one page: the walk's only way to the server.</summary>
    /// <param name="glanced">
    /// Told what the body says of the next request as soon as it is in, before it is parsed (once
    /// for each attempt that brought one); null when nobody looks ahead.
    /// </param>
    /// <exception cref="OpenCxException">The call failed for good.</exception>
    internal Task<SessionPage> FilterAsync(FilterRequest request, IClientTrace? trace, CancellationToken cancellationToken, Action<PageGlance>? glanced = null) =>
        SendAsync(
            ApiRequest.Filter(Endpoint, FilterRequestWriter.Write(request)),
            (stream, token) => ReadPageAsync(stream, glanced, token),
            trace,
            cancellationToken);

    /// <summary>
    /// The one way to the server for every endpoint: a GET or a POST of a JSON body, paced,
    /// retried and traced by the chain; <paramref name="read"/> reads a successful answer's body inside the attempt, so a
    /// body that is not the JSON expected (<see cref="JsonException"/>, <see cref="FormatException"/>)
    /// is retried like a failed attempt.
    /// </summary>
    /// <exception cref="OpenCxException">The call failed for good.</exception>
    internal async Task<T> SendAsync<T>(ApiRequest call, Func<Stream, CancellationToken, Task<T>> read, IClientTrace? trace, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, call.Uri);
        if (call.Body != null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Accept.Add(Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey.Reveal());
        var reader = new ResponseReader<T>(read);
        RequestContext.SetTrace(request, trace);
        RequestContext.SetReader(request, reader);
        RequestContext.SetCall(request, call);
        using HttpResponseMessage response = await _http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        return reader.Result;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<SessionPage> ReadPageAsync(Stream stream, Action<PageGlance>? glanced, CancellationToken cancellationToken)
    {
        // The body is read whole first (a page is a few hundred kilobytes at most), so that the
        // next request can go out on a glance at it while this one is parsed.
        using PooledBody body = await PooledBody.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (glanced is not null && PageGlance.Of(body.Bytes) is PageGlance glance)
        {
            glanced(glance);
        }

        WireFilterResponse? wire = JsonSerializer.Deserialize(body.Bytes, WireJsonContext.Default.WireFilterResponse);
        if (wire?.Data is null)
        {
            throw new JsonException("The body has no 'data' array.");
        }

        var sessions = new ChatSession[wire.Data.Count];
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = SessionMapper.ToSession(wire.Data[i]);
        }

        return new SessionPage(sessions, wire.HasNext);
    }
}
