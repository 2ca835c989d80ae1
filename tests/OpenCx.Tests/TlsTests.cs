using System;
using System.Collections.Generic;
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

    [Fact]
    public void TrustedCertificate_trusts_the_server_for_that_connection_only()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$c = Connect-OpenCx -BaseUri $uri -ApiKey $key -TrustedCertificate $other, $certificate -PassThru -Verbose\n" +
            "Get-OpenCxSession -First 1 -Connection $c | ForEach-Object Id\n" +
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -MaximumRetryCount 0",
            Variables());

        Assert.Single(run.Output);
        Assert.Contains(run.Verbose, v => v.StartsWith($"Trusting the certificate CN=127.0.0.1 (thumbprint {_sandbox.Certificate.Thumbprint})", StringComparison.Ordinal));
        ErrorRecord refused = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxNetworkError,", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(2, _sandbox.Server.Requests.Count);
    }

    [Fact]
    public void TrustedCertificate_of_another_server_does_not_make_this_one_trusted()
    {
        PowerShellRun run = _sandbox.PowerShell.Run("Connect-OpenCx -BaseUri $uri -ApiKey $key -TrustedCertificate $other -MaximumRetryCount 0", Variables());

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxNetworkError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void TrustedCertificate_out_of_its_dates_fails_before_any_request_saying_so()
    {
        using var key = RSA.Create(2048);
        using X509Certificate2 expired = new CertificateRequest("CN=Old Proxy Root", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        Dictionary<string, object?> variables = Variables();
        variables["expired"] = expired;

        PowerShellRun run = _sandbox.PowerShell.Run("Connect-OpenCx -BaseUri $uri -ApiKey $key -TrustedCertificate $certificate, $expired", variables);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxInvalidTrustedCertificate,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("CN=Old Proxy Root", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("valid now", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData("$null")]
    [InlineData("@()")]
    [InlineData("$certificate, $null")]
    public void TrustedCertificate_that_is_empty_is_refused_by_the_parameter(string value)
    {
        PowerShellRun run = _sandbox.PowerShell.Run($"Connect-OpenCx -BaseUri $uri -ApiKey $key -TrustedCertificate {value}", Variables());

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    private System.Collections.Generic.Dictionary<string, object?> Variables()
    {
        _sandbox.Server.ClearRequests();
        System.Collections.Generic.Dictionary<string, object?> variables = _sandbox.ConnectionVariables();
        variables["certificate"] = _sandbox.Certificate;
        variables["other"] = _sandbox.Other;
        return variables;
    }

    /// <summary>The sandbox over https with a self-signed certificate made for the test, and another that is not the server's.</summary>
    public sealed class UntrustedHttpsSandbox : SandboxFixture
    {
        public X509Certificate2 Certificate { get; } = SelfSigned();

        public X509Certificate2 Other { get; } = SelfSigned();

        protected override SandboxServerOptions CreateOptions()
        {
            SandboxServerOptions options = base.CreateOptions();
            options.Certificate = Certificate;
            return options;
        }

        /// <summary>A certificate for 127.0.0.1 that no machine trusts unless a connection names it with -TrustedCertificate.</summary>
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
