using System;
using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Commands.Completion;
using OpenCx.Commands.Connection;
using OpenCx.Commands.Infrastructure;
using OpenCx.Commands.Validation;

namespace OpenCx.Commands;

/// <summary>
/// Streams the chat sessions that match every given filter, page by page, into the pipeline.
/// The parameters and the choice of reading: by id (<see cref="SessionByIdReading"/>), through
/// the list endpoint (<see cref="SessionListReading"/>), or through the filter endpoint
/// (<see cref="SessionFilterReading"/>), whole, for piped contacts a batch at a time
/// (<see cref="PipedContactBatches"/>) and then with -Follow polled (<see cref="FollowPolling"/>);
/// every reading writes through <see cref="Delivery"/>.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OpenCxSession", DefaultParameterSetName = AnyAssigneeSet, SupportsPaging = true)]
[OutputType(typeof(ChatSession))]
public sealed class GetOpenCxSessionCommand : OpenCxCmdlet
{
    private const string AnyAssigneeSet = "AnyAssignee";
    private const string AssigneeSet = "Assignee";
    private const string UnassignedSet = "Unassigned";
    internal const int ProgressId = 0x0CC5;

    private OpenCxConnection _connection = null!;
    private SessionQuery _query = null!;
    private PagingBudget _budget = null!;
    private SessionDelivery _delivery = null!;
    private SessionByIdReading? _byId;
    private SessionListReading? _list;
    private SessionFilterReading? _filter;
    private PipedContactBatches? _contacts;
    private FollowPolling? _following;

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

    /// <summary>Where every reading writes its sessions.</summary>
    internal SessionDelivery Delivery => _delivery;

    internal string ProgressActivity => $"Reading sessions from {_connection}";

    protected override void BeginProcessing()
    {
        _connection = Connection ?? DefaultConnection.Current ?? ThrowNotConnected();
        _byId = ParameterSetName == SessionByIdReading.ParameterSet ? SessionByIdReading.Plan(this) : null;
        _query = SessionQueryFromParameters.Build(this);
        _budget = new PagingBudget(PagingParameters.Skip, PagingParameters.First);
        if (SessionListReading.IsAskedFor(this))
        {
            _list = SessionListReading.Plan(this, _query, _budget);
        }
        else
        {
            FollowPolling.RefuseWithoutAStart(this, _query);
            _filter = SessionFilterReading.Plan(this, _query, _budget);
        }

        _delivery = new SessionDelivery(this, checkpointed: _list?.Checkpointed ?? _filter!.Checkpointed, oncePerSession: !IncludeUpdated);
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

        if (MyInvocation.ExpectingInput)
        {
            (_contacts ??= new PipedContactBatches(this, _filter!, _query)).Add(ContactId);
            return;
        }

        WalkPosition end = _filter!.Read(_query);
        if (Follow)
        {
            _following = new FollowPolling(this, _query, _budget, _filter);
            _following.From(end);
        }
    }

    protected override void EndProcessing()
    {
        _contacts?.ReadRest();
        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>Waits for the client; a failure ends the command, unless -Follow's polls ride it out.</summary>
    internal T AwaitClient<T>(Task<T> pending)
    {
        try
        {
            return Await(pending);
        }
        catch (OpenCxException e) when (_following?.RidesOut(e) != true)
        {
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Failed") { RecordType = ProgressRecordType.Completed });
            ThrowApiError(e, _connection, _filter?.CheckpointPath is not string checkpoint
                ? "Run with -Checkpoint <file> to be able to resume an export where it stopped."
                : $"Run the same command again to resume: {checkpoint} records where it stopped.");
            throw;
        }
    }

    internal override void OnWaiting(WaitProgress wait) =>
        WriteProgress(wait.ToRecord(ProgressId, ProgressActivity, $"{_delivery.Written} sessions so far"));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The checkpoint's lock lasts the whole run, and not longer: a stop skips EndProcessing.
            _filter?.Dispose();
            _list?.Dispose();
        }

        base.Dispose(disposing);
    }

    private OpenCxConnection ThrowNotConnected()
    {
        ThrowTerminatingError(Errors.NotConnected());
        return null!;
    }
}
