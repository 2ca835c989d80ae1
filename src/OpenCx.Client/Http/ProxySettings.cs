using System;
using System.Net;
using System.Runtime.InteropServices;

namespace OpenCx.Client.Http;

/// <summary>
/// Which proxy a connection's requests go through: the system's settings (the default), none, or
/// one address with optional credentials. Formats without any credential.
/// </summary>
public sealed class ProxySettings
{
    private readonly NetworkCredential? _credential;
    private readonly EnvironmentProxy? _variables;

    private ProxySettings(ProxyMode mode, Uri? address, NetworkCredential? credential, bool useDefaultCredentials, EnvironmentProxy? variables = null)
    {
        Mode = mode;
        Address = address;
        _credential = credential;
        UseDefaultCredentials = useDefaultCredentials;
        _variables = variables;
    }

    /// <summary>HTTPS_PROXY and friends on PowerShell 7, the Windows settings on Windows PowerShell 5.1.</summary>
    public static ProxySettings System { get; } = new ProxySettings(ProxyMode.System, null, null, false);

    public static ProxySettings None { get; } = new ProxySettings(ProxyMode.None, null, null, false);

    public ProxyMode Mode { get; }

    /// <summary>The proxy's address, without any user name or password; null unless <see cref="Mode"/> is Explicit.</summary>
    public Uri? Address { get; }

    /// <summary>True when the proxy gets the account the process runs as (NTLM, Kerberos).</summary>
    public bool UseDefaultCredentials { get; }

    /// <summary>True when the proxy gets a user name and password.</summary>
    public bool HasCredential => _credential != null;

    /// <summary>A proxy at <paramref name="address"/>: an absolute http or https address, without a user name or password in it.</summary>
    /// <exception cref="ArgumentException">The address is not one a proxy can have; the message says why, without the address.</exception>
    public static ProxySettings Via(Uri address, NetworkCredential? credential, bool useDefaultCredentials)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The proxy's address must be an absolute http:// or https:// address, for example http://proxy.example.com:8080.");
        }

        if (!string.IsNullOrEmpty(address.UserInfo))
        {
            throw new ArgumentException("The proxy's address has a user name or password in it; give them as a credential instead, so that they are never shown.");
        }

        if (credential != null && useDefaultCredentials)
        {
            throw new ArgumentException("A proxy gets either a credential or the default credentials, not both.");
        }

        return new ProxySettings(ProxyMode.Explicit, new Uri(address.GetLeftPart(UriPartial.Authority) + "/"), credential, useDefaultCredentials);
    }

    /// <summary>True for the system's settings when they come from HTTPS_PROXY and its kin, read at connect time.</summary>
    internal bool FromVariables => _variables != null;

    /// <summary>
    /// What the system's settings are at this moment, for a connection made now. PowerShell 7's
    /// .NET reads HTTPS_PROXY and its kin once per process; they are read here, each time, with
    /// .NET's rules. Without them Windows and macOS have settings of their own (the runtime's, as
    /// before) and other systems none. Windows PowerShell 5.1's .NET Framework does not read the
    /// variables: its own settings, as before.
    /// </summary>
    internal static ProxySettings SystemNow() => SystemNow(
        Environment.GetEnvironmentVariable,
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal),
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX));

    internal static ProxySettings SystemNow(Func<string, string?> variable, bool netFramework, bool platformHasSettings)
    {
        if (netFramework)
        {
            return System;
        }

        var variables = EnvironmentProxy.Read(variable);
        return variables != null ? new ProxySettings(ProxyMode.System, null, null, false, variables)
            : platformHasSettings ? System
            : None;
    }

    /// <summary>The proxy a request to <paramref name="destination"/> goes through, for -Debug: never its password.</summary>
    internal string ShownFor(Uri destination) => Mode switch
    {
        ProxyMode.Explicit => ToString(),
        ProxyMode.None => "none",
        _ when _variables is null => HttpDebugText.SystemProxy(destination),
        _ => _variables.IsBypassed(destination) ? "none (NO_PROXY)" : HttpDebugText.Redact(_variables.GetProxy(destination)!) + " (from the environment)",
    };

    /// <summary>Tells settings that can share one handler (and so one connection pool) apart, without holding the password.</summary>
    internal string Key => Mode switch
    {
        ProxyMode.Explicit => $"{Address}|{(UseDefaultCredentials ? "default" : _credential is null ? "anonymous" : CredentialFingerprint())}",
        _ when _variables != null => $"{Mode}|{_variables.Key}",
        _ => Mode.ToString(),
    };

    internal IWebProxy CreateWebProxy()
    {
        if (_variables != null)
        {
            return _variables;
        }

        var proxy = new WebProxy(Address!)
        {
            // A proxy named on purpose carries every request, the loopback ones too.
            BypassProxyOnLocal = false,
        };
        if (UseDefaultCredentials)
        {
            proxy.UseDefaultCredentials = true;
        }
        else if (_credential != null)
        {
            proxy.Credentials = _credential;
        }

        return proxy;
    }

    public override string ToString() => Mode switch
    {
        ProxyMode.Explicit => Address!.AbsoluteUri,
        ProxyMode.None => "none",
        _ => "system",
    };

    private string CredentialFingerprint()
    {
        using var sha = global::System.Security.Cryptography.SHA256.Create();
        byte[] hash = sha.ComputeHash(global::System.Text.Encoding.UTF8.GetBytes($"{_credential!.Domain}\\{_credential.UserName}\n{_credential.Password}"));
        return BitConverter.ToString(hash).Replace("-", string.Empty);
    }
}
