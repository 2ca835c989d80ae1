using System;
using System.IO;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The run's claim on a checkpoint: a file beside it (<c>&lt;checkpoint&gt;.lock</c>) held open
/// without sharing for the whole run. The system lets go of it when the process ends, however it ends.
/// </summary>
/// <remarks>
/// The file stays when the run ends: deleting it would let a run that opened it just before
/// lock a file no longer in the folder while a third run locks a new one.
/// </remarks>
internal sealed class CheckpointLock : IDisposable
{
    private readonly FileStream _handle;

    private CheckpointLock(FileStream handle)
    {
        _handle = handle;
    }

    /// <exception cref="CheckpointException">Another run holds it, or it cannot be made in that folder.</exception>
    public static CheckpointLock Acquire(string checkpointPath)
    {
        string path = checkpointPath + ".lock";
        try
        {
            return new CheckpointLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (File.Exists(path) && e is not PathTooLongException && e is not DirectoryNotFoundException)
        {
            throw new CheckpointException(
                $"Another run is using the checkpoint {checkpointPath} (it holds {path}). Wait for it to end, or give this command a checkpoint file of its own.",
                CheckpointProblem.InUse,
                e);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new CheckpointException(
                $"The checkpoint {checkpointPath} cannot be used: its lock file {path} cannot be created ({e.Message}). Choose a -Checkpoint path in a folder you can write to.",
                CheckpointProblem.Unusable,
                e);
        }
    }

    public void Dispose() => _handle.Dispose();
}
