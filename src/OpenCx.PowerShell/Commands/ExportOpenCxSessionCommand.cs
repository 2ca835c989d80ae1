using System.Management.Automation;
using OpenCx.Client.Export;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// Appends piped sessions to a CSV or JSON Lines file of one fixed set of columns, durably:
/// with Get-OpenCxSession -Checkpoint upstream, the checkpoint records a page only once its
/// sessions are on disk, so a run killed at any instant loses none and tears no row.
/// </summary>
[Cmdlet(VerbsData.Export, "OpenCxSession")]
[OutputType(typeof(void))]
public sealed class ExportOpenCxSessionCommand : OpenCxCmdlet
{
    private SessionExportFile? _file;

    /// <summary>The file to append to, or to create.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Csv or JsonLines; by default JsonLines for .jsonl and .ndjson, Csv for any other name.</summary>
    [Parameter]
    public ExportFormat? Format { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public ChatSession InputObject { get; set; } = null!;

    protected override void BeginProcessing()
    {
        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        ExportFormat format = Format ?? SessionExportFile.FormatOf(path);
        try
        {
            _file = SessionExportFile.Open(path, format);
        }
        catch (ExportFileException e)
        {
            ThrowTerminatingError(Errors.ExportFile(e));
        }

        WriteVerbose($"Exporting to {path} as {format}; a session already in its last rows with the same UpdatedAt is not written again.");
    }

    protected override void ProcessRecord()
    {
        // A checkpoint upstream asks this file, before it records a page, to have its sessions on disk.
        var ledger = DeliveryLedger.Of(InputObject);
        ledger?.Register(_file!);
        try
        {
            _file!.Write(InputObject, oncePerSession: ledger?.OncePerSession == true);
            ledger?.Took(InputObject);
        }
        catch (ExportFileException e)
        {
            ThrowTerminatingError(Errors.ExportFile(e));
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            _file!.MakeDurable();
        }
        catch (ExportFileException e)
        {
            ThrowTerminatingError(Errors.ExportFile(e));
        }

        WriteVerbose($"{_file!.Written} session(s) written to {_file.Path}, {_file.Skipped} already there.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
        }

        base.Dispose(disposing);
    }
}
