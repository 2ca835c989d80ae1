using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// Tries each request until it succeeds or fails for good, as the Azure SDK's and Microsoft
/// Graph's retry handlers do: each attempt within the request timeout (its body read too, capped
/// for an error's), a 429 waited out as the server asks, a transient failure retried after the
/// retry policy's backoff for as many retries or as long as the connection allows. A failure
/// for good is an <see cref="OpenCxException"/> that says what happened.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    /// <summary>The most of an error's body read: its message is short, and a body that never ends must not hold the command.</summary>
    internal const int MaximumErrorBodyBytes = 64 * 1024;

    private readonly OpenCxClientOptions _options;
    private readonly Func<string> _proxy;

    /// <param name="proxy">The proxy requests go through, as the user may read it ("none" for none).</param>
    public RetryHandler(OpenCxClientOptions options, Func<string> proxy)
    {
        _options = options;
        _proxy = proxy;
    }

    private Clock Clock => _options.Clock;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        IClientTrace? trace = RequestContext.Trace(request);
        TimeSpan? limitedSince = null;
        TimeSpan? failingSince = null;
        int limitedCount = 0;
        for (int retry = 0; ;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RequestContext.SetAttempt(request, retry + limitedCount + 1);
            Attempt attempt = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            if (attempt.Response != null)
            {
                return attempt.Response;
            }

            OpenCxException failure = attempt.Failure!;
            TimeSpan now = Clock.Monotonic;
            if (failure.StatusCode == 429)
            {
                // Not a failure of the server but its pace: waited out, not counted as a retry,
                // up to the total wait the connection allows.
                limitedCount++;
                limitedSince ??= now;
                TimeSpan wait = failure.RetryAfter > TimeSpan.Zero ? failure.RetryAfter.Value : _options.Retry.DelayBefore(limitedCount);
                if (wait < OpenCxClient.MinimumRateLimitWait)
                {
                    wait = OpenCxClient.MinimumRateLimitWait;
                }

                CheckRateLimitWait(failure, wait, now - limitedSince.Value);
                trace?.Waiting(wait, WaitReason.RetryAfter, "the server asked to retry later");
                await Clock.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            failingSince ??= now;
            TimeSpan delay = _options.Retry.DelayBefore(retry + 1);
            if (!attempt.Transient || !MayRetry(retry + 1, now - failingSince.Value + delay))
            {
                throw failure;
            }

            retry++;
            trace?.Waiting(delay, WaitReason.Backoff, _options.MaximumRetryTime > TimeSpan.Zero
                ? $"retry {retry}, failing for {(now - failingSince.Value).TotalSeconds:0} s of the {_options.MaximumRetryTime.TotalSeconds:0} s allowed, after: {failure.Message}"
                : $"retry {retry} of {_options.Retry.MaximumRetryCount} after: {failure.Message}");
            await Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// With a total retry time, as many retries as fit in it (however many that is); without
    /// one, the retry policy's count.
    /// </summary>
    private bool MayRetry(int retry, TimeSpan failingByThen) => _options.MaximumRetryTime > TimeSpan.Zero
        ? failingByThen <= _options.MaximumRetryTime
        : retry <= _options.Retry.MaximumRetryCount;

    /// <summary>Fails when waiting <paramref name="wait"/> more would pass the longest Retry-After or the total wait allowed.</summary>
    private void CheckRateLimitWait(OpenCxException failure, TimeSpan wait, TimeSpan waited)
    {
        if (failure.RetryAfter > OpenCxClient.MaximumRetryAfter)
        {
            throw new OpenCxException(
                OpenCxErrorKind.RateLimited,
                $"{failure.Message} It asked to retry after {failure.RetryAfter.Value.TotalMinutes:0} minutes, longer than the {OpenCxClient.MaximumRetryAfter.TotalMinutes:0} the module waits.",
                failure.StatusCode,
                failure.ServerMessage)
            {
                RetryAfter = failure.RetryAfter,
                IsTransient = true,
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
                IsTransient = true,
            };
        }
    }

    private async Task<Attempt> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string host = request.RequestUri!.Host;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Clock.CancelAfter(timeout, _options.RequestTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;

            // A body that stops coming is dropped with its connection when the attempt ends, on
            // a runtime whose streams do not heed the token too.
            using (timeout.Token.Register(response.Dispose))
            {
                if (status >= 200 && status < 300)
                {
                    if (RequestContext.Reader(request) is ResponseReader reader)
                    {
                        await reader.ReadAsync(response, timeout.Token).ConfigureAwait(false);
                    }

                    TraceHandler.Received(response, _options.ApiKey);
                    HttpResponseMessage succeeded = response;
                    response = null;
                    return Attempt.Succeeded(succeeded);
                }

                string? serverMessage = await ReadServerMessageAsync(response, timeout.Token).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                TraceHandler.Received(response, _options.ApiKey);
                return FailureFor(request, response, status, serverMessage);
            }
        }
        catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            if (!timeout.IsCancellationRequested)
            {
                throw;
            }

            return Attempt.Failed(transient: true, new OpenCxException(
                OpenCxErrorKind.Timeout,
                $"{host} did not answer within {_options.RequestTimeout.TotalSeconds:0} seconds.",
                innerException: e));
        }
        catch (HttpRequestException e) when (ProxyAuthentication.WasRefused(e))
        {
            return Attempt.Failed(transient: false, ProxyAuthenticationFailure(innerException: e));
        }
        catch (HttpRequestException e) when (Find<AuthenticationException>(e) is AuthenticationException tls)
        {
            // A certificate this machine does not trust is not trusted a few seconds later either.
            return Attempt.Failed(transient: false, new OpenCxException(
                OpenCxErrorKind.Network,
                $"The secure connection to {host} failed: {tls.Message}",
                innerException: e));
        }
        catch (Exception e) when (e is HttpRequestException || e is IOException)
        {
            string proxy = _proxy();
            string message = Find<SocketException>(e) != null && proxy.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                ? $"The proxy {proxy} could not be reached: {e.Message}"
                : $"The connection to {host} failed: {e.Message}";
            return Attempt.Failed(transient: true, new OpenCxException(OpenCxErrorKind.Network, message, innerException: e));
        }
        catch (Exception e) when (e is JsonException || e is FormatException)
        {
            return Attempt.Failed(transient: true, new OpenCxException(
                OpenCxErrorKind.InvalidResponse,
                $"{host} answered with a body that is not {RequestContext.Call(request)?.Expected ?? "the JSON the API documents"}: {e.Message}",
                innerException: e));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static T? Find<T>(Exception failure)
        where T : Exception
    {
        for (Exception? inner = failure; inner != null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }

    private Attempt FailureFor(HttpRequestMessage request, HttpResponseMessage response, int status, string? serverMessage)
    {
        string said = serverMessage is null ? string.Empty : $" The server said: {serverMessage}";
        switch (status)
        {
            case 400:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.BadRequest,
                    $"The API rejected {RequestContext.Call(request)?.What ?? "the request"} (400 Bad Request).{said}", status, serverMessage));
            case 401:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.Unauthorized,
                    $"The API did not accept the key (401 Unauthorized).{said}", status, serverMessage));
            case 403:
                return Attempt.Failed(false, new OpenCxException(OpenCxErrorKind.Forbidden,
                    $"The key is not allowed to read chat sessions (403 Forbidden).{said}", status, serverMessage));
            case 404:
                ApiRequest? call = RequestContext.Call(request);
                return Attempt.Failed(false, call is null
                    ? new OpenCxException(OpenCxErrorKind.NotFound, $"There is no such endpoint at {request.RequestUri} (404 Not Found).{said}", status, serverMessage)
                    : new OpenCxException(call.NotFoundKind, $"{call.NotFound} (404 Not Found).{said}", status, serverMessage));
            case 407:
                return Attempt.Failed(false, ProxyAuthenticationFailure(innerException: null));
            case 429:
                return Attempt.Failed(true, new OpenCxException(OpenCxErrorKind.RateLimited,
                    $"The API's rate limit is exhausted (429 Too Many Requests).{said}", status, serverMessage)
                {
                    RetryAfter = RetryAfter.Of(response, Clock),
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
                $"{request.RequestUri!.Host} redirected the request to '{response.Headers.Location}' ({status}). The module does not follow redirects, so that the key never goes to another address.",
                status));
        }

        return Attempt.Failed(status >= 500, new OpenCxException(
            status >= 500 ? OpenCxErrorKind.ServerError : OpenCxErrorKind.UnexpectedStatus,
            $"The API answered {status} {response.ReasonPhrase}, which it does not document.{said}", status, serverMessage));
    }

    /// <summary>Names the proxy, never its credentials; what to do about it is the caller's to say.</summary>
    private OpenCxException ProxyAuthenticationFailure(Exception? innerException)
    {
        string proxy = _proxy();
        string asked = _options.Proxy.HasCredential || _options.Proxy.UseDefaultCredentials
            ? "refused the credentials it was given"
            : "asks for credentials and none were given";
        return new OpenCxException(
            OpenCxErrorKind.ProxyAuthenticationRequired,
            $"The proxy {proxy} {asked} (407 Proxy Authentication Required).",
            407,
            innerException: innerException)
        {
            Proxy = proxy,
        };
    }

    /// <summary>
    /// The <c>message</c> of an ErrorDto (a string, or the list NestJS sends for validation
    /// errors). Read within the attempt's time and no further than <see cref="MaximumErrorBodyBytes"/>:
    /// a body that trickles or never ends costs the attempt its timeout at most, and its message.
    /// </summary>
    private static async Task<string?> ReadServerMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[]? bytes = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
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
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body, or null when it is longer than the cap, cannot be read, or does not end within the attempt.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            byte[] buffer = new byte[MaximumErrorBodyBytes + 1];
            int total = 0;
            while (total < buffer.Length)
            {
                int read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > MaximumErrorBodyBytes)
            {
                return null;
            }

            byte[] bytes = new byte[total];
            Array.Copy(buffer, bytes, total);
            return bytes;
        }
        catch (Exception e) when (e is IOException || e is HttpRequestException || e is ObjectDisposedException
            || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The status says what matters; the user's Ctrl+C is heeded by the caller.
            return null;
        }
    }

    private readonly struct Attempt
    {
        private Attempt(HttpResponseMessage? response, OpenCxException? failure, bool transient)
        {
            Response = response;
            Failure = failure;
            Transient = transient;
        }

        public HttpResponseMessage? Response { get; }

        public OpenCxException? Failure { get; }

        public bool Transient { get; }

        public static Attempt Succeeded(HttpResponseMessage response) => new Attempt(response, null, false);

        public static Attempt Failed(bool transient, OpenCxException failure)
        {
            failure.IsTransient = transient;
            return new Attempt(null, failure, transient);
        }
    }
}
