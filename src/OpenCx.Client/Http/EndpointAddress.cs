using System;

namespace OpenCx.Client.Http;

/// <summary>Checks a base URI and builds the filter endpoint from it.</summary>
public static class EndpointAddress
{
    public const string FilterPath = "chat/sessions/filter";

    /// <summary>
    /// The filter endpoint under <paramref name="baseUri"/>, keeping any path prefix
    /// (https://gw.example/opencx → https://gw.example/opencx/chat/sessions/filter).
    /// </summary>
    /// <exception cref="ArgumentException">The URI is relative, not HTTP(S), or plain HTTP to a host that is not loopback.</exception>
    public static Uri FilterEndpoint(Uri baseUri) => new Uri(Base(baseUri), FilterPath);

    /// <summary>
    /// The root every endpoint's path is relative to: <paramref name="baseUri"/> with any path
    /// prefix kept and a trailing slash (https://gw.example/opencx → https://gw.example/opencx/).
    /// </summary>
    /// <exception cref="ArgumentException">The URI is relative, not HTTP(S), or plain HTTP to a host that is not loopback.</exception>
    public static Uri Base(Uri baseUri)
    {
        if (!baseUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base URI '{baseUri}' is not absolute. Give the full address, for example https://api.open.cx.", nameof(baseUri));
        }

        if (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"The base URI '{baseUri}' is not an http or https address. Give the full address, for example https://api.open.cx.", nameof(baseUri));
        }

        if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback)
        {
            throw new ArgumentException($"Refusing to send the API key over plain http to '{baseUri.Host}'. Use https, or http only to a server on this machine (127.0.0.1, localhost).", nameof(baseUri));
        }

        var builder = new UriBuilder(baseUri) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith("/", StringComparison.Ordinal))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }
}
