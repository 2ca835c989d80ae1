using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The file of a change sync (-Checkpoint with -IncludeUpdated), as JSON: which sync it belongs
/// to, where the current run starts and stands, and the sessions written recently enough that
/// the next run's overlap can return them again. No key, no session data beyond ids and times.
/// </summary>
internal sealed class SyncCheckpointDocument
{
    public const int CurrentVersion = 1;

    public const string SyncKind = "change-sync";

    public int Version { get; set; } = CurrentVersion;

    /// <summary>Tells this file from an export's checkpoint (which has no kind).</summary>
    public string Kind { get; set; } = string.Empty;

    public string Server { get; set; } = string.Empty;

    public string KeyFingerprint { get; set; } = string.Empty;

    /// <summary>The sync's filters as they go on the wire, and those applied to what comes back.</summary>
    public string Query { get; set; } = string.Empty;

    public DateTime UpdatedAt { get; set; }

    /// <summary>The newest updated_at of every session written by the sync so far.</summary>
    public DateTime? HighWater { get; set; }

    /// <summary>The current run reads sessions updated after this instant; null in the first run (everything).</summary>
    public DateTime? RunFrom { get; set; }

    /// <summary>Sessions earlier runs wrote with updated_at at or after <see cref="RunFrom"/>: not written again in that state.</summary>
    public List<WrittenSession> Window { get; set; } = new List<WrittenSession>();

    public SyncRun Run { get; set; } = new SyncRun();
}

/// <summary>One run of a sync: when it began, where its walk stands, what it has written.</summary>
internal sealed class SyncRun
{
    public DateTime StartedAt { get; set; }

    /// <summary>Which request series (one per status and channel) the walk is in.</summary>
    public int Series { get; set; }

    /// <summary>The server's cursor within that series; null for its first page.</summary>
    public string? Cursor { get; set; }

    public bool Complete { get; set; }

    /// <summary>Every session this run has written: never written twice in one run, even across an interruption.</summary>
    public List<WrittenSession> Written { get; set; } = new List<WrittenSession>();
}

/// <summary>A session as written: its id and the updated_at of the state written.</summary>
public sealed class WrittenSession
{
    public Guid Id { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Source-generated (de)serialization of the sync checkpoint: readable, indented JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SyncCheckpointDocument))]
internal sealed partial class SyncCheckpointJsonContext : JsonSerializerContext
{
}
