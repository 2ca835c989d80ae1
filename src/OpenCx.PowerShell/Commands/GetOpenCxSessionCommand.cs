using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Client.Checkpoints;
using OpenCx.Client.Export;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Commands.Completion;
using OpenCx.Commands.Connection;
using OpenCx.Commands.Infrastructure;
using OpenCx.Commands.Validation;

namespace OpenCx.Commands;

/// <summary>
/// Streams the chat sessions that match every given filter, page by page, into the pipeline.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OpenCxSession", DefaultParameterSetName = AnyAssigneeSet, SupportsPaging = true)]
[OutputType(typeof(ChatSession))]
public sealed class GetOpenCxSessionCommand : OpenCxCmdlet
{
    /// <summary>Piped contact ids per request: few requests for many contacts, bodies still small.</summary>
    internal const int ContactBatchSize = 100;

    private const string AnyAssigneeSet = "AnyAssignee";
    private const string AssigneeSet = "Assignee";
    private const string UnassignedSet = "Unassigned";
    internal const int ProgressId = 0x0CC5;

    private readonly List<string> _pendingContactIds = new List<string>();
    private readonly HashSet<string> _queuedContactIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private OpenCxConnection _connection = null!;
    private ExportCheckpoint? _checkpoint;
    private SessionListReading? _list;
    private SessionByIdReading? _byId;
    private FollowOutage? _outage;

    // Asked, before each checkpoint, to have the file downstream hold what the checkpoint records.
    private readonly DeliveryLedger _ledger = new DeliveryLedger();
    private readonly HashSet<string> _warnings = new HashSet<string>(StringComparer.Ordinal);

    // The completers' values seen in this runspace, looked up once per command, not per session.
    private SeenValues _seen = null!;
    private SessionQuery _query = null!;
    private PagingBudget _budget = null!;
    private int _pagesRead;
    private long _sessionsWritten;

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("From")]
    [UtcInstantTransformation]
    [ValidateFilterValues]
    public DateTime? CreatedAfter { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("To")]
    [UtcInstantTransformation]
    [ValidateFilterValues]
    public DateTime? CreatedBefore { get; set; }

    /// <summary>Sessions updated strictly after this instant, read through the list endpoint.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [UtcInstantTransformation]
    public DateTime? UpdatedAfter { get; set; }

    /// <summary>Sessions updated strictly before this instant, read through the list endpoint.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [UtcInstantTransformation]
    public DateTime? UpdatedBefore { get; set; }

    /// <summary>Only sessions handed off to a human ($true) or only the others ($false), read through the list endpoint.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    public bool? HandedOff { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("Channels")]
    [ValidateFilterValues]
    [ValidateValueSet("web", "email", "phone_voice", "slack", "sms", "whatsapp", "instagram", "messenger", "api", "web_voice")]
    [ArgumentCompleter(typeof(ValueSetCompleter))]
    public string[]? Channel { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateFilterValues]
    [ValidateStatus]
    [ArgumentCompleter(typeof(StatusCompleter))]
    public string[]? Status { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("ai_closure")]
    [ValidateFilterValues]
    [ValidateValueSet("assumed_resolved", "handed_off", "resolved")]
    [ArgumentCompleter(typeof(ValueSetCompleter))]
    public string[]? AiClosure { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateFilterValues]
    [ValidateValueSet("angry", "happy", "neutral")]
    [ArgumentCompleter(typeof(ValueSetCompleter))]
    public string[]? Sentiment { get; set; }

    [Parameter(ParameterSetName = AssigneeSet, Mandatory = true)]
    [Alias("Assignees")]
    [ValidateFilterValues]
    [ValidateRange(0L, long.MaxValue)]
    [ArgumentCompleter(typeof(AssigneeIdCompleter))]
    public long[]? AssigneeId { get; set; }

    [Parameter(ParameterSetName = UnassignedSet, Mandatory = true)]
    public SwitchParameter Unassigned { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("team_ids")]
    [ValidateFilterValues]
    [ArgumentCompleter(typeof(TeamIdCompleter))]
    public string[]? TeamId { get; set; }

    /// <summary>
    /// Not validated by attribute: a piped object without a contact id binds nothing here and
    /// queries nothing. Given directly, an empty or blank value is refused in BeginProcessing.
    /// </summary>
    [Parameter(ParameterSetName = AnyAssigneeSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = AssigneeSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = UnassignedSet, ValueFromPipelineByPropertyName = true)]
    [Alias("contact_ids")]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? ContactId { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("ticket_number")]
    [ValidateRange(0L, long.MaxValue)]
    public long? TicketNumber { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateFilterValues]
    [ArgumentCompleter(typeof(LanguageCompleter))]
    public string[]? Language { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("Tags")]
    [ValidateFilterValues]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Tag { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("waiting_on")]
    [ValidateSet("customers", "human_agents")]
    public string? WaitingOn { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("custom_data")]
    [ValidateFilterValues]
    public Hashtable[]? CustomData { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("sort_by")]
    [ValidateSet("created_at", "last_message_at")]
    public string? SortBy { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [Alias("sort_order")]
    [ValidateSet("desc", "asc")]
    public string? SortOrder { get; set; }

    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateRange(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>After every matching session, keep writing the ones created afterwards, until stopped.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    public SwitchParameter Follow { get; set; }

    /// <summary>Seconds between polls with -Follow.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 30;

    /// <summary>
    /// Seconds an incremental run (-Checkpoint after a complete run, and every -Follow poll) reads
    /// back before the newest session written, for sessions that become visible late.
    /// </summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateRange(0, 86400)]
    public int LookBackSec { get; set; } = (int)WalkOptions.DefaultLookBack.TotalSeconds;

    /// <summary>A file that records where the export stands, so that running the same command again resumes it.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    [ValidateNotNullOrEmpty]
    public string? Checkpoint { get; set; }

    /// <summary>With -Checkpoint: a change sync, each run writing the sessions created or updated since the last.</summary>
    [Parameter(ParameterSetName = AnyAssigneeSet), Parameter(ParameterSetName = AssigneeSet), Parameter(ParameterSetName = UnassignedSet)]
    public SwitchParameter IncludeUpdated { get; set; }

    /// <summary>The sessions to read by id, one request each; piped objects bind their Id or SessionId here.</summary>
    [Parameter(ParameterSetName = SessionByIdReading.ParameterSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SessionId")]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>A session id piped as text, read as -Id.</summary>
    [Parameter(ParameterSetName = SessionByIdReading.ParameterSet, ValueFromPipeline = true, DontShow = true)]
    public PipedSessionId? InputObject { get; set; }

    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ConnectionCompleter))]
    public OpenCxConnection? Connection { get; set; }

    /// <summary>The connection this command reads through: -Connection or the default one.</summary>
    internal OpenCxConnection ConnectionInUse => _connection;

    internal System.Threading.CancellationToken StopToken => Cancellation;

    protected override void BeginProcessing()
    {
        _connection = Connection ?? DefaultConnection.Current ?? ThrowNotConnected();
        _byId = ParameterSetName == SessionByIdReading.ParameterSet ? SessionByIdReading.Plan(this) : null;
        _seen = SeenValues.ForThisRunspace;
        _query = BuildQuery();
        _budget = new PagingBudget(PagingParameters.Skip, PagingParameters.First);
        _list = SessionListReading.IsAskedFor(this) ? SessionListReading.Plan(this, _query, _budget) : null;
        _ledger.OncePerSession = !IncludeUpdated;
        if (_list is null)
        {
            RefuseFollowingWithoutAStart();
            _checkpoint = OpenCheckpoint();
        }

        if (PagingParameters.IncludeTotalCount)
        {
            // The API reports no total; say so the way SupportsPaging expects.
            WriteObject(PagingParameters.NewTotalCount(0, 0.0));
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == SessionByIdReading.ParameterSet)
        {
            // Piped ids choose the set only when the first one arrives, after BeginProcessing.
            (_byId ??= SessionByIdReading.Plan(this)).Read();
            return;
        }

        if (_list is not null)
        {
            _list.Read();
            return;
        }

        if (!MyInvocation.ExpectingInput)
        {
            WalkPosition end = Read(_query);
            if (Follow)
            {
                FollowFrom(end);
            }

            return;
        }

        foreach (string id in ContactId ?? Array.Empty<string>())
        {
            if (!string.IsNullOrWhiteSpace(id) && _queuedContactIds.Add(id))
            {
                _pendingContactIds.Add(id);
            }
        }

        if (_pendingContactIds.Count >= ContactBatchSize)
        {
            ReadPendingContacts();
        }
    }

    protected override void EndProcessing()
    {
        if (_pendingContactIds.Count > 0)
        {
            ReadPendingContacts();
        }

        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    internal string ProgressActivity => $"Reading sessions from {_connection}";

    private void ReadPendingContacts()
    {
        string[] batch = _pendingContactIds.ToArray();
        _pendingContactIds.Clear();
        WriteVerbose($"Querying the sessions of {batch.Length} piped contact(s) in one request series.");
        Read(_query.ForContacts(batch));
    }

    /// <summary>Writes every new session of one query, page by page, as the client's walk hands them over.</summary>
    /// <returns>Where the walk ended.</returns>
    private WalkPosition Read(SessionQuery query)
    {
        if (_budget.IsSatisfied)
        {
            return new WalkPosition();
        }

        SessionWalk walk = _checkpoint is null
            ? new SessionWalk(_connection.Client, query, _budget, ReadingOptions())
            : new SessionWalk(_connection.Client, _checkpoint.QueryForThisRun, _budget, ReadingOptions(), _checkpoint.ResumeFrom);
        WriteWalk(walk, _checkpoint is not null);
        return walk.Position;
    }

    /// <summary>
    /// Writes the pages of a walk, and with a checkpoint records after each page where the walk
    /// stands (and, when the pipeline stops inside a page, the sessions of it that went down).
    /// </summary>
    private void WriteWalk(SessionWalk walk, bool recordPosition)
    {
        WalkPosition? beforePage = recordPosition ? walk.Position : null;
        while (AwaitClient(walk.NextAsync(Trace, Cancellation)) is WalkPage page)
        {
            foreach (string warning in page.Warnings)
            {
                WriteServerWarning(warning);
            }

            if (page.FindsNewest)
            {
                WriteVerbose($"Found where the range ends, at the newest matching session ({page.Request}); {(page.IsLast ? "no session matches." : "reading the sessions.")}");
            }
            else
            {
                _pagesRead++;
                WriteVerbose($"Page {_pagesRead}: {page.Sessions.Count} new session(s), {_sessionsWritten + page.Sessions.Count} so far ({page.Request}); {(page.IsLast ? "no more pages." : "reading the next page.")}");
            }

            WriteSessions(page.Sessions, taken =>
            {
                // Stopped inside the page: the checkpoint records the sessions that went down, so none is written twice.
                if (beforePage is not null)
                {
                    SaveCheckpointWhileStopping(beforePage.Including(page.Sessions.Take(taken), walk.LookBack));
                }
            });

            if (beforePage is not null)
            {
                beforePage = walk.Position;
                SaveCheckpoint(beforePage);
            }

            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{_sessionsWritten} sessions from {_pagesRead} page(s)"));
        }
    }

    private WalkOptions ReadingOptions() => new()
    {
        PageSize = PageSize,
        ReadAhead = _connection.ReadAhead,
        LookBack = TimeSpan.FromSeconds(LookBackSec),
    };

    /// <summary>
    /// Polls for sessions created after the newest one written, every -PollIntervalSec seconds,
    /// until Ctrl+C, a downstream Select-Object -First, or -First ends it.
    /// </summary>
    private void FollowFrom(WalkPosition end)
    {
        if (end.Newest is null)
        {
            // Nothing matched yet: follow from the newest session on the server, whatever it is.
            end = AwaitClient(SessionFollower.AtNewestOnServerAsync(_connection.Client, _query, Trace, Cancellation));
        }

        var follower = new SessionFollower(_connection.Client, _query, _budget, ReadingOptions(), end);
        _outage = new FollowOutage(this, _connection.Client, ProgressId, ProgressActivity);
        WriteVerbose($"Following: polling every {PollIntervalSec} s for sessions created after {FormatInstant(follower.Since)} (reading back {LookBackSec} s for sessions that become visible late), at least one request a poll, within this connection's budget of {_connection.RateLimit} per {_connection.RateLimitWindow.TotalSeconds:0} s (shared with every command of this process that uses the key).");
        while (!_budget.IsSatisfied)
        {
            if (!_outage.IsFailing)
            {
                WaitForNextPoll(follower);
            }

            SessionWalk poll = follower.Poll();
            long before = _sessionsWritten;
            if (!_outage.Poll(follower, poll, () => WriteWalk(poll, _checkpoint is not null)))
            {
                continue;
            }

            follower.Finished(poll);
            WriteVerbose($"Poll: {_sessionsWritten - before} new session(s); the newest written was created {FormatInstant(follower.Since)}.");
        }
    }

    /// <summary>
    /// Writes a page's sessions. When the pipeline stops inside the page (Ctrl+C, or a downstream
    /// Select-Object -First) or a command downstream fails, tells <paramref name="stoppedAfter"/>
    /// how many were delivered, then lets the stop or failure go on. A stop asked for while a
    /// session was being handed over came after it arrived: it counts (unless a file downstream
    /// says it never took it). A failure downstream that came back through the handing over
    /// (a terminating error reaches this command as a stop that nobody asked for) was the next
    /// commands failing on that session: it does not, so that the next run writes it again.
    /// </summary>
    internal void WriteSessions(IReadOnlyList<ChatSession> sessions, Action<int> stoppedAfter)
    {
        int written = 0;
        ChatSession? handing = null;
        bool askedToStop = false;
        bool complete = false;
        try
        {
            foreach (ChatSession session in sessions)
            {
                if (Stopping)
                {
                    throw new PipelineStoppedException();
                }

                handing = session;
                WriteObject(AsOutput(session));
                handing = null;
                _seen.Remember(session);
                written++;
                _sessionsWritten++;
            }

            complete = true;
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C, or (handed up as the same exception) Select-Object -First or a failure downstream.
            askedToStop = Cancellation.IsCancellationRequested || DownstreamStop.WasFailure(this) != true;
            throw;
        }
        finally
        {
            if (!complete)
            {
                stoppedAfter(handing is not null && askedToStop && _ledger.MayHaveArrived(handing) ? written + 1 : written);
            }
        }
    }

    /// <summary>What the walk says of the server and of pages it did not write in full; the same words once per command.</summary>
    private void WriteServerWarning(string warning)
    {
        if (_warnings.Add(warning))
        {
            WriteWarning(warning);
        }
    }

    /// <summary>Has every durable sink downstream write what it took, before a checkpoint records it.</summary>
    /// <exception cref="ExportFileException">A sink could not.</exception>
    internal void MakeDeliveredDurable() => _ledger.MakeDurable();

    internal void WriteListProgress(long written, int pages) =>
        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{written} sessions from {pages} page(s)"));

    private static string FormatInstant(DateTime? instant) =>
        instant?.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) ?? "the start";

    private void WaitForNextPoll(SessionFollower follower)
    {
        for (int left = PollIntervalSec; left > 0; left--)
        {
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"Following: {_sessionsWritten} sessions so far; next poll for sessions created after {FormatInstant(follower.Since)}")
            {
                SecondsRemaining = left,
            });
            Await(Task.Delay(TimeSpan.FromSeconds(1), Cancellation).ContinueWith(_ => true, Cancellation, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        }
    }

    /// <summary>A session tagged with the connection it was read through.</summary>
    private ChatSession AsOutput(ChatSession session)
    {
        session.Connection = _connection;
        if (_checkpoint is not null || _list?.Checkpointed == true)
        {
            _ledger.Tag(session);
        }

        return session;
    }

    internal T AwaitClient<T>(Task<T> pending)
    {
        try
        {
            return Await(pending);
        }
        catch (OpenCxException e) when (_outage is null || !FollowOutage.RidesOut(e))
        {
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Failed") { RecordType = ProgressRecordType.Completed });
            ThrowApiError(e, _connection, _checkpoint is null
                ? "Run with -Checkpoint <file> to be able to resume an export where it stopped."
                : $"Run the same command again to resume: {_checkpoint.Path} records where it stopped.");
            throw;
        }
    }

    internal override void OnWaiting(WaitProgress wait) =>
        WriteProgress(wait.ToRecord(ProgressId, ProgressActivity, $"{_sessionsWritten} sessions so far"));

    private void RefuseFollowingWithoutAStart()
    {
        if (Follow && (MyInvocation.ExpectingInput || CreatedBefore.HasValue || _query.SortBy != SessionSortField.CreatedAt))
        {
            ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxFollowNotPossible",
                "-Follow keeps writing the sessions created after the newest one written, until stopped: it does not combine with piped contact ids, with -CreatedBefore (an end) or with -SortBy last_message_at. Leave those out, or leave out -Follow.",
                Follow));
        }
    }

    /// <summary>Reads the checkpoint before any request: another export's file stops the command here.</summary>
    private ExportCheckpoint? OpenCheckpoint()
    {
        if (Checkpoint is null)
        {
            return null;
        }

        if (MyInvocation.ExpectingInput || PagingParameters.Skip > 0)
        {
            ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxCheckpointNotResumable",
                "-Checkpoint records one export of fixed filters: it does not combine with piped contact ids or -Skip. Give the filters as parameters, without -Skip.",
                Checkpoint));
        }

        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Checkpoint);
        try
        {
            var checkpoint = ExportCheckpoint.Open(path, _connection.Client, _query, PageSize);
            WriteVerbose(checkpoint.Describe());
            return checkpoint;
        }
        catch (CheckpointException e)
        {
            ThrowTerminatingError(Errors.Checkpoint(e, path));
            return null;
        }
    }

    private void SaveCheckpoint(WalkPosition position)
    {
        if (_checkpoint is null)
        {
            return;
        }

        try
        {
            _ledger.MakeDurable();
            _checkpoint.Save(position);
        }
        catch (CheckpointException e)
        {
            ThrowTerminatingError(Errors.Checkpoint(e, _checkpoint!.Path));
        }
        catch (ExportFileException e)
        {
            ThrowTerminatingError(Errors.ExportFile(e));
        }
    }

    private void SaveCheckpointWhileStopping(WalkPosition position)
    {
        if (_checkpoint is null)
        {
            return;
        }

        try
        {
            _ledger.MakeDurable();
            _checkpoint.Save(position);
        }
        catch (Exception e) when (e is CheckpointException || e is ExportFileException)
        {
            // The pipeline is stopping and takes no more records; the file still holds the page
            // before, so the next run writes this page's first sessions again rather than lose any.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The checkpoint's lock lasts the whole run, and not longer: a stop skips EndProcessing.
            _checkpoint?.Dispose();
            _list?.Dispose();
        }

        base.Dispose(disposing);
    }

    private SessionQuery BuildQuery()
    {
        DateTime? after = ToUtc(CreatedAfter);
        DateTime? before = ToUtc(CreatedBefore);
        if (after >= before)
        {
            ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxDateRangeReversed",
                $"-CreatedAfter ({after:u}) is not earlier than -CreatedBefore ({before:u}), which is exclusive: no session can match. Swap the two dates, or widen the range.",
                CreatedAfter));
        }

        if (!MyInvocation.ExpectingInput && MyInvocation.BoundParameters.ContainsKey(nameof(ContactId))
            && (ContactId is null || ContactId.Length == 0 || ContactId.Any(string.IsNullOrWhiteSpace)))
        {
            ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxEmptyContactId",
                "-ContactId was given no contact id, or a blank one. An empty filter would match every session, so it is refused: leave -ContactId out to read all sessions, or check the variable that should have held the ids.",
                ContactId));
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>>? customData = null;
        if (CustomData != null)
        {
            try
            {
                customData = CustomDataFilter.Convert(CustomData);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(Errors.InvalidArgument("OpenCxInvalidCustomData", e.Message, CustomData));
            }
        }

        return new SessionQuery
        {
            CreatedFrom = after,
            CreatedBefore = before,
            Channels = Lower(Channel),
            Statuses = Status?.Select(ParseStatus).ToArray(),
            AiClosureTypes = Lower(AiClosure),
            Sentiments = Lower(Sentiment),
            AssigneeIds = AssigneeId,
            UnassignedOnly = Unassigned,
            TeamIds = TeamId,
            ContactIds = MyInvocation.ExpectingInput ? null : ContactId,
            TicketNumber = TicketNumber,
            Languages = Language,
            Tags = Tag,
            WaitingOn = WaitingOn?.ToLowerInvariant(),
            CustomData = customData,
            SortBy = string.Equals(SortBy, "last_message_at", StringComparison.OrdinalIgnoreCase) ? SessionSortField.LastMessageAt : SessionSortField.CreatedAt,
            SortOrder = string.Equals(SortOrder, "asc", StringComparison.OrdinalIgnoreCase) ? SessionSortOrder.Ascending : SessionSortOrder.Descending,
        };
    }

    /// <summary>A DateTime of unspecified kind is local time, as Get-Date and [datetime]'2026-01-31' give it.</summary>
    internal static DateTime? ToUtc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value.Value, DateTimeKind.Local).ToUniversalTime(),
        _ => value.Value.ToUniversalTime(),
    };

    private static long ParseStatus(string text)
    {
        SessionStatuses.TryParse(text, out long code);
        return code;
    }

    private static string[]? Lower(string[]? values) =>
        values?.Select(v => v.ToLowerInvariant()).ToArray();

    private OpenCxConnection ThrowNotConnected()
    {
        ThrowTerminatingError(Errors.NotConnected());
        return null!;
    }
}
