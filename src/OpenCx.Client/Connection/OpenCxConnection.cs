using System;
using OpenCx.Client.Http;

namespace OpenCx;

/// <summary>
/// A connection to one OpenCX organisation (or to the in-process sandbox), as Connect-OpenCx
/// -PassThru and Get-OpenCxConnection return it. Pass it to -Connection to use two at once.
/// </summary>
/// <remarks>Holds the key only inside its client; nothing here formats or exposes it.</remarks>
public sealed class OpenCxConnection
{
    internal OpenCxConnection(OpenCxClient client, Uri baseUri, bool isSandbox, bool validated, int rateLimit, TimeSpan rateLimitWindow, ProxySettings proxy)
    {
        Proxy = proxy.ToString();
        Client = client;
        BaseUri = baseUri;
        IsSandbox = isSandbox;
        Validated = validated;
        RateLimit = rateLimit;
        RateLimitWindow = rateLimitWindow;
        ConnectedAt = DateTimeOffset.Now;
    }

    /// <summary>The API's base address (for the sandbox, a name that never reaches the network).</summary>
    public Uri BaseUri { get; }

    /// <summary>True for Connect-OpenCx -Sandbox: generated data served in-process, no key, no network.</summary>
    public bool IsSandbox { get; }

    /// <summary>True when Connect-OpenCx checked the key with a request.</summary>
    public bool Validated { get; }

    /// <summary>Requests this connection allows itself per <see cref="RateLimitWindow"/>.</summary>
    public int RateLimit { get; }

    public TimeSpan RateLimitWindow { get; }

    /// <summary>The proxy's address (never its credentials), "system" for the system's settings, or "none".</summary>
    public string Proxy { get; }

    public DateTimeOffset ConnectedAt { get; }

    internal OpenCxClient Client { get; }

    /// <summary>Whether Get-OpenCxSession requests the next page while it writes this one: off only to measure what that is worth.</summary>
    internal bool ReadAhead { get; set; } = true;

    public override string ToString() => IsSandbox
        ? "OpenCX sandbox (in-process, generated data, no key)"
        : $"OpenCX at {BaseUri}";
}
