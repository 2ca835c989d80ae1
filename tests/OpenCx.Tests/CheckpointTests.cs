using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// -Checkpoint: a run cut short any way, then the same command again, writes every session once
/// (a killed process repeats at most one page); after a complete run, only what is new.
/// </summary>
public sealed class CheckpointTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string NewestFirst = "{\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}";
    private const string Command = "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | ForEach-Object { $_.Id.ToString() }";
    private readonly SandboxFixture _sandbox;
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-checkpoint-").FullName;

    public CheckpointTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    /// <summary>Sessions created by churn come later than any before, whichever test of the class ran first.</summary>
    private static int Nights;

    private static DateTimeOffset NextNight() =>
        new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero).AddDays(Interlocked.Increment(ref Nights));

    private string CheckpointPath => Path.Combine(_folder, "sessions.checkpoint.json");

    public void Dispose()
    {
        _sandbox.ResetBehaviour();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void An_outage_longer_than_the_retries_then_the_same_command_again_writes_every_session_once_in_order()
    {
        foreach (SandboxFault fault in Enumerable.Repeat(SandboxFault.None, 4).Concat(Enumerable.Repeat(SandboxFault.Status503, 2)))
        {
            _sandbox.Options.FaultSequence.Enqueue(fault);
        }

        PowerShellRun cut = Run(Command, "-MaximumRetryCount 1 -RetryIntervalSec 0.01");
        PowerShellRun resumed = Run(Command.Replace("-PageSize 50", "-PageSize 50 -Verbose", StringComparison.Ordinal));

        ErrorRecord error = Assert.Single(cut.Errors);
        Assert.StartsWith("OpenCxServerError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Run the same command again to resume", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(resumed.Errors);
        Assert.Contains(resumed.Verbose, v => v.Contains("resuming the run begun", StringComparison.Ordinal));
        // Three pages of 50 before the outage (the second request checks the order), each repeating the boundary session of the one before.
        Assert.InRange(cut.Output.Count, 100, 200);
        Assert.Equal(_sandbox.Truth(NewestFirst), Ids(cut).Concat(Ids(resumed)));
    }

    [Fact]
    public void A_rate_limit_past_the_total_wait_then_the_same_command_again_writes_every_session_once_in_order()
    {
        _sandbox.Options.RateLimit = 3;

        PowerShellRun cut = Run(Command, "-MaximumRateLimitWaitSec 10 -RateLimit 7003");
        _sandbox.ResetBehaviour();
        PowerShellRun resumed = Run(Command);

        ErrorRecord error = Assert.Single(cut.Errors);
        Assert.StartsWith("OpenCxRateLimited,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Run the same command again to resume", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(resumed.Errors);
        // Two pages of 50 (the second request checks the order) before the rate limit ends the run.
        Assert.InRange(cut.Output.Count, 50, 150);
        Assert.Equal(_sandbox.Truth(NewestFirst), Ids(cut).Concat(Ids(resumed)));
    }

    [Fact]
    public void Without_a_checkpoint_the_error_says_that_one_would_have_let_the_run_resume()
    {
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status503);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status503);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession", "-MaximumRetryCount 1 -RetryIntervalSec 0.01");

        Assert.Contains("-Checkpoint", Assert.Single(run.Errors).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("downstream")]
    public async Task Stopping_mid_page_then_the_same_command_again_writes_every_session_once(string how)
    {
        // Stopped by Ctrl+C, the downstream command takes its time, so that the stop lands inside a page.
        string command = how == "stop"
            ? "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | ForEach-Object { $_.Id.ToString(); Start-Sleep -Milliseconds 10 }"
            : Command + " | Select-Object -First 120";
        var written = new List<string>();
        if (how == "stop")
        {
            // Ctrl+C as the console sends it (StopProcessing), once 120 sessions, two pages and a bit, are out.
            foreach (KeyValuePair<string, object?> pair in Variables())
            {
                _sandbox.PowerShell.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            }

            using var shell = PowerShell.Create();
            shell.Runspace = _sandbox.PowerShell.Runspace;
            shell.AddScript($"Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 100000\n{command}");
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) =>
            {
                if (e.Index == 119)
                {
                    shell.BeginStop(null, null);
                }
            };
            await Assert.ThrowsAsync<PipelineStoppedException>(() => Task.Factory.FromAsync(shell.BeginInvoke<PSObject, PSObject>(null, output), shell.EndInvoke));
            written.AddRange(output.Select(o => o.ToString()));
            Assert.InRange(written.Count, 120, 140);
        }
        else
        {
            PowerShellRun first = Run(command);
            Assert.Empty(first.Errors);
            written.AddRange(Ids(first));
            Assert.Equal(120, written.Count);
        }

        PowerShellRun resumed = Run(Command);

        Assert.Empty(resumed.Errors);
        Assert.Equal(_sandbox.Truth(NewestFirst), written.Concat(Ids(resumed)));
    }

    [Fact]
    public async Task A_stop_seen_downstream_before_this_command_is_told_still_counts_the_session_handed_over()
    {
        // PowerShell marks the pipeline as stopping before it tells each command, so a command
        // downstream can end the hand-over of a session while Get-OpenCxSession has not yet been
        // told of the stop. The gate holds PowerShell's stopping thread there, which a busy
        // machine does now and then, so that this happens every time.
        foreach (KeyValuePair<string, object?> pair in Variables())
        {
            _sandbox.PowerShell.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        using var gate = new StopGate();
        _sandbox.PowerShell.Runspace.SessionStateProxy.SetVariable("gate", gate);
        using var shell = PowerShell.Create();
        shell.Runspace = _sandbox.PowerShell.Runspace;
        shell.AddScript("""
            Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 100000
            Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | & {
                [CmdletBinding()] param([Parameter(ValueFromPipeline)] $Session)
                begin { $gate.Hold($PSCmdlet.PipelineStopToken); $n = 0 }
                process {
                    $Session.Id.ToString()
                    if (++$n -eq 120) { $gate.WaitUntilStopping(); Write-Verbose 'any command now ends the hand-over' }
                }
                clean { $gate.Release() }
            }
            """);
        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) =>
        {
            if (e.Index == 119)
            {
                shell.BeginStop(null, null);
            }
        };

        await Assert.ThrowsAsync<PipelineStoppedException>(() => Task.Factory.FromAsync(shell.BeginInvoke<PSObject, PSObject>(null, output), shell.EndInvoke));
        var written = output.Select(o => o.ToString()).ToList();
        PowerShellRun resumed = Run(Command);

        Assert.True(gate.HeldTheStop, "the stop never reached the gate, so the test proves nothing");
        Assert.Equal(120, written.Count);
        Assert.Empty(resumed.Errors);
        Assert.Equal(_sandbox.Truth(NewestFirst), written.Concat(Ids(resumed)));
    }

    [Fact]
    public void After_a_complete_run_the_same_command_writes_only_the_sessions_created_since()
    {
        PowerShellRun first = Run(Command);
        _sandbox.Server.Engine.Churn(touched: 30, created: 17, NextNight());
        PowerShellRun second = Run(Command.Replace("-PageSize 50", "-PageSize 50 -Verbose", StringComparison.Ordinal));
        PowerShellRun third = Run(Command);

        Assert.Empty(first.Errors.Concat(second.Errors).Concat(third.Errors));
        IReadOnlyList<string> now = _sandbox.Truth(NewestFirst);
        Assert.Equal(17, second.Output.Count);
        Assert.Equal(now.Take(17), Ids(second));
        Assert.Equal(now.Skip(17), Ids(first));
        Assert.Contains(second.Verbose, v => v.Contains("reading only sessions created since", StringComparison.Ordinal));
        Assert.Empty(third.Output);
    }

    [Fact]
    public void A_checkpoint_made_by_other_filters_is_refused_before_any_request()
    {
        Assert.Empty(Run("Get-OpenCxSession -Checkpoint $checkpoint -Channel web -First 10 | Out-Null").Errors);

        PowerShellRun other = Run("Get-OpenCxSession -Checkpoint $checkpoint -Channel email");

        ErrorRecord error = Assert.Single(other.Errors);
        Assert.StartsWith("OpenCxCheckpointMismatch,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("belongs to another export", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void The_checkpoint_is_versioned_JSON_without_the_key_and_a_half_written_new_file_does_not_matter()
    {
        Assert.Empty(Run("Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 -First 75 | Out-Null").Errors);
        string text = File.ReadAllText(CheckpointPath);
        // What a process killed while writing leaves: a torn temporary file beside an intact checkpoint.
        string torn = CheckpointPath + ".5f0c2b7e9a8d4c1b.tmp";
        File.WriteAllText(torn, text.Substring(0, text.Length / 2));

        PowerShellRun resumed = Run(Command);

        using var document = JsonDocument.Parse(text);
        Assert.Equal(2, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("position").ValueKind);
        Assert.False(File.Exists(torn));
        Assert.DoesNotContain(SandboxFixture.ApiKeyText, text, StringComparison.Ordinal);
        Assert.Empty(resumed.Errors);
        Assert.Equal(_sandbox.Truth(NewestFirst).Skip(75), Ids(resumed));
    }

    [Fact]
    public void Checkpoint_does_not_combine_with_Skip()
    {
        PowerShellRun run = Run("Get-OpenCxSession -Checkpoint $checkpoint -Skip 10");

        Assert.StartsWith("OpenCxCheckpointNotResumable,", Assert.Single(run.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void A_killed_process_then_the_same_command_again_misses_nothing_and_repeats_at_most_one_page()
    {
        string idsFile = Path.Combine(_folder, "ids.txt");
        string script = Path.Combine(_folder, "export.ps1");
        File.WriteAllText(script,
            "param($ModulePath)\n" +
            "Import-Module $ModulePath\n" +
            "$key = ConvertTo-SecureString $env:OPENCX_TEST_KEY -AsPlainText -Force\n" +
            "Connect-OpenCx -BaseUri $env:OPENCX_TEST_URI -ApiKey $key -SkipValidation -RateLimit 100000\n" +
            "Get-OpenCxSession -Checkpoint $env:OPENCX_TEST_CHECKPOINT -PageSize 50 | ForEach-Object { Add-Content -LiteralPath $env:OPENCX_TEST_IDS -Value $_.Id }\n");
        _sandbox.Options.Latency = TimeSpan.FromMilliseconds(150);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.ScriptHost);
        start.ArgumentList.Add(script);
        start.Environment["OPENCX_TEST_KEY"] = SandboxFixture.ApiKeyText;
        start.Environment["OPENCX_TEST_URI"] = _sandbox.Server.BaseUri.ToString();
        start.Environment["OPENCX_TEST_CHECKPOINT"] = CheckpointPath;
        start.Environment["OPENCX_TEST_IDS"] = idsFile;

        using (Process child = Process.Start(start)!)
        {
            bool enough = SpinWait.SpinUntil(() => File.Exists(idsFile) && File.ReadAllLines(idsFile).Length >= 130, TimeSpan.FromSeconds(60));
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Assert.True(enough, "the child wrote too little: " + child.StandardError.ReadToEnd());
        }

        _sandbox.Options.Latency = TimeSpan.Zero;
        string[] beforeKill = File.ReadAllLines(idsFile);
        PowerShellRun resumed = Run(Command);

        Assert.Empty(resumed.Errors);
        string[] all = beforeKill.Concat(Ids(resumed)).ToArray();
        IReadOnlyList<string> truth = _sandbox.Truth(NewestFirst);
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), all.Distinct().OrderBy(id => id, StringComparer.Ordinal));
        Assert.InRange(all.Length - truth.Count, 0, 50);
    }

    [Fact]
    public void A_later_or_earlier_CreatedAfter_continues_the_same_export_the_next_night()
    {
        // What -CreatedAfter (Get-Date).AddDays(-30) gives on three nights in a row, and once a day earlier.
        var monthAgo = new DateTime(2026, 10, 2, 12, 0, 0, DateTimeKind.Utc);
        const string Since = "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 -CreatedAfter $after | ForEach-Object { $_.Id.ToString() }";
        IReadOnlyList<string> before = SinceMonthAgo();
        PowerShellRun first = Run(Since, after: monthAgo);
        _sandbox.Server.Engine.Churn(touched: 0, created: 17, NextNight());
        PowerShellRun second = Run(Since, after: monthAgo.AddDays(1));
        _sandbox.Server.Engine.Churn(touched: 0, created: 5, NextNight());
        PowerShellRun third = Run(Since, after: monthAgo.AddDays(-1));

        Assert.Empty(first.Errors.Concat(second.Errors).Concat(third.Errors));
        IReadOnlyList<string> now = SinceMonthAgo();
        Assert.Equal(before, Ids(first));
        Assert.Equal(now.Skip(5).Take(17), Ids(second));
        Assert.Equal(now.Take(5), Ids(third));
        Assert.Equal(before, now.Skip(22));
    }

    [Fact]
    public void A_version_1_checkpoint_from_the_field_continues_its_export()
    {
        var after = new DateTime(2026, 10, 2, 12, 0, 0, DateTimeKind.Utc);
        const string Since = "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 -CreatedAfter $after | ForEach-Object { $_.Id.ToString() }";
        PowerShellRun first = Run(Since, after: after);
        WriteAsVersion1(after);
        _sandbox.Server.Engine.Churn(touched: 0, created: 17, NextNight());
        PowerShellRun second = Run(Since, after: after.AddDays(1));
        PowerShellRun other = Run(Since.Replace("-PageSize 50", "-PageSize 50 -Channel web", StringComparison.Ordinal), after: after);

        Assert.Empty(first.Errors.Concat(second.Errors));
        Assert.Equal(_sandbox.Truth(NewestFirst).Take(17), Ids(second));
        Assert.StartsWith("OpenCxCheckpointMismatch,", Assert.Single(other.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_on_the_same_checkpoint_is_refused_at_once_and_the_first_is_unharmed()
    {
        string file = Path.Combine(_folder, "sessions.csv");
        // 21 requests of a quarter of a second: the first run holds the checkpoint for five seconds or more.
        _sandbox.Options.Latency = TimeSpan.FromMilliseconds(250);
        using Process first = ChildRun.Start(_sandbox, _folder, "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | Export-OpenCxSession -Path $file", CheckpointPath, file);
        // The first page is recorded: the run holds the checkpoint.
        Assert.True(SpinWait.SpinUntil(() => File.Exists(CheckpointPath) || first.HasExited, TimeSpan.FromSeconds(60)), "the first run did not start");
        if (first.HasExited)
        {
            Assert.Fail("the first run ended too soon: " + first.StandardError.ReadToEnd());
        }

        PowerShellRun second = Run(Command);
        // Refused at once, not once the first run let go of the checkpoint.
        bool refusedWhileTheFirstRan = !first.HasExited;
        Assert.True(first.WaitForExit(120_000));

        ErrorRecord error = Assert.Single(second.Errors);
        Assert.StartsWith("OpenCxCheckpointInUse,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Contains("Another run is using the checkpoint", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(second.Output);
        Assert.True(refusedWhileTheFirstRan, "the second run ended only after the first: it waited for the checkpoint");
        Assert.True(first.ExitCode == 0, first.StandardError.ReadToEnd());
        Assert.Equal(_sandbox.Truth(NewestFirst), ExportTests.AssertWellFormed(file));
    }

    [Fact]
    public void A_checkpoint_path_that_cannot_be_written_is_refused_before_any_request()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Checkpoint $unwritable", string.Empty, new Dictionary<string, object?> { ["unwritable"] = Path.Combine(_folder, "no-such-folder", "cp.json") });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxCheckpointUnusable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("a folder you can write to", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
    }

    private IReadOnlyList<string> SinceMonthAgo() =>
        _sandbox.Truth("{\"filters\":{\"date\":{\"from\":\"2026-10-02T12:00:00.000Z\"}},\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}");

    /// <summary>Rewrites the checkpoint as version 1 wrote it: the request with its start as identity, the position as an object.</summary>
    private void WriteAsVersion1(DateTime after)
    {
        var root = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(CheckpointPath))!;
        var query = new OpenCx.Client.Querying.SessionQuery { CreatedFrom = after };
        root["version"] = 1;
        root["query"] = System.Text.Encoding.UTF8.GetString(OpenCx.Client.Wire.FilterRequestWriter.Write(
            OpenCx.Client.Querying.SessionQuery.Request(query.ToWireFilters(), after, null, query.SortBy, query.SortOrder, page: 1, limit: 1)));
        // Version 1's position: the walk's, with the ids at the newest creation time in place of its look-back window.
        System.Text.Json.Nodes.JsonObject position = System.Text.Json.Nodes.JsonNode.Parse(root["position"]!.GetValue<string>())!.AsObject();
        DateTime newest = position["newest"]!.GetValue<DateTime>();
        var atNewest = new System.Text.Json.Nodes.JsonArray();
        foreach (System.Text.Json.Nodes.JsonNode? seen in position["recent"]!.AsArray())
        {
            if (seen!["createdAt"]!.GetValue<DateTime>() == newest)
            {
                atNewest.Add(seen["id"]!.GetValue<string>());
            }
        }

        root["position"] = new System.Text.Json.Nodes.JsonObject
        {
            ["mode"] = position["mode"]!.GetValue<string>(),
            ["sortTrusted"] = position["sortTrusted"]!.GetValue<bool>(),
            ["fellBack"] = position["fellBack"]!.GetValue<bool>(),
            ["page"] = position["page"]!.GetValue<int>(),
            ["limit"] = position["limit"]!.GetValue<int>(),
            ["atBoundary"] = new System.Text.Json.Nodes.JsonArray(),
            ["newest"] = position["newest"]!.GetValue<string>(),
            ["atNewest"] = atNewest,
            ["consumed"] = position["consumed"]!.GetValue<long>(),
        };
        root["runFrom"] = after;
        root["writtenAtRunFrom"] = new System.Text.Json.Nodes.JsonArray();
        File.WriteAllText(CheckpointPath, root.ToJsonString());
    }

    private PowerShellRun Run(string script, DateTime after) =>
        _sandbox.RunConnected(script, string.Empty, new Dictionary<string, object?> { ["checkpoint"] = CheckpointPath, ["after"] = after });

    private PowerShellRun Run(string script, string connectOptions = "") =>
        _sandbox.RunConnected(script, connectOptions, new Dictionary<string, object?> { ["checkpoint"] = CheckpointPath });

    private Dictionary<string, object?> Variables()
    {
        Dictionary<string, object?> variables = _sandbox.ConnectionVariables();
        variables["checkpoint"] = CheckpointPath;
        return variables;
    }

    private static IEnumerable<string> Ids(PowerShellRun run) => run.Output.Select(o => o.ToString());

    /// <summary>
    /// Holds PowerShell's stopping thread after it has marked the pipeline as stopping and before
    /// it tells the commands, until the pipeline's last command cleans up (or 10 s pass).
    /// </summary>
    public sealed class StopGate : IDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
        private readonly ManualResetEventSlim _stopping = new ManualResetEventSlim();
        private readonly ManualResetEventSlim _released = new ManualResetEventSlim();
        private CancellationTokenRegistration _registration;

        /// <summary>True once the stopping thread was held here.</summary>
        public bool HeldTheStop => _stopping.IsSet;

        /// <summary>Holds the thread that cancels the pipeline's stop token, which PowerShell does before it tells the commands.</summary>
        public void Hold(CancellationToken pipelineStop) =>
            _registration = pipelineStop.Register(() =>
            {
                _stopping.Set();
                _released.Wait(Patience);
            });

        /// <summary>Returns once the pipeline is marked as stopping.</summary>
        public void WaitUntilStopping() => _stopping.Wait(Patience);

        /// <summary>Lets the stopping thread go on.</summary>
        public void Release() => _released.Set();

        public void Dispose()
        {
            _released.Set();
            _registration.Dispose();
            _stopping.Dispose();
            _released.Dispose();
        }
    }
}
