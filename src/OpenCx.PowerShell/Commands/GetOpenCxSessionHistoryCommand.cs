using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using OpenCx.Client.Checkpoints;
using OpenCx.Client.Cursors;
using OpenCx.Client.Http;
using OpenCx.Commands.Connection;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// <para type="synopsis">Gets the events of chat sessions (messages, handoffs, agents joining...), oldest first.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OpenCxSessionHistory")]
[OutputType(typeof(SessionEvent))]
public sealed class GetOpenCxSessionHistoryCommand : OpenCxCmdlet
{
    private const int ProgressId = 0x0CC6;

    private OpenCxConnection _connection = null!;
    private SessionsDoneFile? _checkpoint;
    private readonly Stopwatch _elapsed = new();
    private int _sessionsDone;
    private int _sessionsSkipped;
    private long _eventsWritten;
    private int _sessionsGiven;

    /// <summary>The sessions whose history to read; sessions from Get-OpenCxSession bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[] SessionId { get; set; } = null!;

    /// <summary>A file that records the sessions whose history was written, so that running the same command again resumes it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Checkpoint { get; set; }

    [Parameter]
    [ValidateNotNull]
    public OpenCxConnection? Connection { get; set; }

    private string ProgressActivity => $"Reading session histories from {_connection}";

    protected override void BeginProcessing()
    {
        _connection = Connection ?? DefaultConnection.Current ?? ThrowNotConnected();
        if (Checkpoint is not null)
        {
            string path = GetUnresolvedProviderPathFromPSPath(Checkpoint);
            try
            {
                _checkpoint = SessionsDoneFile.Open(path);
            }
            catch (CheckpointException e)
            {
                ThrowTerminatingError(Errors.Checkpoint(e, path));
            }

            WriteVerbose($"Checkpoint {path}: {_checkpoint!.Count} session(s) already written are skipped.");
        }

        _elapsed.Start();
    }

    protected override void ProcessRecord()
    {
        // Given as a parameter, every id is known at once: the progress can say how many are left.
        if (!MyInvocation.ExpectingInput)
        {
            _sessionsGiven = SessionId.Length;
        }

        foreach (string text in SessionId)
        {
            if (!Guid.TryParse(text, out Guid id))
            {
                WriteError(Errors.InvalidArgument(
                    "OpenCxInvalidSessionId",
                    $"'{text}' is not a session id: give the UUID of a session (the Id of what Get-OpenCxSession writes).",
                    text));
                continue;
            }

            ReadHistory(id);
        }
    }

    protected override void EndProcessing() =>
        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _checkpoint?.Dispose();
        }

        base.Dispose(disposing);
    }

    internal override void OnWaiting(WaitProgress wait) =>
        WriteProgress(wait.ToRecord(ProgressId, ProgressActivity, DoneSoFar));

    private string DoneSoFar => $"{_sessionsDone} session(s), {_eventsWritten} event(s)";

    private void ReadHistory(Guid id)
    {
        string key = id.ToString();
        if (_checkpoint?.IsDone(key) == true)
        {
            _sessionsSkipped++;
            WriteVerbose($"Session {key}: written before (checkpoint), skipped.");
            return;
        }

        WriteSessionProgress(key);
        CursorWalk<SessionEvent> walk = _connection.Client.WalkHistory(id, Trace);
        try
        {
            while (Await(walk.NextAsync(Cancellation)) is CursorPage<SessionEvent> page)
            {
                foreach (SessionEvent item in page.Items)
                {
                    WriteObject(item);
                    _eventsWritten++;
                }
            }
        }
        catch (OpenCxException e) when (e.Kind == OpenCxErrorKind.SessionNotFound)
        {
            // One missing session (deleted, or a typo) must not stop the rest of an export.
            WriteError(ApiErrors.ToErrorRecord(e, key));
            return;
        }
        catch (OpenCxException e)
        {
            ThrowApiError(e, key, _checkpoint is null ? null : $"Run the same command again with -Checkpoint '{Checkpoint}' to continue at session {key}.");
        }

        _sessionsDone++;
        _checkpoint?.MarkDone(key);
    }

    private void WriteSessionProgress(string key)
    {
        int finished = _sessionsDone + _sessionsSkipped;
        var record = new ProgressRecord(ProgressId, ProgressActivity, $"Session {key}: {DoneSoFar} so far");
        if (_sessionsGiven > 0)
        {
            record.PercentComplete = Math.Min(100, finished * 100 / _sessionsGiven);
            if (_sessionsDone > 0)
            {
                double perSession = _elapsed.Elapsed.TotalSeconds / _sessionsDone;
                record.SecondsRemaining = (int)Math.Ceiling(perSession * (_sessionsGiven - finished));
            }
        }

        WriteProgress(record);
    }

    private OpenCxConnection ThrowNotConnected()
    {
        ThrowTerminatingError(Errors.NotConnected());
        return null!;
    }
}
