using System;
using System.Net;
using System.Net.Http;

namespace OpenCx.Client.Http;

/// <summary>The one handler (and so the one connection pool) every network connection of the process shares.</summary>
internal static class NetworkHandler
{
    private static readonly Lazy<HttpMessageHandler> Instance = new Lazy<HttpMessageHandler>(Create);

    public static HttpMessageHandler Shared => Instance.Value;

    /// <summary>A new handler with the module's settings (the benchmark's floor makes one too).</summary>
    internal static HttpMessageHandler Create()
    {
        var handler = new HttpClientHandler
        {
            // Redirects are not followed: a redirect to another host would carry the key there.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | Brotli(),
            UseCookies = false,
        };
        return handler;
    }

    /// <summary>Brotli where the runtime has it (PowerShell 7); netstandard2.0 cannot name it.</summary>
    private static DecompressionMethods Brotli() =>
        Enum.TryParse("Brotli", out DecompressionMethods brotli) ? brotli : DecompressionMethods.None;
}
