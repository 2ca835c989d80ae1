namespace OpenCx.Client.Export;

/// <summary>The formats an export file can have.</summary>
public enum ExportFormat
{
    /// <summary>Comma-separated values: one fixed set of columns, for Import-Csv and spreadsheets.</summary>
    Csv,

    /// <summary>One JSON object a line (JSON Lines, NDJSON): every property, nested objects kept.</summary>
    JsonLines,
}
