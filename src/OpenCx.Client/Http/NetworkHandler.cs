using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OpenCx.Client.Http;

/// <summary>
/// The handlers (and so the connection pools) network connections share: one for the system's
/// proxy settings, the one every connection used before proxies could be named, and one per
/// distinct proxy setting a connection names. They live as long as the process, as the first
/// always has; there are as many as distinct settings, a handful in any script.
/// </summary>
internal static class NetworkHandler
{
    private static readonly Lazy<HttpMessageHandler> Instance = new Lazy<HttpMessageHandler>(() => Create(null));

    private static readonly ConcurrentDictionary<string, Lazy<HttpMessageHandler>> ByProxy =
        new ConcurrentDictionary<string, Lazy<HttpMessageHandler>>(StringComparer.Ordinal);

    public static HttpMessageHandler Shared => Instance.Value;

    /// <summary>
    /// A certificate the tests' https sandbox serves, trusted in addition to the machine's store by
    /// handlers made after it is set (each setting's handler is made once). Only tests set it
    /// (nothing public reaches it); null in use.
    /// </summary>
    internal static X509Certificate2? TrustedTestCertificate { get; set; }

    /// <summary>The handler for <paramref name="proxy"/>: the shared one for the system's settings.</summary>
    public static HttpMessageHandler For(ProxySettings proxy) => proxy.Mode == ProxyMode.System
        ? Shared
        : ByProxy.GetOrAdd(proxy.Key, _ => new Lazy<HttpMessageHandler>(() => Create(proxy))).Value;

    /// <summary>A new handler with the module's settings (the benchmark's floor makes one too).</summary>
    internal static HttpMessageHandler Create() => Create(null);

    private static HttpMessageHandler Create(ProxySettings? proxy)
    {
        var handler = new HttpClientHandler
        {
            // Redirects are not followed: a redirect to another host would carry the key there.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | Brotli(),
            UseCookies = false,
        };
        if (proxy?.Mode == ProxyMode.None)
        {
            handler.UseProxy = false;
        }
        else if (proxy?.Mode == ProxyMode.Explicit)
        {
            handler.UseProxy = true;
            handler.Proxy = proxy.CreateWebProxy();
        }

        X509Certificate2? trusted = TrustedTestCertificate;
        if (trusted != null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate != null && certificate.RawData.SequenceEqual(trusted.RawData));
        }

        return handler;
    }

    /// <summary>Brotli where the runtime has it (PowerShell 7); netstandard2.0 cannot name it.</summary>
    private static DecompressionMethods Brotli() =>
        Enum.TryParse("Brotli", out DecompressionMethods brotli) ? brotli : DecompressionMethods.None;
}
