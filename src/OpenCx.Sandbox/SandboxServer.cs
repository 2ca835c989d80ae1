using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace OpenCx.Sandbox;

/// <summary>
/// The sandbox over real HTTP on 127.0.0.1 (never another address), with the misbehaviour a
/// client must survive: rate limits, latency, faults and data that changes between pages.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestLog _log;
    private readonly SandboxRequestPipeline _pipeline;
    private int _disposed;

    private SandboxServer(WebApplication app, SandboxEngine engine, RequestLog log, SandboxRequestPipeline pipeline, Uri baseUri)
    {
        _app = app;
        _log = log;
        _pipeline = pipeline;
        Engine = engine;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:PORT/, or https:// with <see cref="SandboxServerOptions.Certificate"/>.</summary>
    public Uri BaseUri { get; }

    public SandboxEngine Engine { get; }

    /// <summary>A snapshot of the requests received so far (when <see cref="SandboxServerOptions.LogRequests"/>).</summary>
    public IReadOnlyList<SandboxRequestLogEntry> Requests => _log.Snapshot();

    public static async Task<SandboxServer> StartAsync(SandboxServerOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        DateTimeOffset dataNow = options.Now ?? DateTimeOffset.UtcNow;
        var sinceDataNow = Stopwatch.StartNew();
        var engine = new SandboxEngine(new SandboxDataOptions { SessionCount = options.SessionCount, Seed = options.Seed, Now = dataNow, BulkImports = options.BulkImports });
        var log = new RequestLog();

        // Without a given "now" the server keeps real time, so sessions created by churn carry the
        // time a client's clock shows too; with one, its clock runs on from that instant.
        Func<DateTimeOffset> clock = options.Now is null ? () => DateTimeOffset.UtcNow : () => dataNow + sinceDataNow.Elapsed;
        var pipeline = new SandboxRequestPipeline(engine, options, log, clock);

        // The empty builder reads no configuration, so no ASPNETCORE_URLS or appsettings can
        // move the server off loopback, and it logs nothing of its own.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (options.Certificate is not null)
                {
                    listen.UseHttps(options.Certificate);
                }
            });
        });
        WebApplication app = builder.Build();
        app.Run(pipeline.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The port may be taken: leave nothing half-started behind.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SandboxServer(app, engine, log, pipeline, new Uri(address.TrimEnd('/') + "/"));
    }

    public void ClearRequests() => _log.Clear();

    /// <summary>Forgets the requests the rate limit has admitted, so that the next test starts with a whole budget.</summary>
    public void ResetRateLimit() => _pipeline.ResetRateLimit();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
