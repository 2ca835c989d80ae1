using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Paging;
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
    private const int ProgressId = 0x0CC5;

    /// <summary>Off only in the benchmark, to measure what reading the next page ahead is worth.</summary>
    internal static bool ReadAhead { get; set; } = true;

    private readonly List<string> _pendingContactIds = new List<string>();
    private readonly HashSet<string> _queuedContactIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private OpenCxConnection _connection = null!;
    private SessionFilter _filter = null!;
    private PagingBudget _budget = null!;
    private int _pagesRead;
    private long _sessionsWritten;

    [Parameter]
    [Alias("From")]
    public DateTime? CreatedAfter { get; set; }

    [Parameter]
    [Alias("To")]
    public DateTime? CreatedBefore { get; set; }

    [Parameter]
    [Alias("Channels")]
    [ValidateSet("web", "email", "phone_voice", "slack", "sms", "whatsapp", "instagram", "messenger", "api", "web_voice")]
    public string[]? Channel { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateStatus]
    [ArgumentCompleter(typeof(StatusCompleter))]
    public string[]? Status { get; set; }

    [Parameter]
    [Alias("ai_closure")]
    [ValidateSet("assumed_resolved", "handed_off", "resolved")]
    public string[]? AiClosure { get; set; }

    [Parameter]
    [ValidateSet("angry", "happy", "neutral")]
    public string[]? Sentiment { get; set; }

    [Parameter(ParameterSetName = AssigneeSet, Mandatory = true)]
    [Alias("Assignees")]
    [ValidateNotNullOrEmpty]
    [ValidateRange(0L, long.MaxValue)]
    public long[]? AssigneeId { get; set; }

    [Parameter(ParameterSetName = UnassignedSet, Mandatory = true)]
    public SwitchParameter Unassigned { get; set; }

    [Parameter]
    [Alias("team_ids")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TeamIdCompleter))]
    public string[]? TeamId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("contact_ids")]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? ContactId { get; set; }

    [Parameter]
    [Alias("ticket_number")]
    [ValidateRange(0L, long.MaxValue)]
    public long? TicketNumber { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LanguageCompleter))]
    public string[]? Language { get; set; }

    [Parameter]
    [Alias("Tags")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Tag { get; set; }

    [Parameter]
    [Alias("waiting_on")]
    [ValidateSet("customers", "human_agents")]
    public string? WaitingOn { get; set; }

    [Parameter]
    [Alias("custom_data")]
    [ValidateNotNullOrEmpty]
    public Hashtable[]? CustomData { get; set; }

    [Parameter]
    [Alias("sort_by")]
    [ValidateSet("created_at", "last_message_at")]
    public string? SortBy { get; set; }

    [Parameter]
    [Alias("sort_order")]
    [ValidateSet("desc", "asc")]
    public string? SortOrder { get; set; }

    [Parameter]
    [Alias("limit")]
    [ValidateRange(1, 100)]
    public int PageSize { get; set; } = 100;

    [Parameter]
    [ValidateNotNull]
    public OpenCxConnection? Connection { get; set; }

    protected override void BeginProcessing()
    {
        _connection = Connection ?? DefaultConnection.Current ?? ThrowNotConnected();
        _filter = BuildFilter();
        _budget = new PagingBudget(PagingParameters.Skip, PagingParameters.First);
        if (PagingParameters.IncludeTotalCount)
        {
            // The API reports no total; say so the way SupportsPaging expects.
            WriteObject(PagingParameters.NewTotalCount(0, 0.0));
        }
    }

    protected override void ProcessRecord()
    {
        if (!MyInvocation.ExpectingInput)
        {
            Query(_filter);
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
            QueryPendingContacts();
        }
    }

    protected override void EndProcessing()
    {
        if (_pendingContactIds.Count > 0)
        {
            QueryPendingContacts();
        }

        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    private string ProgressActivity => $"Reading sessions from {_connection}";

    private void QueryPendingContacts()
    {
        string[] batch = _pendingContactIds.ToArray();
        _pendingContactIds.Clear();
        WriteVerbose($"Querying the sessions of {batch.Length} piped contact(s) in one request series.");
        Query(_filter.WithContacts(batch));
    }

    /// <summary>
    /// Writes every new session of one query. The next page is requested before this page's
    /// sessions go down the pipeline (one page of read-ahead), and only while more are wanted.
    /// </summary>
    private void Query(SessionFilter filter)
    {
        if (_budget.IsSatisfied)
        {
            return;
        }

        var pager = new SessionPager(_connection.Client, filter, PageSize, _budget);
        Task<IReadOnlyList<ChatSession>> pending = pager.NextAsync(Trace, Cancellation);
        while (true)
        {
            IReadOnlyList<ChatSession> sessions = AwaitPage(pending);
            _pagesRead++;
            bool more = !pager.IsComplete;
            Task<IReadOnlyList<ChatSession>>? readAhead = more && ReadAhead ? pager.NextAsync(Trace, Cancellation) : null;

            WriteVerbose($"Page {_pagesRead}: {sessions.Count} new session(s), {_sessionsWritten + sessions.Count} so far; {(more ? "reading the next page." : "no more pages.")}");
            foreach (ChatSession session in sessions)
            {
                WriteObject(session);
                SeenValues.ForThisRunspace.Remember(session);
                _sessionsWritten++;
            }

            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{_sessionsWritten} sessions from {_pagesRead} page(s)"));
            if (!more)
            {
                return;
            }

            pending = readAhead ?? pager.NextAsync(Trace, Cancellation);
        }
    }

    private IReadOnlyList<ChatSession> AwaitPage(Task<IReadOnlyList<ChatSession>> pending)
    {
        try
        {
            return Await(pending);
        }
        catch (OpenCxException e)
        {
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Failed") { RecordType = ProgressRecordType.Completed });
            ThrowApiError(e, _connection);
            throw;
        }
    }

    internal override void OnWaiting(WaitProgress wait) =>
        WriteProgress(wait.ToRecord(ProgressId, ProgressActivity, $"{_sessionsWritten} sessions so far"));

    private SessionFilter BuildFilter()
    {
        DateTimeOffset? after = ToInstant(CreatedAfter);
        DateTimeOffset? before = ToInstant(CreatedBefore);
        if (after.HasValue && before.HasValue && after > before)
        {
            ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxDateRangeReversed",
                $"-CreatedAfter ({after.Value.UtcDateTime:u}) is later than -CreatedBefore ({before.Value.UtcDateTime:u}); no session can match. Swap the two dates.",
                CreatedAfter));
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

        return new SessionFilter
        {
            CreatedAfter = after,
            CreatedBefore = before,
            Channels = Lower(Channel),
            Statuses = Status?.Select(ParseStatus).ToArray(),
            AiClosureTypes = Lower(AiClosure),
            Sentiments = Lower(Sentiment),
            AssigneeIds = Unassigned ? Array.Empty<long>() : AssigneeId,
            TeamIds = TeamId,
            ContactIds = MyInvocation.ExpectingInput ? null : ContactId,
            TicketNumber = TicketNumber,
            Languages = Language,
            Tags = Tag,
            WaitingOn = WaitingOn?.ToLowerInvariant(),
            CustomData = customData,
            SortBy = SortBy?.ToLowerInvariant(),
            SortOrder = SortOrder?.ToLowerInvariant(),
        };
    }

    /// <summary>A DateTime of unspecified kind is local time, as Get-Date and [datetime]'2026-01-31' give it.</summary>
    private static DateTimeOffset? ToInstant(DateTime? value) =>
        value.HasValue ? new DateTimeOffset(value.Value.Kind == DateTimeKind.Unspecified
            ? DateTime.SpecifyKind(value.Value, DateTimeKind.Local)
            : value.Value) : (DateTimeOffset?)null;

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
