using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>
/// How a <see cref="SandboxServer"/> behaves. The data set options are read once at start;
/// everything else is read again for every request, so a test can change it mid-run.
/// </summary>
public sealed class SandboxServerOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    public int SessionCount { get; set; } = 1000;

    public int Seed { get; set; } = 1;

    /// <summary>The end of the data set's 180 days; null means the time the server starts.</summary>
    public DateTimeOffset? Now { get; set; }

    /// <summary>Sessions created at given instants, on top of <see cref="SessionCount"/> (read at start).</summary>
    public IReadOnlyList<SandboxBulkImport> BulkImports { get; set; } = Array.Empty<SandboxBulkImport>();

    /// <summary>How the server departs from the spec (sort, date range or updated range ignored); read on every request.</summary>
    public SandboxQuirks Quirks { get; } = new();

    /// <summary>The bearer token to require exactly; null accepts any non-empty one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> (a sliding window); null is unlimited.</summary>
    public int? RateLimit { get; set; }

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Count <see cref="RateLimit"/> for each bearer key apart, as the API does, rather than for all requests together.</summary>
    public bool RateLimitPerKey { get; set; }

    /// <summary>Send 429's Retry-After as an HTTP date rather than as seconds (RFC 9110 allows both).</summary>
    public bool RetryAfterAsHttpDate { get; set; }

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The share of requests (0 to 1) that get one of <see cref="Faults"/>, drawn by a Random seeded with <see cref="Seed"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>The kinds <see cref="FaultRate"/> chooses from, evenly.</summary>
    public IReadOnlyList<SandboxFault> Faults { get; set; } = Array.Empty<SandboxFault>();

    /// <summary>Faults for the next requests, in order, before <see cref="FaultRate"/> is consulted.</summary>
    public ConcurrentQueue<SandboxFault> FaultSequence { get; } = new();

    /// <summary>After each answered request, how many sessions get a message (some change status with it) and how many are created.</summary>
    public (int Touched, int Created) ChurnPerRequest { get; set; }

    public bool LogRequests { get; set; } = true;

    /// <summary>Serve https with this certificate (read at start); null serves plain http.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>Called with each request once it is answered (the console program prints them).</summary>
    public Action<SandboxRequestLogEntry>? RequestLogged { get; set; }
}
