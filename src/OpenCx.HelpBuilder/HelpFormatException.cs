using System;

namespace OpenCx.HelpBuilder;

/// <summary>A help file that does not follow the platyPS schema, with the place to fix it.</summary>
internal sealed class HelpFormatException : Exception
{
    public HelpFormatException(string file, int line, string message)
        : base(message)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }

    /// <summary>The canonical error format MSBuild and editors turn into a clickable error.</summary>
    public override string ToString() => $"{File}({Line}): error OCXHELP: {Message}";
}
