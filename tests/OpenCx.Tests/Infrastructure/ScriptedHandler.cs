using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// Answers an <see cref="OpenCxClient"/> in-process as the test scripts it, by the number of the
/// request (1, 2...), and notes the clock's time of each request, as a server notes arrivals.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Clock _clock;
    private readonly Func<int, CancellationToken, Task<HttpResponseMessage>> _answer;
    private readonly List<TimeSpan> _arrivals = new();

    public ScriptedHandler(Clock clock, Func<int, HttpResponseMessage>? answer = null)
        : this(clock, (number, _) => Task.FromResult((answer ?? (_ => Page()))(number)))
    {
    }

    public ScriptedHandler(Clock clock, Func<int, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _clock = clock;
        _answer = answer;
    }

    /// <summary>When each request came, by the clock's monotonic time.</summary>
    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.ToList();
            }
        }
    }

    /// <summary>An empty last page, as the API sends it.</summary>
    public static HttpResponseMessage Page() => Json(HttpStatusCode.OK, "{\"data\":[],\"page\":1,\"limit\":25,\"has_next\":false,\"has_previous\":false}");

    public static HttpResponseMessage Status(HttpStatusCode status) => Json(status, "{\"statusCode\":" + (int)status + ",\"message\":\"scripted\"}");

    public static HttpResponseMessage TooManyRequests(RetryConditionHeaderValue retryAfter)
    {
        HttpResponseMessage response = Status(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    /// <summary>A client on this handler's clock that sends to this handler.</summary>
    public OpenCxClient Client(Action<OpenCxClientOptions>? configure = null, string key = "scripted-key")
    {
        var options = new OpenCxClientOptions(new Uri("https://scripted.opencx.invalid/"), new ApiKey(key))
        {
            Handler = this,
            Clock = _clock,
        };
        configure?.Invoke(options);
        return new OpenCxClient(options);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int number;
        lock (_arrivals)
        {
            _arrivals.Add(_clock.Monotonic);
            number = _arrivals.Count;
        }

        return _answer(number, cancellationToken);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };
}
