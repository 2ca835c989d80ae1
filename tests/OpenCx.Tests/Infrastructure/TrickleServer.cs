using System;
using System.Collections.Generic;
using System.Globalization;
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

    private readonly LoopbackListener _listener;
    private int _requests;

    public TrickleServer()
    {
        _listener = new LoopbackListener(AnswerAsync);
    }

    public Uri BaseUri => _listener.Address;

    public int Requests => Volatile.Read(ref _requests);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task AnswerAsync(NetworkStream stream, CancellationToken stop)
    {
        if (!await ReadRequestAsync(stream, stop))
        {
            return;
        }

        Interlocked.Increment(ref _requests);
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {BodyBytes}\r\n\r\n");
        await stream.WriteAsync(head, stop);
        for (int i = 0; i < BodyBytes; i++)
        {
            await Task.Delay(Pace, stop);
            await stream.WriteAsync(new[] { (byte)' ' }, stop);
        }
    }

    /// <summary>Reads one request's head and its Content-Length of body; false when the client closed the connection first.</summary>
    private static async Task<bool> ReadRequestAsync(NetworkStream stream, CancellationToken stop)
    {
        (string RequestLine, Dictionary<string, string> Headers)? request = await LoopbackListener.ReadHeadAsync(stream, stop);
        if (request is null)
        {
            return false;
        }

        int length = request.Value.Headers.TryGetValue("Content-Length", out string? given) ? int.Parse(given, CultureInfo.InvariantCulture) : 0;
        byte[] body = new byte[length];
        for (int read = 0; read < length;)
        {
            int n = await stream.ReadAsync(body.AsMemory(read), stop);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
