using System;
using System.Management.Automation;
using OpenCx.Client.Checkpoints;
using OpenCx.Client.Export;

namespace OpenCx.Commands.Infrastructure;

/// <summary>The module's own errors (not the API's): ids, categories and messages in one place.</summary>
internal static class Errors
{
    public static ErrorRecord NotConnected() => Record(
        "OpenCxNotConnected",
        ErrorCategory.InvalidOperation,
        "There is no OpenCX connection. Run Connect-OpenCx (or Connect-OpenCx -Sandbox to try the module with generated data), or pass -Connection.",
        null,
        message => new PSInvalidOperationException(message));

    public static ErrorRecord NoApiKey() => Record(
        "OpenCxApiKeyMissing",
        ErrorCategory.AuthenticationError,
        "No API key: pass -ApiKey (a SecureString, e.g. from Get-Secret or Read-Host -AsSecureString) or set the OPENCX_API_KEY environment variable. To try the module without a key, run Connect-OpenCx -Sandbox.",
        null);

    public static ErrorRecord EmptyApiKey(string parameter) => Record(
        "OpenCxApiKeyMissing",
        ErrorCategory.AuthenticationError,
        $"{parameter} holds no key. Pass the organisation's API key{(parameter == "-Credential" ? " as the credential's password (the user name is not used)" : string.Empty)}; when {parameter} is given, the OPENCX_API_KEY environment variable is not used, so that a missing key never connects with another organisation's.",
        null);

    public static ErrorRecord InvalidBaseUri(string reason, Uri? baseUri) => Record(
        "OpenCxInvalidBaseUri",
        ErrorCategory.InvalidArgument,
        reason,
        baseUri);

    /// <summary>Proxy parameters that contradict each other, or an address no proxy can have.</summary>
    public static ErrorRecord InvalidProxy(string reason, object? proxy) => Record(
        "OpenCxInvalidProxy",
        ErrorCategory.InvalidArgument,
        reason,
        proxy);

    public static ErrorRecord InvalidTrustedCertificate(string reason, object? certificate) => Record(
        "OpenCxInvalidTrustedCertificate",
        ErrorCategory.InvalidArgument,
        reason,
        certificate);

    /// <summary>A checkpoint of another export, one another run uses, or one that cannot be read or written.</summary>
    public static ErrorRecord Checkpoint(CheckpointException reason, string path) => Record(
        reason.Problem switch
        {
            CheckpointProblem.OtherExport => "OpenCxCheckpointMismatch",
            CheckpointProblem.InUse => "OpenCxCheckpointInUse",
            _ => "OpenCxCheckpointUnusable",
        },
        reason.Problem switch
        {
            CheckpointProblem.OtherExport => ErrorCategory.InvalidData,
            CheckpointProblem.InUse => ErrorCategory.ResourceBusy,
            _ => ErrorCategory.ReadError,
        },
        reason.Message,
        path,
        message => new PSInvalidOperationException(message, reason));

    /// <summary>An export file of other columns or another format, one another command writes, or one that cannot be written.</summary>
    public static ErrorRecord ExportFile(ExportFileException reason) => Record(
        reason.Problem switch
        {
            ExportFileProblem.OtherContent => "OpenCxExportFileMismatch",
            ExportFileProblem.InUse => "OpenCxExportFileInUse",
            _ => "OpenCxExportFileUnusable",
        },
        reason.Problem switch
        {
            ExportFileProblem.OtherContent => ErrorCategory.InvalidData,
            ExportFileProblem.InUse => ErrorCategory.ResourceBusy,
            _ => ErrorCategory.WriteError,
        },
        reason.Message,
        reason.Path,
        message => new PSInvalidOperationException(message, reason));

    public static ErrorRecord InvalidArgument(string errorId, string message, object? target) => Record(
        errorId,
        ErrorCategory.InvalidArgument,
        message,
        target);

    private static ErrorRecord Record(string id, ErrorCategory category, string message, object? target, Func<string, Exception>? exception = null) =>
        new ErrorRecord((exception ?? (text => new PSArgumentException(text)))(message), id, category, target);
}
