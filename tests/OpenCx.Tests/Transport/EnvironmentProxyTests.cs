using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// The system's proxy read at connect time: .NET reads HTTPS_PROXY and its kin once per process,
/// so a variable set after the first connect used to be silently ignored. The rules, on a table of
/// variables; then the whole, with the variable set in this process between two connects.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class EnvironmentProxyTests : IClassFixture<TrustedHttpsSandbox>
{
    private static readonly string[] Variables =
        { "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy", "GATEWAY_INTERFACE" };

    private static readonly Uri Api = new("https://api.open.cx/chat/sessions/filter");
    private static readonly Uri PlainApi = new("http://127.0.0.1:5000/chat/sessions/filter");

    private readonly TrustedHttpsSandbox _sandbox;

    public EnvironmentProxyTests(TrustedHttpsSandbox sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void HTTPS_PROXY_carries_https_requests_and_HTTP_PROXY_plain_ones()
    {
        ProxySettings proxy = Resolve(("HTTPS_PROXY", "http://secure.proxy:3128"), ("HTTP_PROXY", "plain.proxy:8080"));

        Assert.Equal(ProxyMode.System, proxy.Mode);
        Assert.True(proxy.FromVariables);
        Assert.Equal(new Uri("http://secure.proxy:3128/"), proxy.CreateWebProxy().GetProxy(Api));
        Assert.Equal(new Uri("http://plain.proxy:8080/"), proxy.CreateWebProxy().GetProxy(PlainApi));
    }

    [Fact]
    public void The_lower_case_name_comes_first_and_ALL_PROXY_stands_in_for_a_scheme_without_its_own()
    {
        Assert.Equal(new Uri("http://lower:1/"), Resolve(("https_proxy", "lower:1"), ("HTTPS_PROXY", "upper:2")).CreateWebProxy().GetProxy(Api));
        Assert.Equal(new Uri("http://upper:2/"), Resolve(("https_proxy", "http://"), ("HTTPS_PROXY", "upper:2")).CreateWebProxy().GetProxy(Api));
        IWebProxy all = Resolve(("ALL_PROXY", "all:3"), ("HTTP_PROXY", "plain:4")).CreateWebProxy();
        Assert.Equal(new Uri("http://all:3/"), all.GetProxy(Api));
        Assert.Equal(new Uri("http://plain:4/"), all.GetProxy(PlainApi));
    }

    [Fact]
    public void Under_CGI_the_upper_case_HTTP_PROXY_is_not_read()
    {
        IWebProxy proxy = Resolve(("HTTP_PROXY", "from.a.request.header:80"), ("GATEWAY_INTERFACE", "CGI/1.1"), ("HTTPS_PROXY", "secure:1")).CreateWebProxy();

        Assert.True(proxy.IsBypassed(PlainApi));
        Assert.False(proxy.IsBypassed(Api));
    }

    [Theory]
    [InlineData("api.open.cx", true)]
    [InlineData(".open.cx", true)]
    [InlineData("open.cx", false)]
    [InlineData("example.com, .open.cx", true)]
    [InlineData("pen.cx", false)]
    [InlineData("", false)]
    public void NO_PROXY_takes_host_names_and_domains_with_their_subdomains(string noProxy, bool bypassed)
    {
        IWebProxy proxy = Resolve(("HTTPS_PROXY", "proxy:3128"), ("NO_PROXY", noProxy)).CreateWebProxy();

        Assert.Equal(bypassed, proxy.IsBypassed(Api));
        Assert.Equal(bypassed ? Api : new Uri("http://proxy:3128/"), proxy.GetProxy(Api));
    }

    [Fact]
    public void A_user_and_password_in_the_variable_go_to_that_proxy_and_never_show()
    {
        ProxySettings proxy = Resolve(("HTTPS_PROXY", "http://DOMAIN%5Calice:s3cr%40t@proxy.corp:3128"));
        IWebProxy web = proxy.CreateWebProxy();

        NetworkCredential? credential = web.Credentials!.GetCredential(new Uri("http://proxy.corp:3128/"), "Basic");
        Assert.Equal(("DOMAIN", "alice", "s3cr@t"), (credential!.Domain, credential.UserName, credential.Password));
        Assert.Null(web.Credentials.GetCredential(new Uri("http://elsewhere:3128/"), "Basic"));
        Assert.Equal("http://(redacted)@proxy.corp:3128/ (from the environment)", proxy.ShownFor(Api));
        Assert.DoesNotContain("s3cr", proxy.Key, StringComparison.Ordinal);
        Assert.Equal("system", proxy.ToString());
    }

    [Fact]
    public void Without_variables_the_runtime_s_settings_apply_where_the_system_has_some_and_none_elsewhere()
    {
        Assert.Same(ProxySettings.System, ProxySettings.SystemNow(_ => null, netFramework: false, platformHasSettings: true));
        Assert.Same(ProxySettings.None, ProxySettings.SystemNow(_ => null, netFramework: false, platformHasSettings: false));
        // Windows PowerShell 5.1's .NET Framework never read the variables: as before.
        Assert.Same(ProxySettings.System, ProxySettings.SystemNow(_ => "http://proxy:3128", netFramework: true, platformHasSettings: true));
    }

    [Fact]
    public void Settings_from_other_values_get_other_handlers_and_the_same_values_share_one()
    {
        ProxySettings one = Resolve(("HTTPS_PROXY", "one.opencx.invalid:3128"));
        ProxySettings again = Resolve(("HTTPS_PROXY", "one.opencx.invalid:3128"));
        ProxySettings bypassing = Resolve(("HTTPS_PROXY", "one.opencx.invalid:3128"), ("NO_PROXY", ".open.cx"));

        Assert.Same(NetworkHandler.For(one, ServerCertificateTrust.None), NetworkHandler.For(again, ServerCertificateTrust.None));
        Assert.NotSame(NetworkHandler.For(one, ServerCertificateTrust.None), NetworkHandler.For(bypassing, ServerCertificateTrust.None));
        Assert.NotSame(NetworkHandler.Shared, NetworkHandler.For(one, ServerCertificateTrust.None));
    }

    /// <summary>
    /// The trap itself, in this process: a first connect (which makes .NET read the variables for
    /// good), then HTTPS_PROXY set as a script would set $env:HTTPS_PROXY, then NO_PROXY, then
    /// neither; each connect goes where the variables say at its moment.
    /// </summary>
    [Fact]
    public async Task A_proxy_variable_set_after_the_first_connect_carries_the_next_connect_s_requests()
    {
        await using var proxy = new TunnelProxy();
        Dictionary<string, string?> saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Clear();
            _sandbox.Server.ClearRequests();
            Assert.Empty(Connect().Errors);
            Assert.Equal(0, proxy.TunnelCount);

            Environment.SetEnvironmentVariable("HTTPS_PROXY", proxy.Address.AbsoluteUri);
            PowerShellRun through = Connect("-Debug");
            Assert.Empty(through.Errors);
            Assert.Equal(1, proxy.TunnelCount);
            Assert.Contains(through.Debug, d => d.Contains($"proxy: {proxy.Address.AbsoluteUri} (from the environment)", StringComparison.Ordinal));

            Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1");
            Assert.Empty(Connect().Errors);
            Environment.SetEnvironmentVariable("NO_PROXY", null);
            Environment.SetEnvironmentVariable("HTTPS_PROXY", null);
            Assert.Empty(Connect().Errors);

            Assert.Equal(1, proxy.TunnelCount);
            Assert.Equal(4, _sandbox.Server.Requests.Count);
        }
        finally
        {
            foreach (KeyValuePair<string, string?> variable in saved)
            {
                Environment.SetEnvironmentVariable(variable.Key, variable.Value);
            }
        }
    }

    private PowerShellRun Connect(string parameters = "") => _sandbox.PowerShell.Run($"Connect-OpenCx -BaseUri $uri -ApiKey $key -MaximumRetryCount 0 {parameters}", _sandbox.ConnectionVariables());

    private static void Clear()
    {
        foreach (string variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static ProxySettings Resolve(params (string Name, string Value)[] variables) => ProxySettings.SystemNow(
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault(),
        netFramework: false,
        platformHasSettings: false);
}
