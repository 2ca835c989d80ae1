using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OpenCx.Sandbox;

/// <summary>
/// What the server does with each request: decide (health check, latency, rate limit,
/// injected fault, then the API itself and churn), log, and only then send, so that a client
/// holding its answer finds the request logged and the churn applied. Options are read afresh
/// each time.
/// </summary>
internal sealed class SandboxRequestPipeline
{
    private const string HealthPath = "/healthz";

    private static readonly SandboxResponse Healthy = new(200, Encoding.UTF8.GetBytes("{\"status\":\"ok\"}"));

    private readonly SandboxEngine engine;
    private readonly SandboxServerOptions options;
    private readonly RequestLog log;
    private readonly SlidingWindowRateLimiter rateLimiter = new();
    private readonly FaultPicker faults;
    private readonly Func<DateTimeOffset> clock;

    public SandboxRequestPipeline(SandboxEngine engine, SandboxServerOptions options, RequestLog log, Func<DateTimeOffset> clock)
    {
        this.engine = engine;
        this.options = options;
        this.log = log;
        this.clock = clock;
        faults = new FaultPicker(options.Seed);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var cancellationToken = context.RequestAborted;
        var request = context.Request;
        byte[] body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);

        SandboxOutcome? outcome;
        try
        {
            outcome = await DecideAsync(context, body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up, typically during the latency: nothing left to send.
            outcome = null;
        }

        if (options.LogRequests)
        {
            var entry = new SandboxRequestLogEntry(
                arrived, request.Method, request.Path.Value ?? "", Encoding.UTF8.GetString(body), outcome?.Status ?? 0, outcome?.Fault,
                hadAuthorization: request.Headers.Authorization.Count > 0, stopwatch.Elapsed);
            log.Add(entry);
            options.RequestLogged?.Invoke(entry);
        }

        if (outcome is not null) await outcome.Send(context, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SandboxOutcome> DecideAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals(HealthPath, StringComparison.Ordinal)) return SandboxOutcome.Of(Healthy);

        if (options.Latency > TimeSpan.Zero) await Task.Delay(options.Latency, cancellationToken).ConfigureAwait(false);

        if (options.RateLimit is int limit && !rateLimiter.TryAdmit(DateTimeOffset.UtcNow, limit, options.RateLimitWindow, out var wait))
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = options.RetryAfterAsHttpDate
                ? DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture)
                : seconds.ToString(CultureInfo.InvariantCulture);
            return SandboxOutcome.Of(
                SandboxResponse.Error(429, $"Rate limit of {limit} requests per {options.RateLimitWindow} exceeded; retry after {seconds} s"),
                "RateLimited");
        }

        SandboxResponse AnswerTo(byte[] requestBody) => SandboxEndpoint.Answer(
            engine, request.Method, request.Path.Value ?? "", request.Headers.Authorization.ToString(), requestBody, options.ApiKey);

        var fault = faults.Next(options);
        if (fault != SandboxFault.None)
        {
            return FaultResponses.For(fault, () => AnswerTo(body).Body, AnswerTo);
        }

        var answer = AnswerTo(body);
        var (touched, created) = options.ChurnPerRequest;
        if (answer.StatusCode == 200 && (touched > 0 || created > 0)) engine.Churn(touched, created, clock());
        return SandboxOutcome.Of(answer);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
