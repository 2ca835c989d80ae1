using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// -Checkpoint with -IncludeUpdated against a server whose sessions change while it answers:
/// the export ends current, no run writes a session twice, and no run writes again a state an
/// earlier one wrote.
/// </summary>
public sealed class ChangeSyncTests : IClassFixture<LiveSandboxFixture>, IDisposable
{
    private const string Sync = "Get-OpenCxSession -Checkpoint $checkpoint -IncludeUpdated";
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(3);
    private readonly LiveSandboxFixture _sandbox;
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-sync-").FullName;

    public ChangeSyncTests(LiveSandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    private string CheckpointPath => Path.Combine(_folder, "sync.checkpoint.json");

    public void Dispose()
    {
        _sandbox.ResetBehaviour();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Three_runs_under_churn_leave_every_session_changed_before_the_last_run_in_its_current_status()
    {
        _sandbox.Options.ChurnPerRequest = (Touched: 6, Created: 2);
        var runs = new List<ChatSession[]>();
        DateTimeOffset lastRunBegan = default;
        for (int run = 0; run < 3; run++)
        {
            if (run > 0)
            {
                // Between the runs the organisation goes on: sessions close, reopen and appear.
                _sandbox.Server.Engine.Churn(touched: 40, created: 10, DateTimeOffset.UtcNow);
                Thread.Sleep(FewSeconds);
            }

            lastRunBegan = DateTimeOffset.UtcNow;
            PowerShellRun result = Run(Sync);
            Assert.Empty(result.Errors);
            runs.Add(result.Objects<ChatSession>().ToArray());
        }

        Assert.All(runs, written => Assert.Equal(written.Length, written.Select(s => s.Id).Distinct().Count()));
        var newest = runs.SelectMany(r => r).GroupBy(s => s.Id.ToString()).ToDictionary(g => g.Key, g => g.OrderBy(s => s.UpdatedAt).Last());
        int checkedCount = 0;
        foreach ((string id, (string status, DateTimeOffset updatedAt)) in _sandbox.Server.Engine.CurrentStates())
        {
            if (updatedAt < lastRunBegan - FewSeconds)
            {
                Assert.True(newest.TryGetValue(id, out ChatSession? row), $"session {id}, changed {updatedAt:O}, was never written");
                Assert.Equal((status, updatedAt.UtcDateTime), (row!.Status, row.UpdatedAt));
                checkedCount++;
            }
        }

        Assert.InRange(checkedCount, 1000, 2000);
        Assert.InRange(runs[1].Length, 40, 1000);
        Assert.True(runs[1].Length < runs[0].Length, "the second run should write only what changed since the first");
    }

    [Fact]
    public void A_run_after_a_quiet_period_writes_no_session_in_a_state_an_earlier_run_wrote()
    {
        _sandbox.Options.ChurnPerRequest = (Touched: 6, Created: 2);
        ChatSession[] first = Run(Sync).Objects<ChatSession>().ToArray();
        ChatSession[] second = Run(Sync).Objects<ChatSession>().ToArray();
        _sandbox.Options.ChurnPerRequest = (0, 0);
        Thread.Sleep(FewSeconds);

        PowerShellRun quiet = Run(Sync + " -Verbose");
        PowerShellRun quieter = Run(Sync);

        Assert.Empty(quiet.Errors);
        var writtenStates = first.Concat(second).Select(s => (s.Id, s.UpdatedAt)).ToHashSet();
        Assert.DoesNotContain(quiet.Objects<ChatSession>(), s => writtenStates.Contains((s.Id, s.UpdatedAt)));
        Assert.Contains(quiet.Verbose, v => v.Contains("reading sessions created or updated after", StringComparison.Ordinal));
        Assert.Empty(quieter.Output);
    }

    [Fact]
    public void A_run_stopped_downstream_is_resumed_by_the_same_command_and_writes_no_session_twice()
    {
        string[] cut = Run(Sync + " | Select-Object -First 120").Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        PowerShellRun resumed = Run(Sync + " -Verbose");

        Assert.Equal(120, cut.Length);
        Assert.Empty(resumed.Errors);
        Assert.Contains(resumed.Verbose, v => v.Contains("resuming the run begun", StringComparison.Ordinal));
        string[] all = cut.Concat(resumed.Objects<ChatSession>().Select(s => s.Id.ToString())).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Equal(_sandbox.Server.Engine.ListMatchingIds("").OrderBy(id => id, StringComparer.Ordinal), all.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void The_checkpoint_keeps_ids_and_times_only_and_an_export_checkpoint_is_refused()
    {
        Assert.Empty(Run(Sync + " -First 10 | Out-Null").Errors);
        string text = File.ReadAllText(CheckpointPath);
        using var document = JsonDocument.Parse(text);
        Assert.Equal("change-sync", document.RootElement.GetProperty("kind").GetString());
        Assert.DoesNotContain(SandboxFixture.ApiKeyText, text, StringComparison.Ordinal);
        Assert.Equal(10, document.RootElement.GetProperty("run").GetProperty("written").GetArrayLength());

        File.Delete(CheckpointPath);
        Assert.Empty(Run("Get-OpenCxSession -Checkpoint $checkpoint -First 10 | Out-Null").Errors);
        PowerShellRun mixed = Run(Sync);

        Assert.StartsWith("OpenCxCheckpointMismatch,", Assert.Single(mixed.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("not the checkpoint of a change sync", mixed.Errors[0].ToString(), StringComparison.Ordinal);
    }

    private PowerShellRun Run(string script) =>
        _sandbox.RunConnected(script, variables: new Dictionary<string, object?> { ["checkpoint"] = CheckpointPath });
}
