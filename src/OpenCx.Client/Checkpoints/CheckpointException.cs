using System;

namespace OpenCx.Client.Checkpoints;

/// <summary>A checkpoint file that cannot be used for this command: another export's, in use, unreadable, or unwritable.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string message, CheckpointProblem problem, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public CheckpointProblem Problem { get; }
}
