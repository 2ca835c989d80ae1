using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Connect-OpenCx's proxy parameters, end to end: a CONNECT proxy on loopback in front of the
/// sandbox served over https, the way a corporate proxy sits in front of the API.
/// </summary>
public sealed class ProxyTests : IClassFixture<TrustedHttpsSandbox>
{
    private const string ProxyUser = "proxy-user";
    private const string ProxyPassword = "pr0xy_P4ss_that_must_never_show";

    private readonly TrustedHttpsSandbox _sandbox;

    public ProxyTests(TrustedHttpsSandbox sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public async Task Proxy_carries_every_request_and_the_connection_names_it()
    {
        await using var proxy = new TunnelProxy();

        PowerShellRun run = Run(proxy, "$c = Connect-OpenCx -BaseUri $uri -ApiKey $key -Proxy $proxy -RateLimit 100000 -PassThru\n" +
            "$c.Proxy\nGet-OpenCxSession -First 3 -Connection $c | ForEach-Object Id");

        Assert.Empty(run.Errors);
        Assert.Equal(proxy.Address.AbsoluteUri, run.Output[0].ToString());
        Assert.Equal(3, run.Output.Count - 1);
        Assert.InRange(proxy.TunnelCount, 1, 2);
        Assert.Equal(2, _sandbox.Server.Requests.Count);
    }

    [Fact]
    public async Task NoProxy_goes_around_the_proxy_and_without_proxy_parameters_the_system_settings_apply()
    {
        await using var proxy = new TunnelProxy();

        PowerShellRun run = Run(proxy, "$none = Connect-OpenCx -BaseUri $uri -ApiKey $key -NoProxy -PassThru\n" +
            "$system = Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -PassThru\n" +
            "$none.Proxy; $system.Proxy");

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "none", "system" }, run.Output.Select(o => o.ToString()));
        Assert.Single(_sandbox.Server.Requests);
        Assert.Equal(0, proxy.TunnelCount);
    }

    [Fact]
    public async Task A_proxy_that_wants_Basic_authentication_works_with_ProxyCredential()
    {
        await using var proxy = new TunnelProxy(ProxyUser, ProxyPassword);

        PowerShellRun run = Run(proxy, "Connect-OpenCx -BaseUri $uri -ApiKey $key -Proxy $proxy -ProxyCredential $proxyCredential\n" +
            "Get-OpenCxSession -First 2 | ForEach-Object Id");

        Assert.Empty(run.Errors);
        Assert.Equal(2, run.Output.Count);
        Assert.InRange(proxy.TunnelCount, 1, 2);
        Assert.Equal(2, _sandbox.Server.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_proxy_that_wants_credentials_it_did_not_get_is_a_clear_error_naming_it_and_the_parameter(bool wrongPassword)
    {
        await using var proxy = new TunnelProxy(ProxyUser, ProxyPassword);
        string credential = wrongPassword ? "-ProxyCredential $wrongCredential" : string.Empty;

        PowerShellRun run = Run(proxy, $"Connect-OpenCx -BaseUri $uri -ApiKey $key -Proxy $proxy {credential} -MaximumRetryCount 3 -RetryIntervalSec 0.01");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxProxyAuthenticationRequired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        string message = error.ErrorDetails.Message;
        Assert.Contains(proxy.Address.AbsoluteUri, message, StringComparison.Ordinal);
        Assert.Contains("-ProxyCredential", message, StringComparison.Ordinal);
        Assert.Contains("407", message, StringComparison.Ordinal);
        Assert.Contains(wrongPassword ? "refused the credentials" : "none were given", message, StringComparison.Ordinal);
        // Not retried: the same request would be refused again.
        Assert.InRange(proxy.RefusedCount, 1, 2);
        Assert.Equal(0, proxy.TunnelCount);
        Assert.Empty(_sandbox.Server.Requests);
    }

    /// <summary>To a plain http address the proxy answers the request itself, as a response rather than a failed tunnel.</summary>
    [Fact]
    public async Task A_proxy_407_to_a_plain_http_request_is_the_same_clear_error()
    {
        await using var proxy = new TunnelProxy(ProxyUser, ProxyPassword);

        PowerShellRun run = Run(proxy, "Connect-OpenCx -BaseUri http://127.0.0.1:9/ -ApiKey $key -Proxy $proxy -MaximumRetryCount 3 -RetryIntervalSec 0.01");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxProxyAuthenticationRequired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(proxy.Address.AbsoluteUri, error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("-ProxyCredential", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(1, proxy.RefusedCount);
    }

    [Theory]
    [InlineData(ProxyPassword)]
    [InlineData("wrong-password")]
    public async Task Neither_the_key_nor_the_proxy_password_appears_in_any_stream_error_or_object(string password)
    {
        await using var proxy = new TunnelProxy(ProxyUser, password);

        PowerShellRun run = Run(proxy,
            "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n" +
            "$c = Connect-OpenCx -BaseUri $uri -ApiKey $key -Proxy $proxy -ProxyCredential $proxyCredential -PassThru -MaximumRetryCount 0\n" +
            "$c; \"$c\"; $c | Format-List * | Out-String; $c | ConvertTo-Json -Depth 5\n" +
            "Get-OpenCxSession -First 2 -Connection $c | ConvertTo-Json -Depth 5\n" +
            "$Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }");

        Assert.True(run.Debug.Count > 0, "the run should have shown requests on -Debug");
        Assert.Contains(run.Verbose, v => v.Contains(proxy.Address.AbsoluteUri, StringComparison.Ordinal));
        Assert.Contains(run.Debug, d => d.Contains($"proxy: {proxy.Address.AbsoluteUri}", StringComparison.Ordinal));
        // Refused: the connect fails, and so does the query on the connection it did not make.
        Assert.Equal(password == ProxyPassword ? 0 : 2, run.Errors.Count);
        Assert.DoesNotContain(run.AllText(), t => t.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));
        Assert.DoesNotContain(run.AllText(), t => t.Contains(ProxyPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProxyUseDefaultCredentials_is_accepted_and_the_connection_shows_the_proxy()
    {
        await using var proxy = new TunnelProxy();

        PowerShellRun run = Run(proxy, "$c = Connect-OpenCx -BaseUri $uri -ApiKey $key -Proxy $proxy -ProxyUseDefaultCredentials -PassThru\n$c.Proxy");

        Assert.Empty(run.Errors);
        Assert.Equal(proxy.Address.AbsoluteUri, Assert.Single(run.Output).ToString());
        Assert.Equal(1, proxy.TunnelCount);
    }

    [Theory]
    [InlineData("-Proxy $proxy -NoProxy", "-NoProxy cannot be used with")]
    [InlineData("-ProxyCredential $proxyCredential", "need -Proxy")]
    [InlineData("-ProxyUseDefaultCredentials", "need -Proxy")]
    [InlineData("-Proxy $proxy -ProxyCredential $proxyCredential -ProxyUseDefaultCredentials", "cannot be used together")]
    [InlineData("-Proxy 'ftp://127.0.0.1:21'", "http:// or https://")]
    [InlineData("-Proxy 'proxy.example.com'", "http:// or https://")]
    [InlineData("-Proxy \"http://u:$password@127.0.0.1:3128\"", "-ProxyCredential")]
    public async Task Proxy_parameters_that_cannot_work_fail_before_any_request(string parameters, string reason)
    {
        await using var proxy = new TunnelProxy();

        PowerShellRun run = Run(proxy, $"Connect-OpenCx -BaseUri $uri -ApiKey $key {parameters}\nGet-OpenCxConnection");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxInvalidProxy,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(reason, error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.AllText(), t => t.Contains(ProxyPassword, StringComparison.Ordinal));
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
        Assert.Equal(0, proxy.TunnelCount);
    }

    /// <summary>
    /// HTTPS_PROXY is read once per process, so a child process (the demo host running a script
    /// with the built module) has it: this process and its other tests keep theirs.
    /// </summary>
    [Theory]
    [InlineData("", 1)]
    [InlineData("-NoProxy", 0)]
    public async Task The_environment_proxy_carries_the_requests_unless_NoProxy_is_given(string parameters, int tunnels)
    {
        await using var proxy = new TunnelProxy();
        string folder = Path.Combine(Path.GetTempPath(), "opencx-proxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string certificate = Path.Combine(folder, "sandbox.cer");
            File.WriteAllBytes(certificate, _sandbox.Certificate.RawData);
            string script = Path.Combine(folder, "through-proxy.ps1");
            File.WriteAllText(script,
                "param($ModulePath)\n" +
                "Import-Module $ModulePath\n" +
                "$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([IO.File]::ReadAllBytes($env:OPENCX_TEST_CERT))\n" +
                "$key = ConvertTo-SecureString $env:OPENCX_TEST_KEY -AsPlainText -Force\n" +
                $"$c = Connect-OpenCx -BaseUri $env:OPENCX_TEST_URI -ApiKey $key -TrustedCertificate $certificate -MaximumRetryCount 0 -PassThru {parameters}\n" +
                "'proxy: ' + $c.Proxy\n" +
                "Get-OpenCxSession -First 1 -Connection $c | ForEach-Object { 'session: ' + $_.Id }\n");
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(RepoPaths.ScriptHost);
            start.ArgumentList.Add(script);
            start.Environment["OPENCX_TEST_KEY"] = SandboxFixture.ApiKeyText;
            start.Environment["OPENCX_TEST_URI"] = _sandbox.Server.BaseUri.ToString();
            start.Environment["OPENCX_TEST_CERT"] = certificate;
            start.Environment["HTTPS_PROXY"] = proxy.Address.AbsoluteUri;
            foreach (string bypass in new[] { "NO_PROXY", "no_proxy", "https_proxy", "ALL_PROXY", "all_proxy" })
            {
                start.Environment.Remove(bypass);
            }

            _sandbox.Server.ClearRequests();
            using Process child = Process.Start(start)!;
            Task<string> output = child.StandardOutput.ReadToEndAsync();
            Task<string> errors = child.StandardError.ReadToEndAsync();
            Assert.True(child.WaitForExit(60_000), "the child did not finish within a minute");
            string said = await output + await errors;

            Assert.True(child.ExitCode == 0, said);
            Assert.Contains(tunnels == 0 ? "proxy: none" : "proxy: system", said, StringComparison.Ordinal);
            Assert.Contains("session: ", said, StringComparison.Ordinal);
            Assert.Equal(tunnels, proxy.TunnelCount);
            Assert.Equal(2, _sandbox.Server.Requests.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Plain_http_to_this_machine_through_a_proxy_elsewhere_is_refused_before_any_request()
    {
        await using var proxy = new TunnelProxy();

        PowerShellRun run = Run(proxy, "Connect-OpenCx -BaseUri http://127.0.0.1:9/ -ApiKey $key -Proxy http://proxy.example.com:8080\n" +
            "Connect-OpenCx -BaseUri http://127.0.0.1:9/ -ApiKey $key -Proxy $proxy -SkipValidation -PassThru | ForEach-Object Proxy");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxInvalidProxy,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("clear text", error.Exception.Message, StringComparison.Ordinal);
        // A proxy on this machine keeps the key on it, so the rule for plain http is kept.
        Assert.Equal(proxy.Address.AbsoluteUri, Assert.Single(run.Output).ToString());
    }

    private PowerShellRun Run(TunnelProxy proxy, string script)
    {
        _sandbox.Server.ClearRequests();
        Dictionary<string, object?> variables = _sandbox.ConnectionVariables();
        variables["proxy"] = proxy.Address;
        variables["password"] = ProxyPassword;
        variables["proxyCredential"] = new PSCredential(ProxyUser, SandboxFixture.SecureKey(ProxyPassword));
        variables["wrongCredential"] = new PSCredential(ProxyUser, SandboxFixture.SecureKey("not-the-password"));
        return _sandbox.PowerShell.Run(script, variables);
    }
}
