using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenCx.Client.Http;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// What a connection's trusted certificates forgive: an unknown root in a chain that holds one of
/// them, and nothing else.
/// </summary>
public sealed class ServerCertificateTrustTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void A_trusted_self_signed_certificate_is_accepted_and_another_is_not()
    {
        using X509Certificate2 server = SelfSigned("CN=127.0.0.1", Now.AddDays(-1), Now.AddDays(1));
        using X509Certificate2 other = SelfSigned("CN=127.0.0.1", Now.AddDays(-1), Now.AddDays(1));
        var trust = new ServerCertificateTrust(new[] { other, server });

        Assert.True(trust.Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(new ServerCertificateTrust(new[] { other }).Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(ServerCertificateTrust.None.Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_certificate_issued_by_a_trusted_root_is_accepted()
    {
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Inspecting Proxy Root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 root = rootRequest.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=api.open.cx", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 leaf = leafRequest.Create(root, Now.AddDays(-1), Now.AddDays(7), new byte[] { 1, 2, 3, 4 });

        Assert.True(new ServerCertificateTrust(new[] { root }).Accepts(leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Theory]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable)]
    public void A_wrong_name_or_a_missing_certificate_is_never_forgiven(SslPolicyErrors errors)
    {
        using X509Certificate2 server = SelfSigned("CN=127.0.0.1", Now.AddDays(-1), Now.AddDays(1));

        Assert.False(new ServerCertificateTrust(new[] { server }).Accepts(server, errors));
    }

    [Fact]
    public void A_trusted_certificate_out_of_its_dates_is_refused()
    {
        using X509Certificate2 expired = SelfSigned("CN=127.0.0.1", Now.AddDays(-10), Now.AddDays(-1));

        Assert.False(new ServerCertificateTrust(new[] { expired }).Accepts(expired, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Connections_trusting_the_same_certificates_share_a_handler_and_others_do_not()
    {
        using X509Certificate2 one = SelfSigned("CN=one.opencx.invalid", Now.AddDays(-1), Now.AddDays(1));
        using X509Certificate2 two = SelfSigned("CN=two.opencx.invalid", Now.AddDays(-1), Now.AddDays(1));

        HttpMessageHandler first = NetworkHandler.For(ProxySettings.System, new ServerCertificateTrust(new[] { one, two }));
        HttpMessageHandler again = NetworkHandler.For(ProxySettings.System, new ServerCertificateTrust(new[] { two, one }));
        HttpMessageHandler other = NetworkHandler.For(ProxySettings.System, new ServerCertificateTrust(new[] { one }));

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.NotSame(NetworkHandler.Shared, other);
    }

    private static X509Certificate2 SelfSigned(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(notBefore, notAfter);
    }
}
