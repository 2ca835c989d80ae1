using System;
using System.Collections.Generic;

namespace OpenCx.Client.Querying;

/// <summary>
/// Every session id a walk has consumed, 16 bytes each, in fixed-size chunks so that growing
/// never copies: a keyset walk needs only the ids near its boundary to drop repeats, but if it
/// stops trusting the server it must recognise every session it ever wrote.
/// </summary>
internal sealed class IdLog
{
    private const int ChunkSize = 4096;

    private readonly List<Guid[]> _chunks = new List<Guid[]>();
    private int _usedInLastChunk = ChunkSize;

    public void Add(Guid id)
    {
        if (_usedInLastChunk == ChunkSize)
        {
            _chunks.Add(new Guid[ChunkSize]);
            _usedInLastChunk = 0;
        }

        _chunks[_chunks.Count - 1][_usedInLastChunk++] = id;
    }

    /// <summary>The ids as a set, for a walk that from now on remembers everything.</summary>
    public HashSet<Guid> ToSet()
    {
        var set = new HashSet<Guid>();
        for (int chunk = 0; chunk < _chunks.Count; chunk++)
        {
            int used = chunk == _chunks.Count - 1 ? _usedInLastChunk : ChunkSize;
            for (int i = 0; i < used; i++)
            {
                set.Add(_chunks[chunk][i]);
            }
        }

        return set;
    }
}
