using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using OpenCx.Client.Http;
using OpenCx.Client.Listing;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// Where a change sync stands (-Checkpoint with -IncludeUpdated): the first run writes every
/// session; each later run writes every session created or updated since the one before, each
/// once, in its state now, and none again in a state an earlier run wrote.
/// </summary>
/// <remarks>
/// <para>
/// A run reads the list endpoint for sessions updated after <see cref="Overlap"/> before the
/// high-water mark (the newest updated_at written so far, or the time the last run began if
/// that is earlier): the overlap covers a client clock ahead of the server's, commits that
/// become visible after later ones, and sessions a moving cursor skipped while they changed
/// during the last run. The file keeps every session written at or after that start with the
/// updated_at written, so what the overlap returns unchanged is not written again.
/// </para>
/// <para>
/// Saved after each page has gone down the pipeline, by writing a new file beside it and renaming
/// it over the old one. A run that stops (Ctrl+C, an error, -First) is continued by the next
/// command at its cursor, and the ids it wrote are not written again in that run.
/// </para>
/// </remarks>
public sealed class SyncCheckpoint : IDisposable
{
    /// <summary>How far before the high-water mark each run starts again.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private readonly SyncCheckpointDocument _document;
    private readonly HashSet<Guid> _writtenThisRun;
    private CheckpointLock? _lock;

    private SyncCheckpoint(string path, SyncCheckpointDocument document, CheckpointStart start)
    {
        Path = path;
        _document = document;
        Start = start;
        _writtenThisRun = new HashSet<Guid>(document.Run.Written.Select(w => w.Id));
    }

    public string Path { get; }

    public CheckpointStart Start { get; }

    /// <summary>This run's lower bound on updated_at (exclusive); null in the first run.</summary>
    public DateTime? RunFrom => _document.RunFrom;

    /// <summary>Where the interrupted run stood; null when the run starts.</summary>
    public ListPosition? ResumeFrom => Start == CheckpointStart.Resume ? new ListPosition { Series = _document.Run.Series, Cursor = _document.Run.Cursor } : null;

    /// <summary>The ids this run has written (before an interruption): never written again in this run.</summary>
    public IEnumerable<Guid> WrittenThisRun => _writtenThisRun;

    /// <summary>Sessions earlier runs wrote that this run's range holds, with the updated_at written.</summary>
    public IReadOnlyDictionary<Guid, DateTime> WrittenEarlier =>
        _document.Window.GroupBy(w => w.Id).ToDictionary(g => g.Key, g => g.Max(w => w.UpdatedAt));

    /// <summary>Reads the checkpoint at <paramref name="path"/>, or starts a sync if there is none.</summary>
    /// <param name="identity">The sync's filters, as the list walk sends and applies them.</param>
    /// <param name="now">The client's clock now: when this run begins.</param>
    /// <exception cref="CheckpointException">The file belongs to another export or sync, or cannot be read.</exception>
    public static SyncCheckpoint Open(string path, OpenCxClient client, string identity, DateTime now)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        // One run at a time: two would each write the same changes and forget each other's.
        var claim = CheckpointLock.Acquire(path);
        try
        {
            SyncCheckpoint checkpoint = OpenLocked(path, client, identity, now);
            checkpoint._lock = claim;
            return checkpoint;
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    /// <summary>Lets go of the run's lock on the file.</summary>
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private static SyncCheckpoint OpenLocked(string path, OpenCxClient client, string identity, DateTime now)
    {
        string server = client.Endpoint.GetLeftPart(UriPartial.Path);
        if (!File.Exists(path))
        {
            var fresh = new SyncCheckpointDocument
            {
                Kind = SyncCheckpointDocument.SyncKind,
                Server = server,
                KeyFingerprint = client.KeyFingerprint,
                Query = identity,
                Run = new SyncRun { StartedAt = now },
            };
            return new SyncCheckpoint(path, fresh, CheckpointStart.New);
        }

        SyncCheckpointDocument document = Read(path);
        Refuse(path, "server", document.Server, server);
        Refuse(path, "API key (fingerprint)", document.KeyFingerprint, client.KeyFingerprint);
        Refuse(path, "filters", document.Query, identity);
        if (!document.Run.Complete)
        {
            return new SyncCheckpoint(path, document, CheckpointStart.Resume);
        }

        // The run before is complete: this one starts an overlap before its high-water mark, never
        // earlier than the one before (a clock set back must not bring back what the window forgot).
        DateTime mark = document.HighWater is DateTime high && high < document.Run.StartedAt ? high : document.Run.StartedAt;
        DateTime from = mark.Ticks > Overlap.Ticks ? mark - Overlap : DateTime.MinValue;
        if (document.RunFrom is DateTime previous && previous > from)
        {
            from = previous;
        }

        document.RunFrom = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        document.Window = document.Window.Concat(document.Run.Written)
            .Where(w => w.UpdatedAt >= from)
            .GroupBy(w => w.Id)
            .Select(g => g.OrderByDescending(w => w.UpdatedAt).First())
            .ToList();
        document.Run = new SyncRun { StartedAt = now };
        return new SyncCheckpoint(path, document, CheckpointStart.Incremental);
    }

    /// <summary>What the command is about to do, for -Verbose.</summary>
    public string Describe() => Start switch
    {
        CheckpointStart.New => $"Checkpoint {Path}: none yet; this first run of the sync writes every session and records where it stands after each page.",
        CheckpointStart.Resume => $"Checkpoint {Path}: resuming the run begun {Format(_document.Run.StartedAt)} after {_document.Run.Written.Count} session(s), "
            + (_document.RunFrom is null ? "reading every session." : $"reading sessions updated after {Format(_document.RunFrom)}."),
        _ => $"Checkpoint {Path}: reading sessions created or updated after {Format(_document.RunFrom)} ({Overlap.TotalMinutes:0} minutes before the newest change written); "
            + $"{_document.Window.Count} session(s) written since then are not written again unless they changed.",
    };

    /// <summary>Records the sessions written and where the walk stands; a kill during the write leaves the previous checkpoint.</summary>
    /// <exception cref="CheckpointException">The file cannot be written.</exception>
    public void Save(ListPosition position, IEnumerable<ChatSession> written, bool complete)
    {
        foreach (ChatSession session in written)
        {
            if (_writtenThisRun.Add(session.Id))
            {
                _document.Run.Written.Add(new WrittenSession { Id = session.Id, UpdatedAt = session.UpdatedAt });
            }

            if (_document.HighWater is null || session.UpdatedAt > _document.HighWater)
            {
                _document.HighWater = session.UpdatedAt;
            }
        }

        _document.Run.Series = position.Series;
        _document.Run.Cursor = position.Cursor;
        _document.Run.Complete = complete;
        _document.UpdatedAt = DateTime.UtcNow;
        CheckpointFileWrite.Replace(Path, stream => JsonSerializer.Serialize(stream, _document, SyncCheckpointJsonContext.Default.SyncCheckpointDocument));
    }

    private static SyncCheckpointDocument Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            SyncCheckpointDocument? document = JsonSerializer.Deserialize(stream, SyncCheckpointJsonContext.Default.SyncCheckpointDocument);
            if (document is null || document.Kind != SyncCheckpointDocument.SyncKind)
            {
                throw new CheckpointException(
                    $"{path} is not the checkpoint of a change sync (-IncludeUpdated); it belongs to an export of created sessions. Give -Checkpoint another file, or leave out -IncludeUpdated to continue that export.", CheckpointProblem.OtherExport);
            }

            if (document.Version != SyncCheckpointDocument.CurrentVersion)
            {
                throw new CheckpointException(
                    $"{path} is not a checkpoint this version of the module can read (version {document.Version}, expected {SyncCheckpointDocument.CurrentVersion}). Give -Checkpoint another file, or delete this one to start the sync over.", CheckpointProblem.Unusable);
            }

            return document;
        }
        catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
        {
            throw new CheckpointException($"The checkpoint {path} cannot be read: {e.Message} Give -Checkpoint another file, or delete this one to start the sync over.", CheckpointProblem.Unusable, e);
        }
    }

    private static void Refuse(string path, string what, string recorded, string now)
    {
        if (!string.Equals(recorded, now, StringComparison.Ordinal))
        {
            throw new CheckpointException(
                $"The checkpoint {path} belongs to another sync: its {what} ({recorded}) differ from this command's ({now}). "
                + "Run the command that made it, give this command a checkpoint file of its own, or delete the file to start over.",
                CheckpointProblem.OtherExport);
        }
    }

    private static string Format(DateTime? instant) => ListRequest.Format(instant) ?? "the start";
}
