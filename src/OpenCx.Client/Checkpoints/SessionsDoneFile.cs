using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The checkpoint of a transcript export: the ids of the sessions whose every event was
/// written, one a line, after a header naming what the file is. A session is added only once
/// all its events are out, so a resumed export repeats at most the one session it stopped in.
/// </summary>
/// <remarks>
/// Its own small document beside the filter's <see cref="ExportCheckpoint"/>: the two record
/// different positions (a cursor walk over many sessions, a keyset walk over one query), and an
/// append-only list survives a process killed mid-write (a torn last line is ignored).
/// </remarks>
public sealed class SessionsDoneFile : IDisposable
{
    /// <summary>The first line: tells this file from another command's checkpoint.</summary>
    public const string Header = "# OpenCx transcript checkpoint v1: sessions whose whole history was written";

    private readonly HashSet<string> _done = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileStream _stream;

    private SessionsDoneFile(FileStream stream, IEnumerable<string> done)
    {
        _stream = stream;
        _done.UnionWith(done);
    }

    public string Path => _stream.Name;

    /// <summary>Sessions a previous run (or this one) finished.</summary>
    public int Count => _done.Count;

    /// <summary>Opens (or creates) the file at <paramref name="path"/>, locked against a second export writing it at the same time.</summary>
    /// <exception cref="CheckpointException">The file is another command's checkpoint, or cannot be read or written.</exception>
    public static SessionsDoneFile Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new CheckpointException($"The checkpoint '{path}' cannot be opened: {e.Message}", CheckpointProblem.Unusable, e);
        }

        try
        {
            var done = new List<string>();
            var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096);
            string? first = reader.ReadLine();
            if (first is null)
            {
                byte[] header = Encoding.UTF8.GetBytes(Header + "\n");
                stream.Write(header, 0, header.Length);
                stream.Flush(flushToDisk: true);
                return new SessionsDoneFile(stream, done);
            }

            if (first != Header)
            {
                throw new CheckpointException($"'{path}' is not a checkpoint of Get-OpenCxSessionHistory. Give another -Checkpoint path, or delete the file to start over.", CheckpointProblem.OtherExport);
            }

            string content = reader.ReadToEnd();

            // Only whole lines count: a line without its newline was torn by a crash.
            int end = content.LastIndexOf('\n');
            foreach (string line in (end < 0 ? string.Empty : content.Substring(0, end)).Split('\n'))
            {
                if (line.Length > 0)
                {
                    done.Add(line);
                }
            }

            stream.SetLength(Encoding.UTF8.GetByteCount(first + "\n" + (end < 0 ? string.Empty : content.Substring(0, end + 1))));
            stream.Seek(0, SeekOrigin.End);
            return new SessionsDoneFile(stream, done);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool IsDone(string sessionId) => _done.Contains(sessionId);

    /// <summary>Records a session as written, on disk before it returns.</summary>
    public void MarkDone(string sessionId)
    {
        if (!_done.Add(sessionId))
        {
            return;
        }

        byte[] line = Encoding.UTF8.GetBytes(sessionId + "\n");
        _stream.Write(line, 0, line.Length);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}
