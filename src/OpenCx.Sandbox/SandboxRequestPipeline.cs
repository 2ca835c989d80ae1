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
/// What the server does with each request, in order: health check, latency, rate limit,
/// injected fault, then the API itself (auth, route, engine) and churn. Options are read
/// afresh each time.
/// </summary>
internal sealed class SandboxRequestPipeline
{
    private const string HealthPath = "/healthz";

    private static readonly byte[] Healthy = Encoding.UTF8.GetBytes("{\"status\":\"ok\"}");

    private readonly SandboxEngine engine;
    private readonly SandboxServerOptions options;
    private readonly RequestLog log;
    private readonly SlidingWindowRateLimiter rateLimiter = new();
    private readonly FaultPicker faults;
    private readonly DateTimeOffset dataNow;
    private readonly Stopwatch sinceStart = Stopwatch.StartNew();

    public SandboxRequestPipeline(SandboxEngine engine, SandboxServerOptions options, RequestLog log, DateTimeOffset dataNow)
    {
        this.engine = engine;
        this.options = options;
        this.log = log;
        this.dataNow = dataNow;
        faults = new FaultPicker(options.Seed);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var cancellationToken = context.RequestAborted;
        var request = context.Request;
        byte[] body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);

        (int Status, string? Fault) outcome;
        try
        {
            outcome = await AnswerAsync(context, body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up (typically during the latency): logged as answered with nothing.
            outcome = (0, null);
        }

        if (!options.LogRequests) return;
        var entry = new SandboxRequestLogEntry(
            arrived, request.Method, request.Path.Value ?? "", Encoding.UTF8.GetString(body), outcome.Status, outcome.Fault,
            hadAuthorization: request.Headers.Authorization.Count > 0, stopwatch.Elapsed);
        log.Add(entry);
        options.RequestLogged?.Invoke(entry);
    }

    internal static async Task WriteAsync(HttpContext context, SandboxResponse answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = SandboxResponse.ContentType;
        response.ContentLength = answer.Body.Length;
        if (answer.StatusCode == StatusCodes.Status405MethodNotAllowed) response.Headers.Allow = "POST";
        await response.Body.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Status, string? Fault)> AnswerAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals(HealthPath, StringComparison.Ordinal))
        {
            await WriteAsync(context, new SandboxResponse(200, Healthy), cancellationToken).ConfigureAwait(false);
            return (200, null);
        }

        if (options.Latency > TimeSpan.Zero) await Task.Delay(options.Latency, cancellationToken).ConfigureAwait(false);

        if (options.RateLimit is int limit && !rateLimiter.TryAdmit(DateTimeOffset.UtcNow, limit, options.RateLimitWindow, out var wait))
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = options.RetryAfterAsHttpDate
                ? DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture)
                : seconds.ToString(CultureInfo.InvariantCulture);
            var tooMany = SandboxResponse.Error(429, $"Rate limit of {limit} requests per {options.RateLimitWindow} exceeded; retry after {seconds} s");
            await WriteAsync(context, tooMany, cancellationToken).ConfigureAwait(false);
            return (429, "RateLimited");
        }

        SandboxResponse Answer() => SandboxEndpoint.Answer(
            engine, request.Method, request.Path.Value ?? "", request.Headers.Authorization.ToString(), body, options.ApiKey);

        var fault = faults.Next(options);
        if (fault != SandboxFault.None)
            return (await FaultResponses.WriteAsync(context, fault, () => Answer().Body, cancellationToken).ConfigureAwait(false), fault.ToString());

        var answer = Answer();
        await WriteAsync(context, answer, cancellationToken).ConfigureAwait(false);
        var (touched, created) = options.ChurnPerRequest;
        if (answer.StatusCode == 200 && (touched > 0 || created > 0)) engine.Churn(touched, created, dataNow + sinceStart.Elapsed);
        return (answer.StatusCode, null);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
