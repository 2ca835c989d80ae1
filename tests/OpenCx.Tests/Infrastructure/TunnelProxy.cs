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
    private const int MaximumHeaderBytes = 16 * 1024;

    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly string? _expectedAuthorization;
    private readonly List<Task> _tunnels = new List<Task>();
    private readonly Task _accepting;
    private int _tunnelCount;
    private int _refusedCount;

    public TunnelProxy(string? userName = null, string? password = null)
    {
        if (userName != null)
        {
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));
        }

        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>CONNECTs answered 200 and piped.</summary>
    public int TunnelCount => Volatile.Read(ref _tunnelCount);

    /// <summary>CONNECTs answered 407.</summary>
    public int RefusedCount => Volatile.Read(ref _refusedCount);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] tunnels;
        lock (_tunnels)
        {
            tunnels = _tunnels.ToArray();
        }

        await Task.WhenAll(tunnels);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
            {
                return;
            }

            lock (_tunnels)
            {
                _tunnels.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream downstream = client.GetStream();
                while (true)
                {
                    (string requestLine, Dictionary<string, string> headers)? request = await ReadHeadAsync(downstream);
                    if (request is null)
                    {
                        return;
                    }

                    string[] parts = request.Value.requestLine.Split(' ');
                    bool connect = parts.Length == 3 && parts[0] == "CONNECT";
                    request.Value.headers.TryGetValue("Proxy-Authorization", out string? given);
                    if (_expectedAuthorization != null && given != _expectedAuthorization)
                    {
                        Interlocked.Increment(ref _refusedCount);
                        // A CONNECT's connection is kept open, as real proxies do, so that a client can answer
                        // the challenge on it; another request's is closed, its body unread.
                        await WriteAsync(downstream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n" +
                            (connect ? "\r\n" : "Connection: close\r\n\r\n"));
                        if (connect)
                        {
                            continue;
                        }

                        return;
                    }

                    if (!connect || !TryLoopbackPort(parts[1], out int port))
                    {
                        await WriteAsync(downstream, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                    Interlocked.Increment(ref _tunnelCount);
                    await WriteAsync(downstream, "HTTP/1.1 200 Connection Established\r\n\r\n");
                    NetworkStream target = upstream.GetStream();
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    Task up = downstream.CopyToAsync(target, either.Token);
                    Task down = target.CopyToAsync(downstream, either.Token);
                    await Task.WhenAny(up, down);
                    either.Cancel();
                    return;
                }
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is OperationCanceledException || e is ObjectDisposedException)
            {
                // The client or the server hung up, or the test is over.
            }
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

    /// <summary>The request line and headers, read byte by byte so that nothing after them is consumed; null at the end of the stream.</summary>
    private async Task<(string, Dictionary<string, string>)?> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (head.Length > MaximumHeaderBytes || await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        string[] lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':');
            if (colon > 0)
            {
                headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
        }

        return (lines[0], headers);
    }

    private async Task WriteAsync(Stream stream, string text) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);
}
