using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

public sealed class LoopbackTests
{
    [Fact]
    public async Task Server_listens_on_127_0_0_1_and_nowhere_else()
    {
        await using SandboxServer server = await ServerClient.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.Equal("/", server.BaseUri.AbsolutePath);
        Assert.True(await Accepts(IPAddress.Loopback, server.BaseUri.Port));

        // Still loopback, but not the bound address: a server on 0.0.0.0 or [::] would accept these.
        Assert.False(await Accepts(IPAddress.Parse("127.0.0.2"), server.BaseUri.Port));
        Assert.False(await Accepts(IPAddress.IPv6Loopback, server.BaseUri.Port));
    }

    [Fact]
    public async Task Server_uses_the_requested_port()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using SandboxServer server = await ServerClient.StartAsync(o => o.Port = port);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), server.BaseUri);
    }

    private static async Task<bool> Accepts(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
