using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace OpenCx.Client.Http;

/// <summary>
/// The proxy that HTTPS_PROXY and its kin name, read when a connection is made rather than once
/// per process: .NET reads them into HttpClient.DefaultProxy at the process's first request and
/// never again, so a variable set afterwards would be silently ignored. The rules are .NET's on
/// PowerShell 7: the lower-case name before the upper-case one, ALL_PROXY for a scheme without
/// its own, HTTP_PROXY not under CGI (GATEWAY_INTERFACE set), NO_PROXY a comma-separated list of
/// host names where ".example.com" also takes its subdomains, user and password in the address.
/// </summary>
internal sealed class EnvironmentProxy : IWebProxy
{
    private readonly Uri? _http;
    private readonly Uri? _https;
    private readonly string[] _bypass;

    private EnvironmentProxy(Uri? http, Uri? https, string? bypass, string key)
    {
        _http = http;
        _https = https;
        _bypass = (bypass ?? string.Empty).Split(',').Select(b => b.Trim()).Where(b => b.Length > 0).ToArray();
        Key = key;
        Credentials = new AddressCredentials(http, https);
    }

    /// <summary>Tells settings apart without holding a password: a hash of the variables read.</summary>
    public string Key { get; }

    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy the variables name, or null when none is set (the runtime's own settings then apply).</summary>
    /// <param name="variable">Reads one environment variable; the process's own in use.</param>
    public static EnvironmentProxy? Read(Func<string, string?> variable)
    {
        Uri? allProxy = Parse(variable("all_proxy")) ?? Parse(variable("ALL_PROXY"));
        Uri? httpProxy = Parse(variable("http_proxy"))
            ?? (variable("GATEWAY_INTERFACE") is null ? Parse(variable("HTTP_PROXY")) : null)
            ?? allProxy;
        Uri? httpsProxy = Parse(variable("https_proxy")) ?? Parse(variable("HTTPS_PROXY")) ?? allProxy;
        if (httpProxy is null && httpsProxy is null)
        {
            return null;
        }

        string? bypass = variable("no_proxy") ?? variable("NO_PROXY");
        using var sha = SHA256.Create();
        string key = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes($"{httpProxy}\n{httpsProxy}\n{bypass}"))).Replace("-", string.Empty);
        return new EnvironmentProxy(httpProxy, httpsProxy, bypass, key);
    }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? destination : For(destination);

    public bool IsBypassed(Uri host) => For(host) is null || _bypass.Any(entry => Matches(entry, host.Host));

    private Uri? For(Uri destination) => destination.Scheme == Uri.UriSchemeHttp ? _http : _https;

    private static bool Matches(string entry, string host) => entry[0] == '.'
        ? host.EndsWith(entry, StringComparison.OrdinalIgnoreCase) || string.Equals(entry.Substring(1), host, StringComparison.OrdinalIgnoreCase)
        : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An address as the variables write it: with or without http://, with an optional
    /// user:password@ and port (80 when left out); null when it is none.
    /// </summary>
    private static Uri? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string text = value!.Trim();
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            text = "http://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out Uri? address) && address.Host.Length > 0 ? address : null;
    }

    /// <summary>The user and password written in each proxy's address, given to that proxy only.</summary>
    private sealed class AddressCredentials : ICredentials
    {
        private readonly Uri? _http;
        private readonly Uri? _https;

        public AddressCredentials(Uri? http, Uri? https)
        {
            _http = http;
            _https = https;
        }

        public NetworkCredential? GetCredential(Uri uri, string authType) =>
            Matches(_https, uri) ? FromUserInfo(_https!) : Matches(_http, uri) ? FromUserInfo(_http!) : null;

        private static bool Matches(Uri? proxy, Uri uri) => proxy is not null
            && string.Equals(proxy.Host, uri.Host, StringComparison.OrdinalIgnoreCase) && proxy.Port == uri.Port;

        private static NetworkCredential? FromUserInfo(Uri proxy)
        {
            if (string.IsNullOrEmpty(proxy.UserInfo))
            {
                return null;
            }

            string userInfo = Uri.UnescapeDataString(proxy.UserInfo);
            int colon = userInfo.IndexOf(':');
            string user = colon < 0 ? userInfo : userInfo.Substring(0, colon);
            string password = colon < 0 ? string.Empty : userInfo.Substring(colon + 1);
            int slash = user.IndexOf('\\');
            return slash < 0
                ? new NetworkCredential(user, password)
                : new NetworkCredential(user.Substring(slash + 1), password, user.Substring(0, slash));
        }
    }
}
