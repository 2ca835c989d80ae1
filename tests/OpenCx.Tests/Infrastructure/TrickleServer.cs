using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// An HTTP server on 127.0.0.1 that answers every request 503 with its headers at once, then
/// trickles the body a byte every half second for a minute, as a failing server or proxy can.
/// </summary>
public sealed class TrickleServer : IAsyncDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(500);
    private const int BodyBytes = 120;

    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly List<Task> _answers = new List<Task>();
    private readonly Task _accepting;
    private int _requests;

    public TrickleServer()
    {
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await Task.WhenAll(_answers.ToArray()).ContinueWith(_ => { }, TaskScheduler.Default);
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
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

            lock (_answers)
            {
                _answers.Add(AnswerAsync(client));
            }
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requests);
                byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {BodyBytes}\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                for (int i = 0; i < BodyBytes; i++)
                {
                    await Task.Delay(Pace, _stop.Token);
                    await stream.WriteAsync(new[] { (byte)' ' }, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException || e is System.IO.IOException || e is SocketException || e is ObjectDisposedException)
            {
                // The client gave up on the answer, or the test ended.
            }
        }
    }

    /// <summary>Reads the headers and the Content-Length of body of one request.</summary>
    private async Task ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new System.IO.IOException("The client closed the connection.");
            }

            head.Append((char)one[0]);
        }

        int length = 0;
        foreach (string line in head.ToString().Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        byte[] body = new byte[length];
        for (int read = 0; read < length;)
        {
            int n = await stream.ReadAsync(body.AsMemory(read), _stop.Token);
            if (n == 0)
            {
                throw new System.IO.IOException("The client closed the connection.");
            }

            read += n;
        }
    }
}
