using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
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
    private List<string> Truth(string sessionId)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            OpenCx.Sandbox.SandboxResponse page = _sandbox.Server.Engine.History(sessionId, cursor);
            Assert.Equal(200, page.StatusCode);
            using var json = JsonDocument.Parse(page.Body);
            ids.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = json.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);

        return ids;
    }
}
