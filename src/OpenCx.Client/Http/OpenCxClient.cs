using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Http;

/// <summary>
/// Sends filter requests to one organisation: paces them to the rate budget, retries what is
/// transient, and reads each page from the response stream.
/// </summary>
public sealed class OpenCxClient : IDisposable
{
    private const int MaximumErrorBodyBytes = 64 * 1024;

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

    private readonly HttpClient _http;
    private readonly OpenCxClientOptions _options;
    private readonly SlidingWindowRateLimiter _limiter;
    private readonly Lazy<string> _proxy;

    public OpenCxClient(OpenCxClientOptions options)
    {
        _options = options;
        Endpoint = EndpointAddress.FilterEndpoint(options.BaseUri);
        _http = new HttpClient(options.Handler ?? NetworkHandler.For(options.Proxy), disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _limiter = SlidingWindowRateLimiter.For(
            $"{Endpoint.GetLeftPart(UriPartial.Authority)}|{options.ApiKey.Fingerprint}",
            options.RateLimit,
            options.RateLimitWindow,
            options.Clock,
            options.SharedBudgetFolder ?? (options.Clock == Clock.System ? SharedBudgetFile.DefaultFolder : null));
        _proxy = new Lazy<string>(() => options.Handler is not null ? "none (in-process handler)"
            : options.Proxy.Mode == ProxyMode.System ? HttpDebugText.SystemProxy(Endpoint)
            : options.Proxy.ToString());
    }

    public Uri Endpoint { get; }

    /// <summary>Tells keys apart without holding one: 8 bytes of its SHA-256.</summary>
    internal string KeyFingerprint => _options.ApiKey.Fingerprint;

    /// <summary>Sends the smallest request there is (one session, no filter), to prove the address and the key.</summary>
    /// <exception cref="OpenCxException">The call failed for good.</exception>
    public Task<SessionPage> CheckAccessAsync(IClientTrace? trace, CancellationToken cancellationToken) =>
        FilterAsync(FilterRequest.Smallest, trace, cancellationToken);

    /// <summary>Asks for one page: the walk's only way to the server.</summary>
    /// <exception cref="OpenCxException">The call failed for good.</exception>
    internal async Task<SessionPage> FilterAsync(FilterRequest request, IClientTrace? trace, CancellationToken cancellationToken)
    {
        byte[] body = FilterRequestWriter.Write(request);
        DateTimeOffset? limitedSince = null;
        int limitedCount = 0;
        for (int retry = 0; ;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DateTimeOffset sentAt = await _limiter.AcquireAsync(trace, cancellationToken).ConfigureAwait(false);
            Attempt attempt = await SendOnceAsync(body, retry + limitedCount + 1, trace, cancellationToken).ConfigureAwait(false);
            if (attempt.Page != null)
            {
                return attempt.Page;
            }

            OpenCxException failure = attempt.Failure!;
            if (failure.StatusCode == 429)
            {
                // Not a failure of the server but its pace: waited out, not counted as a retry,
                // up to the total wait the connection allows.
                limitedCount++;
                _limiter.TooManyRequests(sentAt, trace);
                DateTimeOffset now = _options.Clock.UtcNow;
                limitedSince ??= now;
                TimeSpan wait = failure.RetryAfter > TimeSpan.Zero ? failure.RetryAfter.Value : _options.Retry.DelayBefore(limitedCount);
                if (wait < MinimumRateLimitWait)
                {
                    wait = MinimumRateLimitWait;
                }
                CheckRateLimitWait(failure, wait, now - limitedSince.Value);

                // Every command sharing this budget waits, not just this one.
                _limiter.BlockFor(wait);
                continue;
            }

            if (!attempt.Transient || retry >= _options.Retry.MaximumRetryCount)
            {
                throw failure;
            }

            retry++;
            TimeSpan delay = _options.Retry.DelayBefore(retry);
            trace?.Waiting(delay, WaitReason.Backoff, $"retry {retry} of {_options.Retry.MaximumRetryCount} after: {failure.Message}");
            await _options.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fails when waiting <paramref name="wait"/> more would pass the longest Retry-After or the total wait allowed.</summary>
    private void CheckRateLimitWait(OpenCxException failure, TimeSpan wait, TimeSpan waited)
    {
        if (failure.RetryAfter > MaximumRetryAfter)
        {
            throw new OpenCxException(
                OpenCxErrorKind.RateLimited,
                $"{failure.Message} It asked to retry after {failure.RetryAfter.Value.TotalMinutes:0} minutes, longer than the {MaximumRetryAfter.TotalMinutes:0} the module waits.",
                failure.StatusCode,
                failure.ServerMessage)
            {
                RetryAfter = failure.RetryAfter,
            };
        }

        if (waited + wait > _options.MaximumRateLimitWait)
        {
            throw new OpenCxException(
                OpenCxErrorKind.RateLimited,
                $"{failure.Message} The request has waited {waited.TotalSeconds:0} s for the rate limit; {wait.TotalSeconds:0} s more would pass the {_options.MaximumRateLimitWait.TotalSeconds:0} s the connection allows in total.",
                failure.StatusCode,
                failure.ServerMessage)
            {
                RetryAfter = failure.RetryAfter,
            };
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<Attempt> SendOnceAsync(byte[] body, int attemptNumber, IClientTrace? trace, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _options.Clock.CancelAfter(timeout, _options.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey.Reveal());

        trace?.RequestSent(Endpoint, Encoding.UTF8.GetString(body), attemptNumber, HttpDebugText.Request(request, attemptNumber, _proxy.Value, _options.ApiKey));
        var watch = Stopwatch.StartNew();
        try
        {
            using HttpResponseMessage response = await _http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            TimeSpan headersAfter = watch.Elapsed;
            int status = (int)response.StatusCode;
            if (status >= 200 && status < 300)
            {
                SessionPage page = await ReadPageAsync(response, timeout.Token).ConfigureAwait(false);
                trace?.ResponseReceived(status, watch.Elapsed, HttpDebugText.Response(response, headersAfter, watch.Elapsed, _options.ApiKey));
                return Attempt.Succeeded(page);
            }

            trace?.ResponseReceived(status, watch.Elapsed, HttpDebugText.Response(response, headersAfter, watch.Elapsed, _options.ApiKey));
            string? serverMessage = await ReadServerMessageAsync(response).ConfigureAwait(false);
            return FailureFor(response, status, serverMessage);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt.Failed(transient: true, new OpenCxException(
                OpenCxErrorKind.Timeout,
                $"{Endpoint.Host} did not answer within {_options.RequestTimeout.TotalSeconds:0} seconds.",
                innerException: e));
        }
        catch (HttpRequestException e) when (ProxyAuthentication.WasRefused(e))
        {
            return Attempt.Failed(transient: false, ProxyAuthenticationFailure(innerException: e));
        }
        catch (Exception e) when (e is HttpRequestException || e is IOException)
        {
            return Attempt.Failed(transient: true, new OpenCxException(
                OpenCxErrorKind.Network,
                $"The connection to {Endpoint.Host} failed: {e.Message}",
                innerException: e));
        }
        catch (Exception e) when (e is JsonException || e is FormatException)
        {
            return Attempt.Failed(transient: true, new OpenCxException(
                OpenCxErrorKind.InvalidResponse,
                $"{Endpoint.Host} answered with a body that is not the sessions JSON the API documents: {e.Message}",
                innerException: e));
        }
    }

    private static async Task<SessionPage> ReadPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        WireFilterResponse? wire = await JsonSerializer
            .DeserializeAsync(stream, WireJsonContext.Default.WireFilterResponse, cancellationToken)
            .ConfigureAwait(false);
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

    private Attempt FailureFor(HttpResponseMessage response, int status, string? serverMessage)
    {
        string said = serverMessage is null ? string.Empty : $" The server said: {serverMessage}";
        switch (status)
        {
            case 400:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.BadRequest,
                    $"The API rejected the filter (400 Bad Request).{said}", status, serverMessage));
            case 401:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.Unauthorized,
                    $"The API did not accept the key (401 Unauthorized).{said}", status, serverMessage));
            case 403:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.Forbidden,
                    $"The key is not allowed to read chat sessions (403 Forbidden).{said}", status, serverMessage));
            case 404:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.NotFound,
                    $"There is no sessions endpoint at {Endpoint} (404 Not Found).{said}", status, serverMessage));
            case 407:
                return Attempt.Failed(false, ProxyAuthenticationFailure(innerException: null));
            case 429:
                return Attempt.Failed(true, new OpenCxException(OpenCxErrorKind.RateLimited,
                    $"The API's rate limit is exhausted (429 Too Many Requests).{said}", status, serverMessage)
                {
                    RetryAfter = RetryAfterOf(response, _options.Clock.UtcNow),
                });
            case 500:
            case 502:
            case 503:
            case 504:
                return Attempt.Failed(true, new OpenCxException(OpenCxErrorKind.ServerError,
                    $"The API failed ({status} {response.ReasonPhrase}).{said}", status, serverMessage));
        }

        if (status >= 300 && status < 400)
        {
            return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.Redirected,
                $"{Endpoint.Host} redirected the request to '{response.Headers.Location}' ({status}). The module does not follow redirects, so that the key never goes to another address.",
                status));
        }

        return Attempt.Failed(status >= 500, new OpenCxException(
            status >= 500 ? OpenCxErrorKind.ServerError : OpenCxErrorKind.UnexpectedStatus,
            $"The API answered {status} {response.ReasonPhrase}, which it does not document.{said}", status, serverMessage));
    }

    /// <summary>Names the proxy, never its credentials; what to do about it is the caller's to say.</summary>
    private OpenCxException ProxyAuthenticationFailure(Exception? innerException)
    {
        string asked = _options.Proxy.HasCredential || _options.Proxy.UseDefaultCredentials
            ? "refused the credentials it was given"
            : "asks for credentials and none were given";
        return new OpenCxException(
            OpenCxErrorKind.ProxyAuthenticationRequired,
            $"The proxy {_proxy.Value} {asked} (407 Proxy Authentication Required).",
            407,
            innerException: innerException)
        {
            Proxy = _proxy.Value,
        };
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (retryAfter?.Date is DateTimeOffset date)
        {
            TimeSpan untilThen = date - now;
            return untilThen > TimeSpan.Zero ? untilThen : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>The <c>message</c> of an ErrorDto (a string, or the list NestJS sends for validation errors).</summary>
    private static async Task<string?> ReadServerMessageAsync(HttpResponseMessage response)
    {
        try
        {
            byte[] bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (bytes.Length == 0 || bytes.Length > MaximumErrorBodyBytes)
            {
                return null;
            }

            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("message", out JsonElement message))
            {
                return null;
            }

            if (message.ValueKind == JsonValueKind.Array)
            {
                var parts = new List<string>();
                foreach (JsonElement part in message.EnumerateArray())
                {
                    parts.Add(part.ToString());
                }

                return string.Join("; ", parts);
            }

            return message.ValueKind == JsonValueKind.String ? message.GetString() : message.GetRawText();
        }
        catch (Exception e) when (e is JsonException || e is IOException || e is HttpRequestException)
        {
            return null;
        }
    }

    private readonly struct Attempt
    {
        private Attempt(SessionPage? page, OpenCxException? failure, bool transient)
        {
            Page = page;
            Failure = failure;
            Transient = transient;
        }

        public SessionPage? Page { get; }

        public OpenCxException? Failure { get; }

        public bool Transient { get; }

        public static Attempt Succeeded(SessionPage page) => new Attempt(page, null, false);

        public static Attempt Failed(bool transient, OpenCxException failure) => new Attempt(null, failure, transient);
    }
}
