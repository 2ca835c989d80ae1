using System;
using System.Globalization;
using System.Management.Automation;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;

namespace OpenCx.Commands;

/// <summary>
/// Get-OpenCxSession -Follow through an outage of any length. A poll that fails for a reason
/// that may pass, once the client's retries of its request ran out, is tried again from where it
/// stood (<see cref="SessionFollower.Finished"/>), after a wait that backs off to a cap
/// (<see cref="OutageBackoff"/>), shown as progress, for as long as it takes: nothing created
/// meanwhile is missed or written twice. A warning says when the polls start failing and one
/// when they succeed again. Any other failure ends the command as before.
/// </summary>
internal sealed class FollowOutage
{
    private readonly GetOpenCxSessionCommand _command;
    private readonly OutageBackoff _backoff;
    private readonly int _progressId;
    private readonly string _activity;

    public FollowOutage(GetOpenCxSessionCommand command, OpenCxClient client, int progressId, string activity)
    {
        _command = command;
        _backoff = new OutageBackoff(client);
        _progressId = progressId;
        _activity = activity;
    }

    /// <summary>True while polls fail: the next one comes after the backoff, not after -PollIntervalSec.</summary>
    public bool IsFailing => _backoff.IsFailing;

    /// <summary>True for a failure that a poll's caller hands to <see cref="Poll"/> rather than end the command with.</summary>
    public static bool RidesOut(OpenCxException failure) => OutageBackoff.IsOutage(failure);

    /// <summary>
    /// Runs one poll (<paramref name="write"/> writes <paramref name="poll"/>). When it fails with
    /// an outage, moves <paramref name="follower"/> to where the poll stood, says so, and waits
    /// until the next try is due.
    /// </summary>
    /// <returns>True when the poll ran to its end.</returns>
    public bool Poll(SessionFollower follower, SessionWalk poll, Action write)
    {
        _backoff.Trying();
        try
        {
            write();
        }
        catch (OpenCxException failure) when (OutageBackoff.IsOutage(failure))
        {
            follower.Finished(poll);
            TimeSpan delay = _backoff.Failed(failure);
            if (_backoff.Failures == 1)
            {
                _command.WriteWarning(
                    $"Following: a poll failed: {failure.Message} The command keeps trying, first in {Seconds(delay)} s, then at growing intervals up to {Seconds(_backoff.MaximumDelay)} s, "
                    + "for as long as it takes, and then writes every session created meanwhile. Press Ctrl+C to stop it.");
            }
            else
            {
                _command.WriteVerbose($"Following: poll {_backoff.Failures} in a row failed: {failure.Message} Next try in {Seconds(delay)} s.");
            }

            WaitForNextTry();
            return false;
        }

        if (_backoff.IsFailing)
        {
            DateTimeOffset since = _backoff.Since!.Value;
            TimeSpan lasted = _backoff.Recovered();
            _command.WriteWarning($"Following: the server answers again, after {Describe(lasted)} without an answer (since {LocalTime(since)}); the sessions created meanwhile have been written.");
        }

        return true;
    }

    /// <summary>Waits on the client's clock, a second at a time so that progress moves and Ctrl+C ends it at once.</summary>
    private void WaitForNextTry()
    {
        string since = LocalTime(_backoff.Since!.Value);
        while (true)
        {
            TimeSpan left = _backoff.UntilNextTry;
            int seconds = Seconds(left);
            _command.WriteProgress(new ProgressRecord(_progressId, _activity, $"Server unreachable since {since}; next try in {seconds} s")
            {
                SecondsRemaining = seconds,
            });
            if (!_command.AwaitClient(_backoff.PauseAsync(_command.StopToken)))
            {
                return;
            }
        }
    }

    private static int Seconds(TimeSpan time) => (int)Math.Ceiling(time.TotalSeconds);

    private static string LocalTime(DateTimeOffset instant) =>
        instant.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan time) => time.TotalHours >= 1
        ? $"{(int)time.TotalHours} h {time.Minutes} min"
        : time.TotalMinutes >= 1
            ? $"{(int)time.TotalMinutes} min {time.Seconds} s"
            : $"{Seconds(time)} s";
}
