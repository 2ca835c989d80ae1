using System;
using System.Management.Automation;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Certificate validation is never turned off: a server the machine does not trust gets no key.</summary>
public sealed class TlsTests : IClassFixture<TlsTests.UntrustedHttpsSandbox>
{
    private readonly UntrustedHttpsSandbox _sandbox;

    public TlsTests(UntrustedHttpsSandbox sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public async System.Threading.Tasks.Task A_server_with_an_untrusted_certificate_is_refused_and_never_sees_a_request()
    {
        Assert.Equal("https", _sandbox.Server.BaseUri.Scheme);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 1", "-MaximumRetryCount 0");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxNetworkError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
        Assert.DoesNotContain(run.AllText(), t => t.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));

        // The control: the same server answers a client that skips validation, so the refusal above is the module's.
        using var careless = new System.Net.Http.HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = System.Net.Http.HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var client = new System.Net.Http.HttpClient(careless);
        using HttpResponseMessage response = await client.GetAsync(new Uri(_sandbox.Server.BaseUri, "healthz"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The sandbox over https with a self-signed certificate made for the test.</summary>
    public sealed class UntrustedHttpsSandbox : SandboxFixture
    {
        protected override SandboxServerOptions CreateOptions()
        {
            SandboxServerOptions options = base.CreateOptions();
            options.Certificate = SelfSigned();
            return options;
        }

        /// <summary>A certificate for 127.0.0.1 that no machine trusts; the proxy tests trust theirs through a test-only hook.</summary>
        internal static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            // Kestrel needs the key in a form it can use on every platform: round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        }
    }
}
