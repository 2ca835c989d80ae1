using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A forward proxy on 127.0.0.1 that forwards only CONNECT: enough for https. It can require Basic
/// authentication (answering 407 with Proxy-Authenticate, to any request), tunnels only to loopback, and counts
/// the tunnels it opened so that a test can tell its requests went through it.
/// </summary>
public sealed class TunnelProxy : IAsyncDisposable
{
    private readonly string? _expectedAuthorization;
    private readonly LoopbackListener _listener;
    private int _tunnelCount;
    private int _refusedCount;

    public TunnelProxy(string? userName = null, string? password = null)
    {
        if (userName != null)
        {
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));
        }

        _listener = new LoopbackListener(ServeAsync);
    }

    public Uri Address => _listener.Address;

    /// <summary>CONNECTs answered 200 and piped.</summary>
    public int TunnelCount => Volatile.Read(ref _tunnelCount);

    /// <summary>CONNECTs answered 407.</summary>
    public int RefusedCount => Volatile.Read(ref _refusedCount);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(NetworkStream downstream, CancellationToken stop)
    {
        while (true)
        {
            (string RequestLine, Dictionary<string, string> Headers)? request = await LoopbackListener.ReadHeadAsync(downstream, stop);
            if (request is null)
            {
                return;
            }

            string[] parts = request.Value.RequestLine.Split(' ');
            bool connect = parts.Length == 3 && parts[0] == "CONNECT";
            request.Value.Headers.TryGetValue("Proxy-Authorization", out string? given);
            if (_expectedAuthorization != null && given != _expectedAuthorization)
            {
                Interlocked.Increment(ref _refusedCount);
                // A CONNECT's connection is kept open, as real proxies do, so that a client can answer
                // the challenge on it; another request's is closed, its body unread.
                await WriteAsync(downstream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n" +
                    (connect ? "\r\n" : "Connection: close\r\n\r\n"), stop);
                if (connect)
                {
                    continue;
                }

                return;
            }

            if (!connect || !TryLoopbackPort(parts[1], out int port))
            {
                await WriteAsync(downstream, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", stop);
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, port, stop);
            Interlocked.Increment(ref _tunnelCount);
            await WriteAsync(downstream, "HTTP/1.1 200 Connection Established\r\n\r\n", stop);
            NetworkStream target = upstream.GetStream();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stop);
            Task up = downstream.CopyToAsync(target, either.Token);
            Task down = target.CopyToAsync(downstream, either.Token);
            await Task.WhenAny(up, down);
            either.Cancel();
            return;
        }
    }

    private static bool TryLoopbackPort(string authority, out int port)
    {
        port = 0;
        int colon = authority.LastIndexOf(':');
        return colon > 0
            && (authority.Substring(0, colon) == "127.0.0.1" || authority.Substring(0, colon) == "localhost")
            && int.TryParse(authority.Substring(colon + 1), out port);
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken stop) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), stop);
}
