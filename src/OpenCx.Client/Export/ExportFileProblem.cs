namespace OpenCx.Client.Export;

/// <summary>Why an export file cannot be written to.</summary>
public enum ExportFileProblem
{
    /// <summary>The file cannot be read, written or made durable.</summary>
    Unusable,

    /// <summary>The file holds other columns, or is not a file of sessions in this format.</summary>
    OtherContent,

    /// <summary>Another command is writing it.</summary>
    InUse,
}
