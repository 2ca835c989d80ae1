using System;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The checkpoint file, as JSON: which export it belongs to, where its current run stands, and
/// where the last complete run ended. No key, no session data beyond ids and creation times.
/// </summary>
internal sealed class CheckpointDocument
{
    public const int CurrentVersion = 2;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The API's base address.</summary>
    public string Server { get; set; } = string.Empty;

    /// <summary>8 bytes of the key's SHA-256: tells organisations apart, cannot give the key back.</summary>
    public string KeyFingerprint { get; set; } = string.Empty;

    /// <summary>The query's filters and sort exactly as they go on the wire (no paging): the export's identity.</summary>
    public string Query { get; set; } = string.Empty;

    public int PageSize { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When the current run began, and where its walk stands.</summary>
    public DateTime RunStartedAt { get; set; }

    public WalkPosition Position { get; set; } = new WalkPosition();
}
