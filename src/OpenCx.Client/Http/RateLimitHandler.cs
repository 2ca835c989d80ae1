using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// Paces every attempt to the budget (its own limiter's, shared in the process and through its
/// file with other processes), and learns from each 429: the rate to keep, and how long the
/// server asked every sharer to wait. Deciding whether and when to try again is the
/// <see cref="RetryHandler"/>'s, which sits above it so that each retry is paced too.
/// </summary>
internal sealed class RateLimitHandler : DelegatingHandler
{
    private readonly SlidingWindowRateLimiter _limiter;
    private readonly Clock _clock;

    public RateLimitHandler(SlidingWindowRateLimiter limiter, Clock clock)
    {
        _limiter = limiter;
        _clock = clock;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        IClientTrace? trace = RequestContext.Trace(request);
        TimeSpan sentAt = await _limiter.AcquireAsync(trace, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == (HttpStatusCode)429)
        {
            _limiter.TooManyRequests(sentAt, trace);

            // Every command sharing this budget waits, not just this one; a wait too long to keep
            // is the retry handler's to refuse.
            if (RetryAfter.Of(response, _clock) is TimeSpan wait && wait > TimeSpan.Zero && wait <= OpenCxClient.MaximumRetryAfter)
            {
                await _limiter.BlockForAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }
}
