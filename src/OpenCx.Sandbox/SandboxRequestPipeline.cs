using System;
using System.Collections.Concurrent;
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

    private readonly SandboxEngine _engine;
    private readonly SandboxServerOptions _options;
    private readonly RequestLog _log;
    private readonly AdmissionWindow _admissions = new();
    private readonly ConcurrentDictionary<string, AdmissionWindow> _admissionsPerKey = new(StringComparer.Ordinal);
    private readonly FaultPicker _faults;
    private readonly Func<DateTimeOffset> _clock;

    public SandboxRequestPipeline(SandboxEngine engine, SandboxServerOptions options, RequestLog log, Func<DateTimeOffset> clock)
    {
        _engine = engine;
        _options = options;
        _log = log;
        _clock = clock;
        _faults = new FaultPicker(options.Seed);
    }

    /// <summary>Starts the rate limit's window afresh, as if no request had been admitted.</summary>
    public void ResetRateLimit()
    {
        _admissions.Clear();
        _admissionsPerKey.Clear();
    }

    public async Task HandleAsync(HttpContext context)
    {
        DateTimeOffset arrived = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        CancellationToken cancellationToken = context.RequestAborted;
        HttpRequest request = context.Request;
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

        if (_options.LogRequests)
        {
            var entry = new SandboxRequestLogEntry(
                arrived, request.Method, PathAndQuery(request), Encoding.UTF8.GetString(body), outcome?.Status ?? 0, outcome?.Fault,
                hadAuthorization: request.Headers.Authorization.Count > 0, stopwatch.Elapsed)
            {
                ResponseBody = outcome?.Body is byte[] sent ? Encoding.UTF8.GetString(sent) : null,
            };
            _log.Add(entry);
            _options.RequestLogged?.Invoke(entry);
        }

        if (outcome is not null)
        {
            await outcome.Send(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SandboxOutcome> DecideAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        HttpRequest request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals(HealthPath, StringComparison.Ordinal))
        {
            return SandboxOutcome.Of(Healthy);
        }

        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, cancellationToken).ConfigureAwait(false);
        }

        AdmissionWindow admissions = _options.RateLimitPerKey
            ? _admissionsPerKey.GetOrAdd(request.Headers.Authorization.ToString(), _ => new AdmissionWindow())
            : _admissions;
        if (_options.RateLimit is int limit && !admissions.TryAdmit(DateTimeOffset.UtcNow, limit, _options.RateLimitWindow, out TimeSpan wait))
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = _options.RetryAfterAsHttpDate
                ? DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture)
                : seconds.ToString(CultureInfo.InvariantCulture);
            return SandboxOutcome.Of(
                SandboxResponse.Error(429, $"Rate limit of {limit} requests per {_options.RateLimitWindow} exceeded; retry after {seconds} s"),
                "RateLimited");
        }

        SandboxResponse AnswerTo(byte[] requestBody) => SandboxEndpoint.Answer(
            _engine, request.Method, request.Path.Value ?? "", request.Headers.Authorization.ToString(), requestBody, _options.ApiKey, _options.Quirks, request.QueryString.Value);

        SandboxFault fault = _faults.Next(_options);
        if (fault != SandboxFault.None)
        {
            return FaultResponses.For(fault, () => AnswerTo(body).Body, AnswerTo);
        }

        SandboxResponse answer = AnswerTo(body);
        (int touched, int created) = _options.ChurnPerRequest;
        if (answer.StatusCode == 200 && (touched > 0 || created > 0))
        {
            _engine.Churn(touched, created, _clock());
        }

        return SandboxOutcome.Of(answer);
    }

    private static string PathAndQuery(HttpRequest request) => (request.Path.Value ?? "") + request.QueryString.Value;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
