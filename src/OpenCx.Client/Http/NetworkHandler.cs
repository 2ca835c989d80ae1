using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;

namespace OpenCx.Client.Http;

/// <summary>
/// The handlers (and so the connection pools) network connections share: one for the system's
/// proxy settings, the one every connection used before proxies could be named, and one per
/// distinct proxy setting and set of trusted certificates a connection names. They live as long
/// as the process, as the first always has; there are as many as distinct settings, a handful in
/// any script.
/// </summary>
internal static class NetworkHandler
{
    private static readonly Lazy<HttpMessageHandler> Instance = new Lazy<HttpMessageHandler>(() => Create(ProxySettings.System, ServerCertificateTrust.None));

    private static readonly ConcurrentDictionary<string, Lazy<HttpMessageHandler>> ByRoute =
        new ConcurrentDictionary<string, Lazy<HttpMessageHandler>>(StringComparer.Ordinal);

    public static HttpMessageHandler Shared => Instance.Value;

    /// <summary>The handler for <paramref name="proxy"/> and <paramref name="trust"/>: the shared one for the system's settings alone.</summary>
    public static HttpMessageHandler For(ProxySettings proxy, ServerCertificateTrust trust) =>
        proxy.Mode == ProxyMode.System && !proxy.FromVariables && trust.IsEmpty
            ? Shared
            : ByRoute.GetOrAdd($"{proxy.Key}|{trust.Key}", _ => new Lazy<HttpMessageHandler>(() => Create(proxy, trust))).Value;

    /// <summary>A new handler with the module's settings (the benchmark's floor makes one too).</summary>
    internal static HttpMessageHandler Create() => Create(ProxySettings.System, ServerCertificateTrust.None);

    private static HttpMessageHandler Create(ProxySettings proxy, ServerCertificateTrust trust)
    {
        var handler = new HttpClientHandler
        {
            // Redirects are not followed: a redirect to another host would carry the key there.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | Brotli(),
            UseCookies = false,
        };
        if (proxy.Mode == ProxyMode.None)
        {
            handler.UseProxy = false;
        }
        else if (proxy.Mode == ProxyMode.Explicit || proxy.FromVariables)
        {
            handler.UseProxy = true;
            handler.Proxy = proxy.CreateWebProxy();
        }

        if (!trust.IsEmpty)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => trust.Accepts(certificate, errors);
        }

        return handler;
    }

    /// <summary>Brotli where the runtime has it (PowerShell 7); netstandard2.0 cannot name it.</summary>
    private static DecompressionMethods Brotli() =>
        Enum.TryParse("Brotli", out DecompressionMethods brotli) ? brotli : DecompressionMethods.None;
}
