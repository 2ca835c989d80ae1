using System;
using System.Collections.Generic;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The checkpoint file, as JSON: which export it belongs to, where its current run stands, and
/// where the last complete run ended. No key, no session data beyond ids and creation times.
/// </summary>
internal sealed class CheckpointDocument
{
    /// <summary>2: the identity is the normalised query without its start, the position an opaque token.</summary>
    public const int CurrentVersion = 2;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The API's base address.</summary>
    public string Server { get; set; } = string.Empty;

    /// <summary>8 bytes of the key's SHA-256: tells organisations apart, cannot give the key back.</summary>
    public string KeyFingerprint { get; set; } = string.Empty;

    /// <summary>The export's identity: its filters, end and sort, normalised (see <see cref="CheckpointIdentity"/>).</summary>
    public string Query { get; set; } = string.Empty;

    public int PageSize { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Where the current run starts: the query's own start, or where the last complete run ended.</summary>
    public DateTime? RunFrom { get; set; }

    /// <summary>The ids at <see cref="RunFrom"/> that an earlier run wrote.</summary>
    public List<Guid> WrittenAtRunFrom { get; set; } = new List<Guid>();

    /// <summary>When the current run began.</summary>
    public DateTime RunStartedAt { get; set; }

    /// <summary>Where the walk stands, as the walk wrote it: opaque here (see <see cref="PositionToken"/>).</summary>
    public string Position { get; set; } = string.Empty;
}
