using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// A response body read whole into a buffer borrowed from the shared pool, given back on
/// dispose: a walk reads a thousand pages of a few hundred kilobytes, each read twice (a glance,
/// then the parse), and none of them should stay behind as garbage on the large-object heap. The
/// buffer goes back cleared: the pool is the process's, and a page holds customers' data.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private const int FirstSize = 64 * 1024;

    private byte[] _buffer;
    private int _length;

    private PooledBody(byte[] buffer)
    {
        _buffer = buffer;
    }

    public ReadOnlySpan<byte> Bytes => new ReadOnlySpan<byte>(_buffer, 0, _length);

    public static async Task<PooledBody> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var body = new PooledBody(ArrayPool<byte>.Shared.Rent(FirstSize));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(body._buffer, body._length, body._buffer.Length - body._length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                body._length += read;
                if (body._length == body._buffer.Length)
                {
                    body.Grow();
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private void Grow()
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        Buffer.BlockCopy(_buffer, 0, larger, 0, _length);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = larger;
    }
}
