using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Get-OpenCxSessionHistory end to end: the built module in a real runspace against the sandbox
/// server over loopback. The truth is read from the engine's own answers, page by page, not
/// through the client.
/// </summary>
public sealed class TranscriptTests : IClassFixture<LiveSandboxFixture>, IDisposable
{
    private const string Missing = "00000000-0000-4000-8000-000000000000";

    private readonly LiveSandboxFixture _sandbox;

    public TranscriptTests(LiveSandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void Every_event_of_1000_sessions_is_written_exactly_once_in_order()
    {
        string[] ids = SessionIds(1000);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 1000 | Get-OpenCxSessionHistory");

        Assert.Empty(run.Errors);
        List<(string Session, string Event)> truth = ids.SelectMany(id => Truth(id).Select(e => (id, e))).ToList();
        SessionEvent[] written = run.Objects<SessionEvent>().ToArray();
        Assert.Equal(truth, written.Select(e => (e.SessionId.ToString(), e.Id!)).ToList());

        // The walk was tested on what it is for: long histories, unknown types, text as sent.
        Assert.True(ids.Count(id => _sandbox.Server.Engine.HistoryLength(id) > 30) >= 10, "sessions of more than three pages");
        Assert.Contains(written, e => e.Type == "csat_submitted" && e.AdditionalProperties.ContainsKey("rating"));
        Assert.Contains(written, e => e.Text is not null && e.Text.Contains('\n', StringComparison.Ordinal) && e.Sender is not null);
        Assert.Contains(written, e => e.Text is not null && e.Text.Contains("注文", StringComparison.Ordinal));
        Assert.All(written, e => Assert.Equal(DateTimeKind.Utc, e.CreatedAt.Kind));
    }

    [Fact]
    public void An_unknown_session_is_a_non_terminating_error_naming_it_and_the_next_session_is_still_read()
    {
        string[] ids = SessionIds(2);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSessionHistory -SessionId $first, $missing, $second",
            variables: new Dictionary<string, object?> { ["first"] = ids[0], ["missing"] = Missing, ["second"] = ids[1] });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("OpenCxSessionNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(Missing, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            Truth(ids[0]).Concat(Truth(ids[1])),
            run.Objects<SessionEvent>().Select(e => e.Id!));
        Assert.Equal(new[] { ids[0], ids[1] }, run.Objects<SessionEvent>().Select(e => e.SessionId.ToString()).Distinct());
    }

    [Fact]
    public void An_export_interrupted_and_resumed_with_Checkpoint_repeats_at_most_one_sessions_events()
    {
        string[] ids = SessionIds(40);
        List<(string Session, string Event)> truth = ids.SelectMany(id => Truth(id).Select(e => (id, e))).ToList();
        string checkpoint = Path.Combine(Path.GetTempPath(), $"opencx-transcript-{Guid.NewGuid():N}.checkpoint");
        var variables = new Dictionary<string, object?> { ["ids"] = ids, ["checkpoint"] = checkpoint, ["stopAt"] = truth.Count / 2 };
        try
        {
            // Stopped downstream in the middle of a session, as Ctrl+C would stop it.
            PowerShellRun first = _sandbox.RunConnected(
                "Get-OpenCxSessionHistory -SessionId $ids -Checkpoint $checkpoint | Select-Object -First $stopAt", variables: variables);
            PowerShellRun second = _sandbox.RunConnected(
                "Get-OpenCxSessionHistory -SessionId $ids -Checkpoint $checkpoint", variables: variables);

            Assert.Empty(first.Errors);
            Assert.Empty(second.Errors);
            List<(string Session, string Event)> before = Events(first);
            List<(string Session, string Event)> after = Events(second);
            Assert.Equal(truth.Count / 2, before.Count);
            Assert.Equal(truth.ToHashSet(), before.Concat(after).ToHashSet());
            var repeated = before.Intersect(after).ToList();
            Assert.True(repeated.Select(e => e.Session).Distinct().Count() <= 1, $"{repeated.Count} events of several sessions written twice");
            Assert.True(after.Count < truth.Count, "the second run started over");

            // The second run resumed where the first stopped, in order.
            Assert.Equal(truth.Skip(truth.Count - after.Count), after);
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }

    /// <summary>
    /// A failure for good (a key refused, or the API down past every retry) in the middle of one
    /// session's cursor pages: the resumed run starts that session again and nothing else.
    /// </summary>
    [Theory]
    [InlineData(SandboxFault.Status401, "", "OpenCxUnauthorized")]
    [InlineData(SandboxFault.Status503, "-MaximumRetryCount 0", "OpenCxServerError")]
    public void An_export_stopped_by_a_failure_inside_a_sessions_pages_resumes_with_Checkpoint_repeating_only_that_session(
        SandboxFault fault, string connectOptions, string errorId)
    {
        string[] ids = SessionIds(40);
        var pages = ids.Select(Pages).ToList();
        int stopped = Enumerable.Range(5, ids.Length - 5).First(i => pages[i].Count >= 3);
        List<(string Session, string Event)> truth = ids.SelectMany((id, i) => pages[i].SelectMany(p => p).Select(e => (id, e))).ToList();

        // Every page before the session, and its first two pages, go through; its third fails.
        int through = pages.Take(stopped).Sum(p => p.Count) + 2;
        for (int i = 0; i < through; i++)
        {
            _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
        }

        _sandbox.Options.FaultSequence.Enqueue(fault);
        string checkpoint = Path.Combine(Path.GetTempPath(), $"opencx-transcript-{Guid.NewGuid():N}.checkpoint");
        var variables = new Dictionary<string, object?> { ["ids"] = ids, ["checkpoint"] = checkpoint };
        try
        {
            PowerShellRun first = _sandbox.RunConnected("Get-OpenCxSessionHistory -SessionId $ids -Checkpoint $checkpoint", connectOptions, variables);
            PowerShellRun second = _sandbox.RunConnected("Get-OpenCxSessionHistory -SessionId $ids -Checkpoint $checkpoint", connectOptions, variables);

            ErrorRecord error = Assert.Single(first.Errors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains($"to continue at session {ids[stopped]}", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            List<(string Session, string Event)> before = Events(first);
            var firstPagesOfStopped = pages[stopped].Take(2).SelectMany(p => p).ToList();
            int endOfEarlierSessions = truth.FindIndex(e => e.Session == ids[stopped]);
            Assert.Equal(truth.Take(endOfEarlierSessions + firstPagesOfStopped.Count), before);

            // Resumed at the session it stopped in, from its first event: those two pages again, nothing missed.
            Assert.Empty(second.Errors);
            Assert.Equal(truth.Skip(endOfEarlierSessions), Events(second));
            Assert.All(before.Intersect(Events(second)), e => Assert.Equal(ids[stopped], e.Session));
            Assert.Equal(firstPagesOfStopped.Count, before.Intersect(Events(second)).Count());
            Assert.DoesNotContain(_sandbox.Server.Requests, r => ids.Take(stopped).Any(id => r.Path.Contains(id, StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }

    /// <summary>The ids of given ids are known at once: the bar shows the sessions done of all, and the time left once one is done.</summary>
    [Fact]
    public void Progress_tells_the_sessions_done_the_events_so_far_and_the_time_left()
    {
        string[] ids = SessionIds(4);
        int[] events = ids.Select(id => Truth(id).Count).ToArray();

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSessionHistory -SessionId $ids", variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        ProgressRecord[] sessions = run.Progress.Where(p => p.StatusDescription.StartsWith("Session ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ids.Select((id, i) => $"Session {id}: {i} session(s), {events.Take(i).Sum()} event(s) so far"),
            sessions.Select(p => p.StatusDescription));
        Assert.Equal(new[] { 0, 25, 50, 75 }, sessions.Select(p => p.PercentComplete));
        Assert.Equal(-1, sessions[0].SecondsRemaining);
        Assert.All(sessions.Skip(1), p => Assert.InRange(p.SecondsRemaining, 1, 60));
        Assert.All(run.Progress, p => Assert.StartsWith("Reading session histories from ", p.Activity, StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
    }

    /// <summary>Piped sessions come one at a time: how many there are is not known, so no share and no time left, only what is done.</summary>
    [Fact]
    public void Progress_of_piped_sessions_tells_what_is_done_without_a_share_or_time_left()
    {
        string[] ids = SessionIds(3);

        PowerShellRun run = _sandbox.RunConnected("$ids | ForEach-Object { [pscustomobject]@{ SessionId = $_ } } | Get-OpenCxSessionHistory", variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        ProgressRecord[] sessions = run.Progress
            .Where(p => p.Activity.StartsWith("Reading session histories from ", StringComparison.Ordinal) && p.StatusDescription.StartsWith("Session ", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(ids.Select(id => $"Session {id}"), sessions.Select(p => p.StatusDescription.Split(':')[0]));
        Assert.All(sessions, p => Assert.Equal((-1, -1), (p.PercentComplete, p.SecondsRemaining)));
    }

    [Fact]
    public void A_file_that_is_not_a_transcript_checkpoint_is_refused_before_any_request()
    {
        string path = Path.Combine(Path.GetTempPath(), $"opencx-not-a-checkpoint-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{}");
        try
        {
            PowerShellRun run = _sandbox.RunConnected(
                "Get-OpenCxSessionHistory -SessionId $id -Checkpoint $path",
                variables: new Dictionary<string, object?> { ["id"] = Missing, ["path"] = path });

            ErrorRecord error = Assert.Single(run.Errors);
            Assert.StartsWith("OpenCxCheckpointMismatch", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Empty(_sandbox.Server.Requests);
            Assert.Equal("{}", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_session_id_that_is_not_a_uuid_is_refused_without_a_request_and_the_others_are_read()
    {
        string[] ids = SessionIds(1);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSessionHistory -SessionId 'not-an-id', $id",
            variables: new Dictionary<string, object?> { ["id"] = ids[0] });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("OpenCxInvalidSessionId", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(Truth(ids[0]), run.Objects<SessionEvent>().Select(e => e.Id!));
        Assert.DoesNotContain(_sandbox.Server.Requests, r => r.Path.Contains("not-an-id", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_export_to_csv_with_one_row_each_and_no_type_names()
    {
        string[] ids = SessionIds(30);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSessionHistory -SessionId $ids | ConvertTo-Csv -NoTypeInformation",
            variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        string csv = string.Join("\n", run.Output.Select(o => o.ToString()));
        Assert.DoesNotContain("OpenCx.", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", csv, StringComparison.Ordinal);
        Assert.Contains("screenshot é.png", csv, StringComparison.Ordinal);
        Assert.Contains("(contact)", csv, StringComparison.Ordinal);
    }

    private static List<(string Session, string Event)> Events(PowerShellRun run) =>
        run.Objects<SessionEvent>().Select(e => (e.SessionId.ToString(), e.Id!)).ToList();

    private string[] SessionIds(int count) =>
        _sandbox.RunConnected($"(Get-OpenCxSession -First {count}).Id.Guid").Output.Select(o => o.ToString()).ToArray();

    /// <summary>The event ids of a session, read page by page from the engine itself.</summary>
    private List<string> Truth(string sessionId) => Pages(sessionId).SelectMany(p => p).ToList();

    /// <summary>The event ids of each cursor page of a session, read from the engine itself.</summary>
    private List<List<string>> Pages(string sessionId)
    {
        var pages = new List<List<string>>();
        string? cursor = null;
        do
        {
            OpenCx.Sandbox.SandboxResponse page = _sandbox.Server.Engine.History(sessionId, cursor);
            Assert.Equal(200, page.StatusCode);
            using var json = JsonDocument.Parse(page.Body);
            pages.Add(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList());
            cursor = json.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);

        return pages;
    }
}
