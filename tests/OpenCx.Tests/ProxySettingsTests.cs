using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using OpenCx.Client.Http;
using Xunit;

namespace OpenCx.Tests;

/// <summary>How connections with proxies share handlers, and what a proxy setting shows of itself.</summary>
/// <remarks>Only addresses no other test uses: a handler is made once per setting in the process.</remarks>
public sealed class ProxySettingsTests
{
    private static readonly Uri Address = new Uri("http://proxy.example.com:8080");

    [Fact]
    public void The_system_setting_keeps_the_one_shared_handler_of_before()
    {
        Assert.Same(NetworkHandler.Shared, NetworkHandler.For(ProxySettings.System, ServerCertificateTrust.None));
        Assert.Equal("system", ProxySettings.System.ToString());
        Assert.Equal("none", ProxySettings.None.ToString());
    }

    [Fact]
    public void Connections_with_the_same_proxy_setting_share_a_handler_and_other_settings_do_not()
    {
        HttpMessageHandler first = NetworkHandler.For(ProxySettings.Via(Address, new NetworkCredential("u", "one"), false), ServerCertificateTrust.None);
        HttpMessageHandler again = NetworkHandler.For(ProxySettings.Via(Address, new NetworkCredential("u", "one"), false), ServerCertificateTrust.None);
        HttpMessageHandler otherPassword = NetworkHandler.For(ProxySettings.Via(Address, new NetworkCredential("u", "two"), false), ServerCertificateTrust.None);
        HttpMessageHandler anonymous = NetworkHandler.For(ProxySettings.Via(Address, null, false), ServerCertificateTrust.None);
        HttpMessageHandler defaultCredentials = NetworkHandler.For(ProxySettings.Via(Address, null, true), ServerCertificateTrust.None);

        Assert.Same(first, again);
        Assert.Equal(5, new[] { first, otherPassword, anonymous, defaultCredentials, NetworkHandler.Shared }.Distinct().Count());
    }

    [Fact]
    public void A_proxy_setting_shows_its_address_and_never_its_password()
    {
        var proxy = ProxySettings.Via(Address, new NetworkCredential("user", "s3cret-proxy-password"), false);

        Assert.Equal("http://proxy.example.com:8080/", proxy.ToString());
        Assert.DoesNotContain("s3cret-proxy-password", proxy.Key, StringComparison.Ordinal);
        Assert.True(proxy.HasCredential);
    }

    [Theory]
    [InlineData("http://user:pass@proxy.example.com:8080")]
    [InlineData("ftp://proxy.example.com")]
    [InlineData("socks5://proxy.example.com:1080")]
    public void An_address_no_proxy_can_have_is_refused(string address)
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => ProxySettings.Via(new Uri(address), null, false));

        Assert.DoesNotContain("pass", refused.Message.Replace("password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
