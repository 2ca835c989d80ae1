using System;
using System.IO;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// How a checkpoint file is written, for every kind of checkpoint: whole, to a temporary file of
/// its own, flushed to disk, then put in place, so that a kill at any instant leaves the previous
/// checkpoint or the new one, never a part.
/// </summary>
internal static class CheckpointFileWrite
{
    private const string TemporarySuffix = ".tmp";

    /// <exception cref="CheckpointException">The file cannot be written.</exception>
    public static void Replace(string path, Action<Stream> write)
    {
        string temporary = TemporaryPath(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw CannotWrite(path, e);
        }
    }

    /// <summary>What killed runs left: under the lock no write of another run can be in progress.</summary>
    public static void RemoveTemporaryFiles(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (string leftOver in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".*" + TemporarySuffix))
        {
            TryDelete(leftOver);
        }
    }

    /// <summary>Finds a folder the run cannot write to before any request, not after the first page.</summary>
    /// <exception cref="CheckpointException">The folder cannot be written to.</exception>
    public static void ProveWritable(string path)
    {
        string probe = TemporaryPath(path);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw CannotWrite(path, e);
        }
    }

    /// <summary>A name no other write uses, even of a run that did not take the lock (an older version of the module).</summary>
    private static string TemporaryPath(string path) => $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";

    private static CheckpointException CannotWrite(string path, Exception e) => new(
        $"The checkpoint {path} cannot be written: {e.Message} Choose a -Checkpoint path in a folder you can write to.",
        CheckpointProblem.Unusable,
        e);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Left for the next run with the lock to remove.
        }
    }
}
