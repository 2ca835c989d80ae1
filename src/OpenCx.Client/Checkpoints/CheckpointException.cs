using System;

namespace OpenCx.Client.Checkpoints;

/// <summary>A checkpoint file that cannot be used for this command: another export's, unreadable, or unwritable.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string message, bool otherExport, Exception? innerException = null)
        : base(message, innerException)
    {
        OtherExport = otherExport;
    }

    /// <summary>True when the file is whole but belongs to another export; false when it cannot be read or written.</summary>
    public bool OtherExport { get; }
}
