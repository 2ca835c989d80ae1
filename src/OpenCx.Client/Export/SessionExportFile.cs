using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace OpenCx.Client.Export;

/// <summary>
/// A file of sessions that grows night after night: opened for this command alone, repaired
/// where a killed run cut its last row, and written in whole rows that reach the disk when a
/// checkpoint upstream asks (<see cref="MakeDurable"/>), once a page, or when the command ends.
/// </summary>
/// <remarks>
/// A run killed between making its rows durable and recording its checkpoint leaves rows the
/// next run reads again: a session whose id and UpdatedAt stand in a row of the file's last
/// <see cref="TailWindow"/> bytes is skipped. The same id with another UpdatedAt is a change (a
/// change sync brings them), and is written as a row of its own, unless the feed writes each
/// session once.
/// </remarks>
internal sealed class SessionExportFile : IDurableSink, IDisposable
{
    /// <summary>How much of the end of the file is read for the sessions it holds: many pages of the largest sessions.</summary>
    internal const int TailWindow = 8 * 1024 * 1024;

    /// <summary>Rows kept in memory, when no checkpoint asks for them sooner, before they are written.</summary>
    private const int PendingLimit = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly FileStream _stream;
    private readonly ExportFormat _format;
    private readonly HashSet<(Guid Id, string UpdatedAt)> _inFile;
    private readonly HashSet<Guid> _idsInFile;
    private readonly MemoryStream _pending = new MemoryStream();
    private bool _broken;

    private SessionExportFile(string path, FileStream stream, ExportFormat format, HashSet<(Guid Id, string UpdatedAt)> inFile)
    {
        Path = path;
        _stream = stream;
        _format = format;
        _inFile = inFile;
        _idsInFile = new HashSet<Guid>(inFile.Select(version => version.Id));
    }

    public string Path { get; }

    /// <summary>Sessions written by this command.</summary>
    public long Written { get; private set; }

    /// <summary>Sessions already in the file's tail, not written again.</summary>
    public long Skipped { get; private set; }

    /// <summary>The format a file's name asks for: JSON Lines for .jsonl and .ndjson, else CSV.</summary>
    public static ExportFormat FormatOf(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" ? ExportFormat.JsonLines : ExportFormat.Csv;

    /// <summary>Opens <paramref name="path"/> for appending, or creates it; checks its columns before anything is written.</summary>
    /// <exception cref="ExportFileException">Another command writes it, it holds something else, or it cannot be read or written.</exception>
    public static SessionExportFile Open(string path, ExportFormat format)
    {
        bool existed = File.Exists(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (existed && e is not PathTooLongException && e is not DirectoryNotFoundException)
        {
            throw new ExportFileException(path, $"Another command is writing {path}. Wait for it to end, or export to another -Path.", ExportFileProblem.InUse, e);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new ExportFileException(path, $"{path} cannot be written: {e.Message} Give -Path a file in a folder you can write to.", ExportFileProblem.Unusable, e);
        }

        try
        {
            HashSet<(Guid Id, string UpdatedAt)> inFile = format == ExportFormat.Csv ? PrepareCsv(path, stream) : PrepareJsonLines(path, stream);
            stream.Seek(0, SeekOrigin.End);
            return new SessionExportFile(path, stream, format, inFile);
        }
        catch (Exception e)
        {
            stream.Dispose();
            if (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ExportFileException(path, $"{path} cannot be read or written: {e.Message}", ExportFileProblem.Unusable, e);
            }

            throw;
        }
    }

    /// <summary>Takes a session: false when the file's tail already holds it as of the same change.</summary>
    /// <param name="session">The session.</param>
    /// <param name="oncePerSession">Its feed writes each session once: the tail holds it whatever its UpdatedAt.</param>
    /// <exception cref="ExportFileException">The rows could not be written.</exception>
    public bool Write(ChatSession session, bool oncePerSession)
    {
        if (oncePerSession ? _idsInFile.Contains(session.Id) : _inFile.Contains(SessionColumns.VersionOf(session)))
        {
            Skipped++;
            return false;
        }

        ThrowIfBroken();
        byte[] row = _format == ExportFormat.Csv ? Utf8.GetBytes(SessionColumns.Row(session)) : SessionJsonLine.Of(session);
        _pending.Write(row, 0, row.Length);
        Written++;
        if (_pending.Length >= PendingLimit)
        {
            WritePending();
        }

        return true;
    }

    public void MakeDurable()
    {
        ThrowIfBroken();
        WritePending();
        Guard(() => _stream.Flush(flushToDisk: true));
    }

    /// <summary>Writes what is pending (whole rows) and closes the file.</summary>
    public void Dispose()
    {
        try
        {
            if (!_broken && _pending.Length > 0)
            {
                MakeDurable();
            }
        }
        catch (ExportFileException)
        {
            // Nothing to report to at this point; what was not written is not in the checkpoint either.
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private void WritePending()
    {
        if (_pending.Length == 0)
        {
            return;
        }

        Guard(() => _stream.Write(_pending.GetBuffer(), 0, (int)_pending.Length));
        _pending.SetLength(0);
    }

    /// <summary>A failed write may have left part of a row: nothing more goes after it in this run.</summary>
    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            _broken = true;
            throw new ExportFileException(Path, $"Writing {Path} failed: {e.Message} The sessions not written are not recorded as exported either: run the same command again once the cause is fixed.", ExportFileProblem.Unusable, e);
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken)
        {
            throw new ExportFileException(Path, $"An earlier write to {Path} failed in this run; run the same command again once the cause is fixed.", ExportFileProblem.Unusable);
        }
    }

    /// <summary>
    /// Checks the header, cuts a torn last row, and reads the sessions of the tail. A row ends at a line
    /// break outside quotes: counting quotes from the start tells which breaks those are.
    /// </summary>
    private static HashSet<(Guid Id, string UpdatedAt)> PrepareCsv(string path, FileStream stream)
    {
        long length = stream.Length;
        long headerEnd = -1;
        long lastEnd = 0;
        long tailStart = -1;
        bool quoted = false;
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        int read;
        stream.Seek(0, SeekOrigin.Begin);
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (buffer[i] == (byte)'\n' && !quoted)
                {
                    lastEnd = offset + i + 1;
                    if (headerEnd < 0)
                    {
                        headerEnd = lastEnd;
                    }

                    if (tailStart < 0 && lastEnd >= length - TailWindow)
                    {
                        tailStart = lastEnd;
                    }
                }
            }

            offset += read;
        }

        byte[] header = Utf8.GetBytes(SessionColumns.Header);
        if (headerEnd < 0)
        {
            // Empty, or cut while its header was written: begin it again; anything else is not ours.
            byte[] content = ReadRange(stream, 0, length);
            int bom = HasBom(content) ? 3 : 0;
            if (!header.Take(content.Length - bom).SequenceEqual(content.Skip(bom)))
            {
                throw new ExportFileException(path, $"{path} is not a CSV file of sessions (it has no header row of the columns {string.Join(",", SessionColumns.Names)}). Export to another -Path, or move this file away.", ExportFileProblem.OtherContent);
            }

            stream.SetLength(0);
            stream.Write(header, 0, header.Length);
            stream.Flush(flushToDisk: true);
            return new HashSet<(Guid Id, string UpdatedAt)>();
        }

        List<string> columns = CsvText.Rows(Decode(ReadRange(stream, 0, headerEnd))).First();
        if (!columns.SequenceEqual(SessionColumns.Names, StringComparer.Ordinal))
        {
            throw new ExportFileException(
                path,
                $"{path} has other columns than an export of sessions writes ({string.Join(",", columns)}; expected {string.Join(",", SessionColumns.Names)}), so nothing was appended to it. Export to another -Path, or move this file away to start a new one.",
                ExportFileProblem.OtherContent);
        }

        Truncate(stream, lastEnd, length);
        var versions = new HashSet<(Guid Id, string UpdatedAt)>();
        long from = Math.Max(headerEnd, tailStart < 0 ? headerEnd : tailStart);
        foreach (List<string> row in CsvText.Rows(Decode(ReadRange(stream, from, lastEnd - from))))
        {
            if (row.Count == columns.Count && Guid.TryParse(row[0], out Guid id))
            {
                versions.Add((id, row[SessionColumns.UpdatedAtColumn]));
            }
        }

        return versions;
    }

    /// <summary>Cuts a torn last line (JSON breaks no line inside a value), then reads the sessions of the tail.</summary>
    private static HashSet<(Guid Id, string UpdatedAt)> PrepareJsonLines(string path, FileStream stream)
    {
        long length = stream.Length;
        long from = Math.Max(0, length - TailWindow);
        byte[] tail = ReadRange(stream, from, length - from);
        int lastBreak = Array.LastIndexOf(tail, (byte)'\n');
        long lastEnd = lastBreak < 0 ? (from == 0 ? 0 : throw Foreign(path)) : from + lastBreak + 1;
        int firstLine = from == 0 ? 0 : Array.IndexOf(tail, (byte)'\n') + 1;
        var versions = new HashSet<(Guid Id, string UpdatedAt)>();
        foreach (string line in Decode(tail.Skip(firstLine).Take((int)(lastEnd - from) - firstLine).ToArray()).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                versions.Add(SessionJsonLine.VersionOf(line));
            }
            catch (Exception e) when (e is JsonException || e is FormatException)
            {
                throw Foreign(path);
            }
        }

        Truncate(stream, lastEnd, length);
        return versions;
    }

    private static ExportFileException Foreign(string path) => new ExportFileException(
        path,
        $"{path} is not a JSON Lines file of sessions (a line is not a JSON object with the session's Id and UpdatedAt), so nothing was appended to it. Export to another -Path, or move this file away.",
        ExportFileProblem.OtherContent);

    private static void Truncate(FileStream stream, long end, long length)
    {
        if (end < length)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }
    }

    private static byte[] ReadRange(FileStream stream, long from, long count)
    {
        byte[] bytes = new byte[count];
        stream.Seek(from, SeekOrigin.Begin);
        int done = 0;
        while (done < count)
        {
            int read = stream.Read(bytes, done, (int)count - done);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return bytes;
    }

    private static bool HasBom(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;

    private static string Decode(byte[] bytes) =>
        HasBom(bytes) ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3) : Encoding.UTF8.GetString(bytes);
}
