using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// Get-OpenCxSession -Follow: once the filter walk has written every matching session, polls
/// every -PollIntervalSec seconds for the sessions created after the newest one written, and
/// writes each poll through the filter reading (with its checkpoint, if any), until Ctrl+C, a
/// downstream Select-Object -First, or -First ends it. A poll that fails with an outage is
/// ridden out by <see cref="FollowOutage"/>.
/// </summary>
internal sealed class FollowPolling
{
    private readonly GetOpenCxSessionCommand _command;
    private readonly SessionQuery _query;
    private readonly PagingBudget _budget;
    private readonly SessionFilterReading _filter;
    private FollowOutage? _outage;

    public FollowPolling(GetOpenCxSessionCommand command, SessionQuery query, PagingBudget budget, SessionFilterReading filter)
    {
        _command = command;
        _query = query;
        _budget = budget;
        _filter = filter;
    }

    /// <summary>Refuses, before any request, what has no start to follow from; throws a terminating error.</summary>
    public static void RefuseWithoutAStart(GetOpenCxSessionCommand command, SessionQuery query)
    {
        if (command.Follow && (command.MyInvocation.ExpectingInput || command.CreatedBefore.HasValue || query.SortBy != SessionSortField.CreatedAt))
        {
            command.ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxFollowNotPossible",
                "-Follow keeps writing the sessions created after the newest one written, until stopped: it does not combine with piped contact ids, with -CreatedBefore (an end) or with -SortBy last_message_at. Leave those out, or leave out -Follow.",
                command.Follow));
        }
    }

    /// <summary>
    /// True for a failure that the polls ride out rather than end the command with: only once
    /// polling has begun, as the first walk and the search for where to start end it.
    /// </summary>
    public bool RidesOut(OpenCxException failure) => _outage is not null && FollowOutage.RidesOut(failure);

    /// <summary>Polls from <paramref name="end"/>, where the first walk ended, until the command is stopped or -First is reached.</summary>
    public void From(WalkPosition end)
    {
        OpenCxConnection connection = _command.ConnectionInUse;
        if (end.Newest is null)
        {
            // Nothing matched yet: follow from the newest session on the server, whatever it is.
            end = _command.AwaitClient(SessionFollower.AtNewestOnServerAsync(connection.Client, _query, _command.Trace, _command.StopToken));
        }

        var follower = new SessionFollower(connection.Client, _query, _budget, _filter.Options(), end);
        _outage = new FollowOutage(_command, connection.Client, GetOpenCxSessionCommand.ProgressId, _command.ProgressActivity);
        _command.WriteVerbose($"Following: polling every {_command.PollIntervalSec} s for sessions created after {FormatInstant(follower.Since)} (reading back {_command.LookBackSec} s for sessions that become visible late), at least one request a poll, within this connection's budget of {connection.RateLimit} per {connection.RateLimitWindow.TotalSeconds:0} s (shared with every command of this process that uses the key).");
        while (!_budget.IsSatisfied)
        {
            if (!_outage.IsFailing)
            {
                WaitForNextPoll(follower);
            }

            SessionWalk poll = follower.Poll();
            long before = _command.Delivery.Written;
            if (!_outage.Poll(follower, poll, () => _filter.Write(poll)))
            {
                continue;
            }

            follower.Finished(poll);
            _command.WriteVerbose($"Poll: {_command.Delivery.Written - before} new session(s); the newest written was created {FormatInstant(follower.Since)}.");
        }
    }

    /// <summary>Waits -PollIntervalSec a second at a time, so that progress counts down and Ctrl+C ends it at once.</summary>
    private void WaitForNextPoll(SessionFollower follower)
    {
        for (int left = _command.PollIntervalSec; left > 0; left--)
        {
            _command.WriteProgress(new ProgressRecord(GetOpenCxSessionCommand.ProgressId, _command.ProgressActivity, $"Following: {_command.Delivery.Written} sessions so far; next poll for sessions created after {FormatInstant(follower.Since)}")
            {
                SecondsRemaining = left,
            });
            _command.AwaitClient(Task.Delay(TimeSpan.FromSeconds(1), _command.StopToken).ContinueWith(_ => true, _command.StopToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        }
    }

    private static string FormatInstant(DateTime? instant) =>
        instant?.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) ?? "the start";
}
