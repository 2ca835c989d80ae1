using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;

namespace OpenCx.Client.Http;

/// <summary>
/// What -Debug shows of one request and its answer: every header and the timings, with the key,
/// cookies and any proxy credential replaced by "(redacted)".
/// </summary>
internal static class HttpDebugText
{
    private const string Redacted = "(redacted)";

    private static readonly HashSet<string> CredentialHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization",
    };

    private static readonly HashSet<string> SecretHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Cookie", "Set-Cookie", "X-Api-Key",
    };

    public static string Request(HttpRequestMessage request, int attempt, string proxy, ApiKey key)
    {
        // ByteArrayContent adds its Content-Length header only once asked for it.
        _ = request.Content?.Headers.ContentLength;
        var text = new StringBuilder();
        text.Append("Request headers (attempt ").Append(attempt).Append(", proxy: ").Append(proxy).Append("):");
        AppendHeaders(text, request.Headers.Concat(Content(request.Content)), key);
        return text.ToString();
    }

    public static string Response(HttpResponseMessage response, TimeSpan headersAfter, TimeSpan elapsed, ApiKey key)
    {
        var text = new StringBuilder();
        text.Append("Response ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase)
            .Append(": headers after ").Append(Milliseconds(headersAfter))
            .Append(" ms, complete after ").Append(Milliseconds(elapsed)).Append(" ms:");
        AppendHeaders(text, response.Headers.Concat(Content(response.Content)), key);
        return text.ToString();
    }

    /// <summary>The proxy the shared network handler uses for <paramref name="destination"/>, or "none".</summary>
    public static string SystemProxy(Uri destination)
    {
        try
        {
            IWebProxy? proxy = WebRequest.DefaultWebProxy;
            Uri? via = proxy is null || proxy.IsBypassed(destination) ? null : proxy.GetProxy(destination);
            return via is null || via == destination ? "none" : Redact(via);
        }
        catch (Exception e) when (e is InvalidOperationException || e is NotSupportedException || e is UriFormatException)
        {
            return "unknown";
        }
    }

    /// <summary>An address with any user name and password in it replaced.</summary>
    public static string Redact(Uri address) => string.IsNullOrEmpty(address.UserInfo)
        ? address.AbsoluteUri
        : $"{address.Scheme}://{Redacted}@{address.Authority}{address.PathAndQuery}";

    private static IEnumerable<KeyValuePair<string, IEnumerable<string>>> Content(HttpContent? content) =>
        content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>();

    private static void AppendHeaders(StringBuilder text, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, ApiKey key)
    {
        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            string value = string.Join(", ", header.Value);
            if (CredentialHeaders.Contains(header.Key))
            {
                value = SchemeOnly(value);
            }
            else if (SecretHeaders.Contains(header.Key))
            {
                value = Redacted;
            }

            // A server that echoes the key, in any header, still does not get it onto the screen.
            text.Append("\n    ").Append(header.Key).Append(": ").Append(value.Replace(key.Reveal(), Redacted));
        }
    }

    /// <summary>Keeps the scheme of "Bearer abc..." (worth seeing), never the credential.</summary>
    private static string SchemeOnly(string value)
    {
        int space = value.IndexOf(' ');
        return space > 0 ? value.Substring(0, space) + " " + Redacted : Redacted;
    }

    private static string Milliseconds(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
