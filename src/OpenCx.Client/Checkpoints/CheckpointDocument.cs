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

    /// <summary>
    /// Only beside a version 1 position token ("1:"): where that run started. The walk's own
    /// token holds it since; never written.
    /// </summary>
    public DateTime? RunFrom { get; set; }

    /// <summary>Only beside a version 1 position token: the ids at <see cref="RunFrom"/> an earlier run wrote; never written.</summary>
    public List<Guid>? WrittenAtRunFrom { get; set; }

    /// <summary>When the current run began.</summary>
    public DateTime RunStartedAt { get; set; }

    /// <summary>Where the walk stands, as the walk wrote it: opaque here (see <see cref="PositionToken"/>).</summary>
    public string Position { get; set; } = string.Empty;
}
