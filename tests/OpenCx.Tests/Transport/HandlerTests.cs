using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Client.Wire;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// Each handler of the client's chain alone, over a scripted handler, on the client's clock: the
/// retry handler without a budget, the rate-limit handler without retries, the trace handler
/// building the request's text only for a trace that shows it.
/// </summary>
public sealed class HandlerTests
{
    private static readonly Uri Address = new("https://scripted.opencx.invalid/chat/sessions/filter");

    private readonly ManualClock _clock = new();
    private readonly RecordingTrace _trace = new();

    [Fact]
    public async Task The_retry_handler_alone_retries_a_503_after_its_backoff_and_returns_the_answer()
    {
        var server = new ScriptedHandler(_clock, number => number <= 2 ? ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable) : ScriptedHandler.Page());
        using HttpClient http = Retrying(server, o => o.Retry = new RetryPolicy(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

        HttpResponseMessage response = (await _clock.RunAsync(Task.Run(() => Send(http)))).Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Arrivals.Count);
        TimeSpan[] backoffs = _trace.WaitsFor(WaitReason.Backoff);
        Assert.Equal(backoffs, server.Arrivals.Skip(1).Zip(server.Arrivals, (later, earlier) => later - earlier));
    }

    [Fact]
    public async Task With_a_total_retry_time_the_retry_handler_retries_past_the_count_until_that_time_is_spent()
    {
        var server = new ScriptedHandler(_clock, _ => ScriptedHandler.Status(HttpStatusCode.BadGateway));
        using HttpClient http = Retrying(server, o =>
        {
            o.Retry = new RetryPolicy(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
            o.MaximumRetryTime = TimeSpan.FromSeconds(60);
        });

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => _clock.RunAsync(Task.Run(() => Send(http))));

        Assert.Equal(OpenCxErrorKind.ServerError, error.Kind);
        TimeSpan failing = server.Arrivals[^1] - server.Arrivals[0];
        Assert.True(server.Arrivals.Count > 15, $"{server.Arrivals.Count} attempts");
        Assert.InRange(failing, TimeSpan.FromSeconds(56), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_TLS_failure_says_its_reason_and_is_not_retried()
    {
        var server = new ScriptedHandler(_clock, (_, _) => throw new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")));
        using HttpClient http = Retrying(server);

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => Send(http));

        Assert.Single(server.Arrivals);
        Assert.Equal(OpenCxErrorKind.Network, error.Kind);
        Assert.Equal("The secure connection to scripted.opencx.invalid failed: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", error.Message);
    }

    [Fact]
    public async Task A_proxy_that_refuses_the_connection_is_named_as_the_proxy()
    {
        var server = new ScriptedHandler(_clock, (_, _) => throw new HttpRequestException(
            "Connection refused (127.0.0.1:8899)",
            new SocketException((int)SocketError.ConnectionRefused)));
        using HttpClient http = Retrying(server, o => o.Retry = new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero), proxy: "http://127.0.0.1:8899/");

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => Send(http));

        Assert.Equal("The proxy http://127.0.0.1:8899/ could not be reached: Connection refused (127.0.0.1:8899)", error.Message);
    }

    [Fact]
    public async Task An_error_body_that_never_ends_is_read_no_further_than_its_cap()
    {
        var endless = new EndlessStream();
        var server = new ScriptedHandler(_clock, _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StreamContent(endless) });
        using HttpClient http = Retrying(server, o => o.Retry = new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero));

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => Send(http));

        Assert.Equal("The API failed (503 Service Unavailable).", error.Message);
        Assert.InRange(endless.BytesRead, RetryHandler.MaximumErrorBodyBytes + 1, RetryHandler.MaximumErrorBodyBytes + 1);
    }

    [Fact]
    public async Task The_rate_limit_handler_alone_paces_to_its_budget_and_holds_every_caller_for_a_429s_Retry_After()
    {
        var limiter = new SlidingWindowRateLimiter(2, TimeSpan.FromSeconds(10), _clock);
        var server = new ScriptedHandler(_clock, number => number == 3
            ? ScriptedHandler.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)))
            : ScriptedHandler.Page());
        using var http = new HttpClient(new RateLimitHandler(limiter, _clock) { InnerHandler = server });

        await Send(http);
        await Send(http);
        Task<HttpResponseMessage> third = Send(http);
        Assert.False(third.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(10) + TimeSpan.FromMilliseconds(50));
        Assert.Equal((HttpStatusCode)429, (await third).StatusCode);

        // The 429 is not retried here (that is the retry handler's), but every caller waits it out.
        Assert.Equal(1, limiter.Allowed);
        Task<HttpResponseMessage> fourth = Send(http);
        Assert.Equal((TimeSpan.FromSeconds(30), WaitReason.RetryAfter), (_trace.Waits[^1].Delay, _trace.Waits[^1].Reason));
        _clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(fourth.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.OK, (await fourth).StatusCode);
    }

    [Theory]
    [InlineData(TraceDetail.None)]
    [InlineData(TraceDetail.Requests)]
    public async Task The_request_body_becomes_text_only_for_a_trace_that_shows_it(TraceDetail wanted)
    {
        _trace.Wanted = wanted;
        var server = new ScriptedHandler(_clock);
        using OpenCxClient client = server.Client(o => o.RateLimit = 1006);

        await client.FilterAsync(SessionQuery.Request(new SessionQuery().ToWireFilters(), null, null, SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, 25), _trace, CancellationToken.None);

        string body = Assert.Single(_trace.Bodies);
        Assert.Equal(wanted == TraceDetail.None ? string.Empty : "{\"filters\":{},\"sort_by\":\"created_at\",\"sort_order\":\"desc\",\"page\":1,\"limit\":25}", body);
    }

    private HttpClient Retrying(HttpMessageHandler server, Action<OpenCxClientOptions>? configure = null, string proxy = "none")
    {
        var options = new OpenCxClientOptions(new Uri("https://scripted.opencx.invalid/"), new ApiKey("scripted-key")) { Clock = _clock };
        configure?.Invoke(options);
        return new HttpClient(new RetryHandler(options, () => proxy) { InnerHandler = server });
    }

    private Task<HttpResponseMessage> Send(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Address) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")) };
        RequestContext.SetTrace(request, _trace);
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
    }

    /// <summary>A body that never ends, counting what was read of it.</summary>
    private sealed class EndlessStream : Stream
    {
        public int BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, 1000);
            Array.Fill(buffer, (byte)' ', offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
