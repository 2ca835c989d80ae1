namespace OpenCx.Client.Checkpoints;

/// <summary>Why a checkpoint file cannot be used for this command.</summary>
public enum CheckpointProblem
{
    /// <summary>The file cannot be read or written.</summary>
    Unusable,

    /// <summary>The file is whole but belongs to another export.</summary>
    OtherExport,

    /// <summary>Another run holds the file's lock.</summary>
    InUse,
}
