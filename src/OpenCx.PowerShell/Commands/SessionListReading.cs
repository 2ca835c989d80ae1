using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenCx.Client.Checkpoints;
using OpenCx.Client.Export;
using OpenCx.Client.Listing;
using OpenCx.Client.Querying;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// Get-OpenCxSession through the list endpoint (GET /chat/sessions): with -UpdatedAfter,
/// -UpdatedBefore, -HandedOff, or -Checkpoint with -IncludeUpdated (a change sync). Refuses,
/// before any request, what that endpoint cannot do or the output cannot check.
/// </summary>
internal sealed class SessionListReading : IDisposable
{
    private readonly GetOpenCxSessionCommand _command;
    private readonly ListQuery _query;
    private readonly ReturnedSessionFilter _filter;
    private readonly PagingBudget _budget;
    private readonly SyncCheckpoint? _checkpoint;
    private int _pagesRead;

    private SessionListReading(GetOpenCxSessionCommand command, ListQuery query, ReturnedSessionFilter filter, PagingBudget budget, SyncCheckpoint? checkpoint)
    {
        _command = command;
        _query = query;
        _filter = filter;
        _budget = budget;
        _checkpoint = checkpoint;
    }

    /// <summary>True when a checkpoint records what the run wrote: sessions go out tagged for a durable sink downstream.</summary>
    public bool Checkpointed => _checkpoint is not null;

    /// <summary>Lets go of the checkpoint's lock.</summary>
    public void Dispose() => _checkpoint?.Dispose();

    /// <summary>True when the command's parameters ask for the list endpoint.</summary>
    public static bool IsAskedFor(GetOpenCxSessionCommand command) =>
        command.UpdatedAfter.HasValue || command.UpdatedBefore.HasValue || command.HandedOff.HasValue || command.IncludeUpdated;

    /// <summary>Checks the parameters against what the list endpoint can do and plans the read; throws a terminating error for what it cannot.</summary>
    public static SessionListReading Plan(GetOpenCxSessionCommand command, SessionQuery filters, PagingBudget budget)
    {
        Refuse(command, filters);
        DateTime? updatedAfter = SessionQueryFromParameters.ToUtc(command.UpdatedAfter);
        DateTime? updatedBefore = SessionQueryFromParameters.ToUtc(command.UpdatedBefore);
        var query = new ListQuery
        {
            Statuses = filters.Statuses?.Select(code => SessionStatuses.Names[(int)code]).ToArray(),
            Channels = filters.Channels,
            HandedOff = command.HandedOff,
            CreatedFrom = filters.CreatedFrom,
            CreatedBefore = filters.CreatedBefore,
            UpdatedAfter = updatedAfter,
            UpdatedBefore = updatedBefore,
        };
        var filter = new ReturnedSessionFilter
        {
            AiClosureTypes = filters.AiClosureTypes,
            Sentiments = filters.Sentiments,
            AssigneeIds = filters.AssigneeIds,
            UnassignedOnly = filters.UnassignedOnly,
            TeamIds = filters.TeamIds,
            ContactIds = filters.ContactIds,
            TicketNumber = filters.TicketNumber,
            Languages = filters.Languages,
            CustomData = filters.CustomData,
        };

        SyncCheckpoint? checkpoint = command.IncludeUpdated ? OpenCheckpoint(command, query, filter) : null;
        return new SessionListReading(command, query with { UpdatedAfter = checkpoint?.RunFrom ?? query.UpdatedAfter }, filter, budget, checkpoint);
    }

    /// <summary>Reads every session of the plan, page by page, writing each once.</summary>
    public void Read()
    {
        var walk = new SessionListWalk(
            _command.ConnectionInUse.Client, _query, _filter.Applied.Count == 0 ? null : _filter, _budget,
            _checkpoint?.ResumeFrom, _checkpoint?.WrittenThisRun, _checkpoint?.WrittenEarlier);
        _command.WriteVerbose($"Reading through the list endpoint: {string.Join("; ", walk.Describe())}.");
        if (_filter.Applied.Count > 0)
        {
            _command.WriteVerbose($"The list endpoint has no {string.Join(", ", _filter.Applied)}: applied by the module to the sessions that come back.");
        }

        long written = 0;
        while (_command.AwaitClient(walk.NextAsync(_command.Trace, _command.StopToken)) is ListPage page)
        {
            _pagesRead++;
            if (page.Warning is not null)
            {
                _command.WriteWarning(page.Warning);
            }

            written += page.Sessions.Count;
            _command.WriteVerbose($"Page {_pagesRead}: {page.Sessions.Count} new session(s), {written} so far ({page.Request}; {page.Repeated} repeated, {page.Outside} outside the request); {(page.IsLast ? "no more pages." : "reading the next page.")}");
            _command.Delivery.Write(page.Sessions, taken => SaveWhileStopping(page.Before, page.Sessions.Take(taken)));
            Save(walk.Position, page.Sessions, walk.IsComplete);
            _command.WriteProgress(new ProgressRecord(GetOpenCxSessionCommand.ProgressId, _command.ProgressActivity, $"{written} sessions from {_pagesRead} page(s)"));
        }

        if (walk.OutsideCount > 0)
        {
            _command.WriteWarning($"In all, the server sent {walk.OutsideCount} session(s) outside what the requests asked for; none of them was written.");
        }

        if (walk.RepeatedCount > 0)
        {
            _command.WriteVerbose($"The server sent {walk.RepeatedCount} session(s) again after they had been written (its cursor shifted as sessions changed); each was written once.");
        }
    }

    private void Save(ListPosition position, IEnumerable<ChatSession> written, bool complete)
    {
        if (_checkpoint is null)
        {
            return;
        }

        try
        {
            _command.Delivery.MakeDurable();
            _checkpoint.Save(position, written, complete);
        }
        catch (CheckpointException e)
        {
            _command.ThrowTerminatingError(Errors.Checkpoint(e, _checkpoint.Path));
        }
        catch (ExportFileException e)
        {
            _command.ThrowTerminatingError(Errors.ExportFile(e));
        }
    }

    private void SaveWhileStopping(ListPosition before, IEnumerable<ChatSession> taken)
    {
        if (_checkpoint is null)
        {
            return;
        }

        try
        {
            _command.Delivery.MakeDurable();
            _checkpoint.Save(before, taken, complete: false);
        }
        catch (Exception e) when (e is CheckpointException || e is ExportFileException)
        {
            // The pipeline is stopping and takes no more records; the file still holds the page
            // before, so the next run writes this page's first sessions again rather than lose any.
        }
    }

    private static SyncCheckpoint OpenCheckpoint(GetOpenCxSessionCommand command, ListQuery query, ReturnedSessionFilter filter)
    {
        string path = command.SessionState.Path.GetUnresolvedProviderPathFromPSPath(command.Checkpoint);
        string identity = string.Join(" + ", query.Requests().Select(r => r.QueryString)) + " | " + filter.Canonical;
        try
        {
            var checkpoint = SyncCheckpoint.Open(path, command.ConnectionInUse.Client, identity, DateTime.UtcNow);
            command.WriteVerbose(checkpoint.Describe());
            return checkpoint;
        }
        catch (CheckpointException e)
        {
            command.ThrowTerminatingError(Errors.Checkpoint(e, path));
            throw;
        }
    }

    private static void Refuse(GetOpenCxSessionCommand command, SessionQuery filters)
    {
        string? refused = null;
        object? target = null;
        if (command.Tag is not null || command.WaitingOn is not null)
        {
            refused = "-Tag and -WaitingOn filter on fields the sessions do not carry, so the module cannot apply them to what the list endpoint returns. Leave them out, or leave out -UpdatedAfter, -UpdatedBefore, -HandedOff and -IncludeUpdated to use the filter endpoint.";
            target = (object?)command.Tag ?? command.WaitingOn;
        }
        else if (command.SortBy is not null || command.SortOrder is not null)
        {
            refused = "The list endpoint returns sessions in no documented order, so -SortBy and -SortOrder cannot be kept. Leave them out and sort afterwards (Sort-Object UpdatedAt), or use the filter endpoint.";
            target = (object?)command.SortBy ?? command.SortOrder;
        }
        else if (command.Follow)
        {
            refused = "-Follow polls for new sessions on the filter endpoint; to keep up with changes, run -Checkpoint <file> -IncludeUpdated on a schedule instead.";
            target = command.Follow;
        }
        else if (command.MyInvocation.ExpectingInput)
        {
            refused = "Piped contact ids are read through the filter endpoint. With -UpdatedAfter, -UpdatedBefore, -HandedOff or -IncludeUpdated, give the ids as -ContactId instead.";
        }
        else if (filters.Statuses?.Any(code => code < 0 || code >= SessionStatuses.Names.Count) == true)
        {
            refused = $"The list endpoint knows only the statuses {string.Join(", ", SessionStatuses.Names)}, and sessions show a custom status as open, so a custom status id cannot be checked. Give named statuses only.";
            target = command.Status;
        }
        else if (command.IncludeUpdated && command.Checkpoint is null)
        {
            refused = "-IncludeUpdated keeps a sync current across runs, and needs the file that records where the last run ended: add -Checkpoint <file>.";
            target = command.IncludeUpdated;
        }
        else if (command.IncludeUpdated && command.PagingParameters.Skip > 0)
        {
            refused = "-Checkpoint records one sync of fixed filters: it does not combine with -Skip. Leave out -Skip.";
            target = command.PagingParameters.Skip;
        }
        else if (command.IncludeUpdated && (command.UpdatedAfter.HasValue || command.UpdatedBefore.HasValue))
        {
            refused = "With -IncludeUpdated the checkpoint decides which updates each run reads: leave out -UpdatedAfter and -UpdatedBefore.";
            target = command.UpdatedAfter ?? command.UpdatedBefore;
        }
        else if (command.Checkpoint is not null && !command.IncludeUpdated)
        {
            refused = "-Checkpoint with -UpdatedAfter, -UpdatedBefore or -HandedOff needs -IncludeUpdated, which makes the export a change sync; without it, the checkpoint records an export of created sessions through the filter endpoint.";
            target = command.Checkpoint;
        }
        else if (SessionQueryFromParameters.ToUtc(command.UpdatedAfter) >= SessionQueryFromParameters.ToUtc(command.UpdatedBefore))
        {
            refused = $"-UpdatedAfter ({SessionQueryFromParameters.ToUtc(command.UpdatedAfter):u}) is not earlier than -UpdatedBefore ({SessionQueryFromParameters.ToUtc(command.UpdatedBefore):u}): no session can match. Swap the two dates, or widen the range.";
            target = command.UpdatedAfter;
        }

        if (refused is not null)
        {
            command.ThrowTerminatingError(Errors.InvalidArgument("OpenCxListNotPossible", refused, target));
        }
    }
}
