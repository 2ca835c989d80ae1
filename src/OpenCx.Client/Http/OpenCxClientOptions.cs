using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace OpenCx.Client.Http;

/// <summary>Everything a client needs to reach one OpenCX organisation.</summary>
public sealed class OpenCxClientOptions
{
    public OpenCxClientOptions(Uri baseUri, ApiKey apiKey)
    {
        BaseUri = baseUri;
        ApiKey = apiKey;
    }

    public static Uri DefaultBaseUri { get; } = new Uri("https://api.open.cx/");

    public Uri BaseUri { get; }

    public ApiKey ApiKey { get; }

    /// <summary>Where requests go; null for the process-wide network handler. The sandbox and tests inject theirs.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>The proxy requests go through when <see cref="Handler"/> is null.</summary>
    public ProxySettings Proxy { get; set; } = ProxySettings.System;

    /// <summary>
    /// Certificates trusted beside the machine's store when <see cref="Handler"/> is null: the root
    /// of a TLS-inspecting proxy, or a server's self-signed certificate. A server's certificate is
    /// accepted when its chain holds one of them and nothing else is wrong with it.
    /// </summary>
    public IReadOnlyList<X509Certificate2> TrustedCertificates { get; set; } = Array.Empty<X509Certificate2>();

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> (the API allows 100 a minute).</summary>
    public int RateLimit { get; set; } = 100;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    /// <summary>
    /// How long a request may keep retrying transient failures in all, counted from its first
    /// failure, however many retries that takes; <see cref="TimeSpan.Zero"/> (the default) for
    /// <see cref="RetryPolicy.MaximumRetryCount"/> retries instead. For unattended runs that
    /// should ride out an outage of a known length.
    /// </summary>
    public TimeSpan MaximumRetryTime { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long one request may wait in all for the server's rate limit (429s do not count as
    /// retries) before it fails; each Retry-After over <see cref="OpenCxClient.MaximumRetryAfter"/> fails at once.
    /// </summary>
    public TimeSpan MaximumRateLimitWait { get; set; } = DefaultMaximumRateLimitWait;

    public static TimeSpan DefaultMaximumRateLimitWait { get; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Where the budget's ledger shared with other processes lives: by default the user's temp
    /// folder with the system clock, and none on a test's clock unless a test names one. None
    /// either for an in-process <see cref="Handler"/> (Connect-OpenCx -Sandbox): that server is
    /// this process's own, so no other process's requests count against its budget.
    /// </summary>
    internal string? SharedBudgetFolder { get; set; }

    /// <summary>How long one attempt may take, headers and body together.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The time the client paces, backs off and times out by; tests move theirs by hand.</summary>
    internal Clock Clock { get; set; } = Clock.System;
}
