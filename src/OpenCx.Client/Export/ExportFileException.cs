using System;

namespace OpenCx.Client.Export;

/// <summary>An export file this command cannot append to, or a write to it that failed.</summary>
public sealed class ExportFileException : Exception
{
    public ExportFileException(string path, string message, ExportFileProblem problem, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public ExportFileProblem Problem { get; }
}
