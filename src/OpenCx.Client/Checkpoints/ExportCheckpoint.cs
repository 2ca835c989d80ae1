using System;
using System.IO;
using System.Text;
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
/// Saved after each page has gone down the pipeline, by writing a new file beside it and renaming
/// it over the old one, so a process killed mid-write leaves the old checkpoint whole. It is tied
/// to one export: the server, the key's fingerprint and the query's filters and sort.
/// </remarks>
public sealed class ExportCheckpoint
{
    private readonly CheckpointDocument _document;

    private ExportCheckpoint(string path, CheckpointDocument document, CheckpointStart start, SessionQuery query)
    {
        Path = path;
        _document = document;
        Start = start;
        QueryForThisRun = query;
    }

    public string Path { get; }

    public CheckpointStart Start { get; }

    /// <summary>The query this run reads; the walk itself starts an incremental run where the last complete one ended.</summary>
    public SessionQuery QueryForThisRun { get; }

    /// <summary>Where the last run stood (interrupted, or complete: the walk then reads what came since); null for a new export.</summary>
    public WalkPosition? ResumeFrom => Start == CheckpointStart.New ? null : _document.Position;

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/>, or starts one if there is none.
    /// </summary>
    /// <exception cref="CheckpointException">The file belongs to another export, or cannot be read.</exception>
    public static ExportCheckpoint Open(string path, OpenCxClient client, SessionQuery query, int pageSize)
    {
        string identity = Identity(query);
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
            return new ExportCheckpoint(path, fresh, CheckpointStart.New, query);
        }

        CheckpointDocument document = Read(path);
        Refuse(path, "server", document.Server, server);
        Refuse(path, "API key (fingerprint)", document.KeyFingerprint, client.KeyFingerprint);
        Refuse(path, "filters and sort", document.Query, identity);
        if (!document.Position.IsComplete)
        {
            return new ExportCheckpoint(path, document, CheckpointStart.Resume, query);
        }

        // Complete: the walk reads what was created since the newest session the last run consumed.
        document.RunStartedAt = DateTime.UtcNow;
        return new ExportCheckpoint(path, document, CheckpointStart.Incremental, query);
    }

    /// <summary>What the command is about to do, for -Verbose.</summary>
    public string Describe() => Start switch
    {
        CheckpointStart.New => $"Checkpoint {Path}: none yet; this run starts the export and records where it stands after each page.",
        CheckpointStart.Resume => $"Checkpoint {Path}: resuming the run begun {Format(_document.RunStartedAt)} after {_document.Position.Consumed} session(s), "
            + (_document.Position.Boundary is DateTime boundary ? $"at sessions created {Format(boundary)}." : $"at page {_document.Position.Page}."),
        _ => $"Checkpoint {Path}: the last run is complete; reading only sessions created since {Format(_document.Position.Newest)}, and those of the look-back window before it.",
    };

    /// <summary>Records where the walk stands; a kill during the write leaves the previous checkpoint.</summary>
    /// <exception cref="CheckpointException">The file cannot be written.</exception>
    public void Save(WalkPosition position)
    {
        _document.Position = position;
        _document.UpdatedAt = DateTime.UtcNow;
        string temporary = Path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, _document, CheckpointJsonContext.Default.CheckpointDocument);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(Path))
            {
                File.Replace(temporary, Path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, Path);
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new CheckpointException($"The checkpoint {Path} cannot be written: {e.Message} Choose a -Checkpoint path in a folder you can write to.", otherExport: false, e);
        }
    }

    private static CheckpointDocument Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            CheckpointDocument? document = JsonSerializer.Deserialize(stream, CheckpointJsonContext.Default.CheckpointDocument);
            if (document is null || document.Version != CheckpointDocument.CurrentVersion)
            {
                throw new CheckpointException(
                    $"{path} is not a checkpoint this version of the module can read (version {document?.Version.ToString() ?? "missing"}, expected {CheckpointDocument.CurrentVersion}). Give -Checkpoint another file, or delete this one to start the export over.", otherExport: false);
            }

            return document;
        }
        catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
        {
            throw new CheckpointException($"The checkpoint {path} cannot be read: {e.Message} Give -Checkpoint another file, or delete this one to start the export over.", otherExport: false, e);
        }
    }

    private static void Refuse(string path, string what, string recorded, string now)
    {
        if (!string.Equals(recorded, now, StringComparison.Ordinal))
        {
            throw new CheckpointException(
                $"The checkpoint {path} belongs to another export: its {what} ({recorded}) differ from this command's ({now}). "
                + "Run the command that made it, give this command a checkpoint file of its own, or delete the file to start over.",
                otherExport: true);
        }
    }

    /// <summary>The filters and sort as they go on the wire: equal for the same export, whatever the page.</summary>
    private static string Identity(SessionQuery query) => Encoding.UTF8.GetString(FilterRequestWriter.Write(
        SessionQuery.Request(query.ToWireFilters(), query.CreatedFrom, query.CreatedBefore, query.SortBy, query.SortOrder, page: 1, limit: 1)));

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
