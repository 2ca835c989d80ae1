using System;
using System.IO;
using System.Text.Json;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The file in which an export keeps where it stands, so that running the same command again
/// continues an interrupted run, or, after a complete one, reads only the sessions created since.
/// </summary>
/// <remarks>
/// A run holds the file's lock (<see cref="CheckpointLock"/>) from <see cref="Open"/> until it is
/// disposed. Saved after each page has been delivered, by writing a new file of a name of its
/// own beside it and renaming it over the old one, so a process killed mid-write leaves the old
/// checkpoint whole. It is tied to one export: the server, the key's fingerprint and the query's
/// filters, end and sort (<see cref="CheckpointIdentity"/>); the start may move.
/// </remarks>
public sealed class ExportCheckpoint : IDisposable
{
    private readonly CheckpointDocument _document;
    private readonly CheckpointLock _lock;
    private readonly WalkPosition? _resumeFrom;

    private ExportCheckpoint(string path, CheckpointLock claim, CheckpointDocument document, CheckpointStart start, SessionQuery query, WalkPosition? resumeFrom)
    {
        Path = path;
        _lock = claim;
        _document = document;
        Start = start;
        _resumeFrom = resumeFrom;
        QueryForThisRun = query;
    }

    public string Path { get; }

    public CheckpointStart Start { get; }

    /// <summary>The query this run reads; the walk itself starts an incremental run where the last complete one ended.</summary>
    public SessionQuery QueryForThisRun { get; }

    /// <summary>Where the last run stood (interrupted, or complete: the walk then reads what came since); null for a new export.</summary>
    public WalkPosition? ResumeFrom => _resumeFrom;

    /// <summary>
    /// Takes the checkpoint at <paramref name="path"/> for this run, reading it, or starts one if
    /// there is none; nothing is sent before, so every problem with the file shows first.
    /// </summary>
    /// <exception cref="CheckpointException">Another run uses it, it belongs to another export, or it cannot be read or written.</exception>
    public static ExportCheckpoint Open(string path, OpenCxClient client, SessionQuery query, int pageSize)
    {
        var claim = CheckpointLock.Acquire(path);
        try
        {
            CheckpointFileWrite.RemoveTemporaryFiles(path);
            CheckpointFileWrite.ProveWritable(path);
            return Open(path, claim, client, query, pageSize);
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    private static ExportCheckpoint Open(string path, CheckpointLock claim, OpenCxClient client, SessionQuery query, int pageSize)
    {
        string identity = CheckpointIdentity.Of(query);
        string server = client.Endpoint.GetLeftPart(UriPartial.Path);
        if (!File.Exists(path))
        {
            var fresh = new CheckpointDocument
            {
                Server = server,
                KeyFingerprint = client.KeyFingerprint,
                Query = identity,
                PageSize = pageSize,
                RunStartedAt = DateTime.UtcNow,
            };
            return new ExportCheckpoint(path, claim, fresh, CheckpointStart.New, query, resumeFrom: null);
        }

        CheckpointDocument document = CheckpointFile.Read(path, query);
        Refuse(path, "server", document.Server, server);
        Refuse(path, "API key (fingerprint)", document.KeyFingerprint, client.KeyFingerprint);
        Refuse(path, "filters, end and sort", document.Query, identity);
        WalkPosition position = ReadPosition(path, document);
        if (!position.IsComplete)
        {
            return new ExportCheckpoint(path, claim, document, CheckpointStart.Resume, query, position);
        }

        // Complete: the walk reads what was created since the newest session the last run consumed.
        document.Query = identity;
        document.RunStartedAt = DateTime.UtcNow;
        return new ExportCheckpoint(path, claim, document, CheckpointStart.Incremental, query, position);
    }

    /// <summary>What the command is about to do, for -Verbose.</summary>
    public string Describe() => Start switch
    {
        CheckpointStart.New => $"Checkpoint {Path}: none yet; this run starts the export and records where it stands after each page.",
        CheckpointStart.Resume => $"Checkpoint {Path}: resuming the run begun {Format(_document.RunStartedAt)} after {_resumeFrom!.Consumed} session(s), "
            + (_resumeFrom.Boundary is DateTime boundary ? $"at sessions created {Format(boundary)}." : $"at page {_resumeFrom.Page}."),
        _ => $"Checkpoint {Path}: the last run is complete; reading only sessions created since {Format(_resumeFrom!.Newest)}, and those of the look-back window before it.",
    };

    /// <summary>Records where the walk stands; a kill during the write leaves the previous checkpoint.</summary>
    /// <exception cref="CheckpointException">The file cannot be written.</exception>
    public void Save(WalkPosition position)
    {
        _document.Position = PositionToken.Write(position);
        _document.RunFrom = null;
        _document.WrittenAtRunFrom = null;
        _document.UpdatedAt = DateTime.UtcNow;
        CheckpointFileWrite.Replace(Path, stream => JsonSerializer.Serialize(stream, _document, CheckpointJsonContext.Default.CheckpointDocument));
    }

    /// <summary>Lets go of the checkpoint: another run may take it.</summary>
    public void Dispose() => _lock.Dispose();

    private static WalkPosition ReadPosition(string path, CheckpointDocument document)
    {
        try
        {
            return PositionToken.Read(document.Position, document.RunFrom, document.WrittenAtRunFrom);
        }
        catch (FormatException e)
        {
            throw new CheckpointException(
                $"The checkpoint {path} cannot be read: {e.Message} Give -Checkpoint another file, or delete this one to start the export over.",
                CheckpointProblem.Unusable,
                e);
        }
    }

    private static void Refuse(string path, string what, string recorded, string now)
    {
        if (!string.Equals(recorded, now, StringComparison.Ordinal))
        {
            throw new CheckpointException(
                $"The checkpoint {path} belongs to another export: its {what} ({recorded}) differ from this command's ({now}). "
                + "Run the command that made it (its -CreatedAfter may differ), give this command a checkpoint file of its own, or delete the file to start over.",
                CheckpointProblem.OtherExport);
        }
    }


    private static string Format(DateTime? instant) => FilterRequestWriter.FormatDate(instant) ?? "the start";
}

/// <summary>What a command with -Checkpoint does with the file it finds.</summary>
public enum CheckpointStart
{
    /// <summary>No file: the export starts.</summary>
    New,

    /// <summary>An interrupted run: it continues where it stopped.</summary>
    Resume,

    /// <summary>A complete run: only the sessions created since are read.</summary>
    Incremental,
}
