using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenCx.Client.Http;

/// <summary>
/// Certificates a connection trusts beside the machine's store: the root of a TLS-inspecting
/// proxy, or a server's own self-signed certificate. A server's certificate is accepted when its
/// chain holds one of them and nothing else is wrong with it (its name, its dates, a signature);
/// validation is never turned off.
/// </summary>
internal sealed class ServerCertificateTrust
{
    private readonly X509Certificate2[] _certificates;

    public ServerCertificateTrust(IEnumerable<X509Certificate2> certificates)
    {
        _certificates = certificates.ToArray();
        using var sha = SHA256.Create();
        Key = string.Join(",", _certificates
            .Select(c => BitConverter.ToString(sha.ComputeHash(c.RawData)).Replace("-", string.Empty))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(hash => hash, StringComparer.Ordinal));
    }

    public static ServerCertificateTrust None { get; } = new ServerCertificateTrust(Array.Empty<X509Certificate2>());

    /// <summary>Tells sets of certificates apart, so that connections trusting the same ones share a handler.</summary>
    public string Key { get; }

    public bool IsEmpty => _certificates.Length == 0;

    /// <summary>
    /// Whether to accept <paramref name="certificate"/> which the machine's own validation found
    /// <paramref name="errors"/> in: only an unknown root is forgiven, and only for these certificates.
    /// </summary>
    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(_certificates);
        chain.Build(certificate);

        // An unknown root, or a chain that ends at a pinned certificate below the root: any other
        // status (expired, not yet valid, a bad signature, a wrong usage) still refuses.
        const X509ChainStatusFlags Forgiven = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;
        bool otherwiseValid = chain.ChainStatus.All(s => (s.Status & ~Forgiven) == X509ChainStatusFlags.NoError);
        return otherwiseValid && chain.ChainElements
            .Cast<X509ChainElement>()
            .Any(element => _certificates.Any(trusted => trusted.RawData.SequenceEqual(element.Certificate.RawData)));
    }
}
