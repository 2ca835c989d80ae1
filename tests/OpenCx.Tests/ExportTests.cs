using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Export-OpenCxSession behind Get-OpenCxSession -Checkpoint, the README's nightly recipe: every
/// session exactly once in the file and no torn row, whatever stops a run and wherever.
/// </summary>
public sealed class ExportTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string NewestFirst = "{\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}";
    private const string Recipe = "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | Export-OpenCxSession -Path $file";

    /// <summary>Sessions created by churn come later than any before, whichever test of the class ran first.</summary>
    private static int Nights;
    private readonly SandboxFixture _sandbox;
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-export-").FullName;

    public ExportTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    private static DateTimeOffset NextNight() =>
        new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero).AddDays(Interlocked.Increment(ref Nights));

    private string CheckpointPath => Path.Combine(_folder, "nightly.checkpoint.json");

    private string CsvPath => Path.Combine(_folder, "sessions.csv");

    public void Dispose()
    {
        _sandbox.ResetBehaviour();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_nightly_recipe_killed_at_20_random_instants_ends_with_every_session_once_and_no_torn_row()
    {
        var random = new Random(2112);
        _sandbox.Options.Latency = TimeSpan.FromMilliseconds(25);
        var instants = new List<int>();
        // Each run's process starts while the run before it goes on, and waits at a gate with the
        // module imported: the kill instant counts from its run's start, and no run waits for a
        // process to load.
        Process? waiting = StartGatedChild(0);
        try
        {
            for (int kill = 0; kill < 20; kill++)
            {
                // A night now and then: sessions created since the last run.
                if (kill % 5 == 4)
                {
                    _sandbox.Server.Engine.Churn(touched: 0, created: 7, NextNight());
                }

                string started = Path.Combine(_folder, $"started-{kill}");
                using Process child = waiting!;
                waiting = null;
                File.WriteAllText(Path.Combine(_folder, $"go-{kill}"), string.Empty);
                Assert.True(SpinWait.SpinUntil(() => File.Exists(started) || child.HasExited, TimeSpan.FromSeconds(120)), "the child did not start");
                if (kill < 19)
                {
                    waiting = StartGatedChild(kill + 1);
                }

                int instant = random.Next(0, 1500);
                instants.Add(instant);
                Thread.Sleep(instant);
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }
        }
        finally
        {
            // A failed start leaves the next run's process at its gate.
            waiting?.Kill(entireProcessTree: true);
            waiting?.Dispose();
        }

        _sandbox.Options.Latency = TimeSpan.Zero;
        // The interrupted run ends, then the next night's reads what was created meanwhile.
        PowerShellRun resumed = Run(Recipe);
        PowerShellRun next = Run(Recipe);

        Assert.Empty(resumed.Errors.Concat(next.Errors));
        string[] ids = AssertWellFormed(CsvPath);
        Assert.Equal(Sorted(_sandbox.Truth(NewestFirst)), Sorted(ids));
    }

    [Fact]
    public void A_session_the_next_command_failed_on_is_written_by_the_next_run()
    {
        string bad = _sandbox.Truth(NewestFirst)[73];
        string failing = "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | ForEach-Object { if ($_.Id -eq $bad) { throw 'SMTP down' }; $_ } | Export-OpenCxSession -Path $file";

        RuntimeException thrown = Assert.Throws<RuntimeException>(() => Run(failing, new Dictionary<string, object?> { ["bad"] = bad }));
        string[] afterFirst = AssertWellFormed(CsvPath);
        PowerShellRun second = Run(Recipe);

        Assert.Equal("SMTP down", thrown.Message);
        Assert.Equal(_sandbox.Truth(NewestFirst).Take(73), afterFirst);
        Assert.Empty(second.Errors);
        Assert.Equal(_sandbox.Truth(NewestFirst), AssertWellFormed(CsvPath));
    }

    [Fact]
    public void A_session_Export_Csv_refuses_is_written_by_the_next_run()
    {
        string csv = Path.Combine(_folder, "plain.csv");
        var variables = new Dictionary<string, object?> { ["csv"] = csv };
        const string Plain = "Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | Select-Object Id, Channel | Export-Csv -LiteralPath $csv -Append";
        Assert.Empty(Run(Plain.Replace("-PageSize 50", "-PageSize 50 -First 60", StringComparison.Ordinal), variables).Errors);

        // Export-Csv -Append refuses an object without the file's columns.
        PowerShellRun refused = Run(Plain.Replace("Id, Channel", "Id, Status", StringComparison.Ordinal), variables);
        PowerShellRun again = Run(Plain, variables);

        Assert.Contains("Channel", Assert.Single(refused.Errors).ToString(), StringComparison.Ordinal);
        Assert.Empty(again.Errors);
        string[] ids = File.ReadAllLines(csv).Skip(1).Select(line => line.Split(',')[0].Trim('"')).ToArray();
        Assert.Equal(_sandbox.Truth(NewestFirst), ids);
    }

    [Fact]
    public void A_stop_by_Select_Object_First_counts_what_reached_the_file()
    {
        PowerShellRun first = Run("Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | Select-Object -First 120 | Export-OpenCxSession -Path $file");
        PowerShellRun second = Run(Recipe);

        Assert.Empty(first.Errors.Concat(second.Errors));
        Assert.Equal(_sandbox.Truth(NewestFirst), AssertWellFormed(CsvPath));
    }

    [Fact]
    public void A_torn_last_row_is_cut_and_sessions_already_at_the_end_are_not_written_again()
    {
        Assert.Empty(Run("Get-OpenCxSession -First 10 | Export-OpenCxSession -Path $file").Errors);
        string whole = File.ReadAllText(CsvPath);
        // What a kill in the middle of a row leaves, inside a quoted field after a line break.
        File.AppendAllText(CsvPath, "0a1b2c3d-0000-4000-8000-000000000000,7,\"half a\r\nrow");

        PowerShellRun again = Run("Get-OpenCxSession -First 15 | Export-OpenCxSession -Path $file -Verbose");

        Assert.Empty(again.Errors);
        Assert.StartsWith(whole, File.ReadAllText(CsvPath), StringComparison.Ordinal);
        Assert.Equal(_sandbox.Truth(NewestFirst).Take(15), AssertWellFormed(CsvPath));
        Assert.Contains(again.Verbose, v => v.Contains("5 session(s) written", StringComparison.Ordinal) && v.Contains("10 already there", StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_that_changed_between_a_killed_run_and_its_rerun_is_still_written_once()
    {
        Assert.Empty(Run(Recipe).Errors);
        // Killed after the file had the rows on disk, before the checkpoint recorded any of them;
        // before the rerun, sessions get messages (a later updated_at).
        File.Delete(CheckpointPath);
        _sandbox.Server.Engine.Churn(touched: 40, created: 0, NextNight());

        PowerShellRun rerun = Run(Recipe + " -Verbose");

        Assert.Empty(rerun.Errors);
        Assert.Contains(rerun.Verbose, v => v.StartsWith("0 session(s) written", StringComparison.Ordinal));
        Assert.Equal(_sandbox.Truth(NewestFirst), AssertWellFormed(CsvPath));
    }

    [Fact]
    public void A_file_of_other_columns_is_refused_before_anything_is_written_or_sent()
    {
        File.WriteAllText(CsvPath, "\"Id\",\"Connection\"\r\n\"x\",\"y\"\r\n");

        PowerShellRun run = Run(Recipe);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxExportFileMismatch,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("has other columns", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("\"Id\",\"Connection\"\r\n\"x\",\"y\"\r\n", File.ReadAllText(CsvPath));
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void Three_nights_with_fields_beyond_the_spec_keep_one_set_of_columns_and_every_value()
    {
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.NewerThanSpec);
        PowerShellRun first = Run(Recipe);
        _sandbox.Server.Engine.Churn(touched: 0, created: 9, NextNight());
        PowerShellRun second = Run(Recipe);
        _sandbox.Server.Engine.Churn(touched: 0, created: 8, NextNight());
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.NewerThanSpec);
        PowerShellRun third = Run(Recipe);

        Assert.Empty(first.Errors.Concat(second.Errors).Concat(third.Errors));
        PowerShellRun read = _sandbox.PowerShell.Run(
            "Import-Csv -LiteralPath $file | ForEach-Object { '{0}|{1}|{2}' -f $_.Id, $_.Channel, $_.AdditionalProperties }",
            new Dictionary<string, object?> { ["file"] = CsvPath });
        string[] rows = read.Output.Select(o => o.ToString()).ToArray();
        Assert.Equal(_sandbox.Truth(NewestFirst).Count, rows.Length);
        string[] newer = rows.Where(r => r.EndsWith("|{\"priority\":\"high\",\"sla\":{\"breached\":false,\"minutes\":42}}", StringComparison.Ordinal)).ToArray();
        // Night one's first page and night three's eight sessions carry the newer field.
        Assert.Equal(50 + 8, newer.Length);
        Assert.All(newer, r => Assert.Contains("|tiktok|", r, StringComparison.Ordinal));
        Assert.Single(File.ReadAllLines(CsvPath), line => line.StartsWith("Id,", StringComparison.Ordinal));
    }

    [Fact]
    public void CSV_dates_read_back_as_the_same_instants_under_de_DE_and_Europe_Berlin()
    {
        string output = Path.Combine(_folder, "dates.txt");
        using Process child = StartChild(
            "[System.Globalization.CultureInfo]::CurrentCulture = 'de-DE'\n" +
            "Get-OpenCxSession -First 300 | Export-OpenCxSession -Path $file\n" +
            "$sessions = Get-OpenCxSession -First 300\n" +
            "$rows = Import-Csv -LiteralPath $file\n" +
            "$equal = 0; for ($i = 0; $i -lt 300; $i++) { if (([datetime]$rows[$i].CreatedAt).ToUniversalTime() -eq $sessions[$i].CreatedAt -and ([datetime]$rows[$i].UpdatedAt).ToUniversalTime() -eq $sessions[$i].UpdatedAt) { $equal++ } }\n" +
            "$row = $rows[150]\n" +
            "$back = @(Get-OpenCxSession -CreatedAfter $row.CreatedAt -CreatedBefore ([datetime]$row.CreatedAt).AddMilliseconds(1))\n" +
            "Set-Content -LiteralPath $env:OPENCX_TEST_OUT -Value @([System.TimeZoneInfo]::Local.Id, $equal, ($back.Id -contains [guid]$row.Id), $back.Count, $rows[0].CreatedAt)\n",
            new Dictionary<string, string> { ["TZ"] = "Europe/Berlin", ["OPENCX_TEST_OUT"] = output });
        child.WaitForExit(120_000);

        Assert.True(File.Exists(output), child.StandardError.ReadToEnd());
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("Europe/Berlin", lines[0]);
        Assert.Equal("300", lines[1]);
        Assert.Equal("True", lines[2]);
        Assert.Equal("1", lines[3]);
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$", lines[4]);
    }

    [Fact]
    public void JSON_Lines_keep_the_nested_objects_and_append_the_same_way()
    {
        string jsonl = Path.Combine(_folder, "sessions.jsonl");
        var variables = new Dictionary<string, object?> { ["jsonl"] = jsonl };
        Assert.Empty(Run("Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 -First 60 | Export-OpenCxSession -Path $jsonl", variables).Errors);
        Assert.Empty(Run("Get-OpenCxSession -Checkpoint $checkpoint -PageSize 50 | Export-OpenCxSession $jsonl", variables).Errors);

        PowerShellRun read = _sandbox.PowerShell.Run(
            "$s = Get-OpenCxSession -First 200 | Where-Object Team | Select-Object -First 1\n" +
            "$line = Get-Content -LiteralPath $jsonl | ConvertFrom-Json | Where-Object Id -eq $s.Id\n" +
            "$line.Team.Name -eq $s.Team.Name; $line.Contact.Id -eq $s.Contact.Id; $line.CreatedAt; (Get-Content -LiteralPath $jsonl).Count",
            variables);

        Assert.Empty(read.Errors);
        Assert.Equal("True", read.Output[0].ToString());
        Assert.Equal("True", read.Output[1].ToString());
        Assert.Equal(_sandbox.Truth(NewestFirst).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), read.Output[3].ToString());
    }

    [Fact]
    public void A_change_sync_over_three_nights_keeps_every_version_once_and_a_rerun_after_a_kill_repeats_nothing()
    {
        const string Sync = "Get-OpenCxSession -Checkpoint $checkpoint -IncludeUpdated | Export-OpenCxSession -Path $file -Verbose";
        var versions = new HashSet<(string Id, string UpdatedAt, string Status)>();
        for (int night = 0; night < 3; night++)
        {
            if (night > 0)
            {
                // During the day sessions get messages (a later updated_at, some a new status) and new ones appear.
                _sandbox.Server.Engine.Churn(touched: 40, created: 6, NextNight());
            }

            versions.UnionWith(_sandbox.Server.Engine.CurrentStates().Select(s => (s.Key, OpenCx.Client.Export.SessionColumns.Instant(s.Value.UpdatedAt.UtcDateTime), s.Value.Status)));
            string? before = File.Exists(CheckpointPath) ? File.ReadAllText(CheckpointPath) : null;
            PowerShellRun run = Run(Sync);

            // Killed after the file had the night's rows on disk, before the checkpoint recorded any of them.
            if (before is null)
            {
                File.Delete(CheckpointPath);
            }
            else
            {
                File.WriteAllText(CheckpointPath, before);
            }

            PowerShellRun rerun = Run(Sync);

            Assert.Empty(run.Errors.Concat(rerun.Errors));
            Assert.Contains(run.Verbose, v => v.StartsWith(night == 0 ? $"{versions.Count} session(s) written" : "46 session(s) written", StringComparison.Ordinal));
            Assert.Contains(rerun.Verbose, v => v.StartsWith("0 session(s) written", StringComparison.Ordinal));
        }

        // The list endpoint's sessions fill the same columns as the filter endpoint's.
        AssertWellFormed(CsvPath);
        int status = OpenCx.Client.Export.SessionColumns.Names.ToList().IndexOf("Status");
        var rows = OpenCx.Client.Export.CsvText.Rows(File.ReadAllText(CsvPath)).Skip(1)
            .Select(row => (Id: row[0], UpdatedAt: row[OpenCx.Client.Export.SessionColumns.UpdatedAtColumn], Status: row[status])).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(versions.OrderBy(v => v), rows.OrderBy(v => v));
    }

    [Fact]
    public void JSON_Lines_keep_every_value_a_server_with_odd_values_sent()
    {
        _sandbox.Options.Quirks.SpecValidOddValues = true;
        string jsonl = Path.Combine(_folder, "odd.jsonl");

        PowerShellRun run = Run("Get-OpenCxSession -PageSize 100 | Export-OpenCxSession -Path $jsonl", new Dictionary<string, object?> { ["jsonl"] = jsonl });

        Assert.Empty(run.Errors);
        var sent = new Dictionary<Guid, JsonElement>();
        foreach (SandboxRequestLogEntry request in _sandbox.Server.Requests)
        {
            foreach (JsonElement item in JsonDocument.Parse(request.ResponseBody!).RootElement.GetProperty("data").EnumerateArray())
            {
                sent[Guid.Parse(item.GetProperty("id").GetString()!)] = item.Clone();
            }
        }

        string[] lines = File.ReadAllLines(jsonl);
        Assert.Equal(sent.Count, lines.Length);
        Assert.Contains(sent.Values, item => item.TryGetProperty("contact", out JsonElement contact) && contact.GetProperty("created_at").GetString() == "yesterday");
        foreach (string line in lines)
        {
            JsonElement written = JsonDocument.Parse(line).RootElement;
            var id = Guid.Parse(written.GetProperty("Id").GetString()!);
            AssertSentValueKept(sent[id], written, id.ToString());
        }
    }

    /// <summary>
    /// Every property the server sent stands in the line under the session's name for it, with
    /// the same value: a UUID in any case, a number in any notation, a date as the same instant,
    /// any other text as it was.
    /// </summary>
    private static void AssertSentValueKept(JsonElement sent, JsonElement written, string path, bool namesRenamed = true)
    {
        if (path.EndsWith(".channel", StringComparison.Ordinal))
        {
            Assert.True(sent.GetProperty("type").GetString() == written.GetString(), $"{path}: sent {sent}, written {written}");
            return;
        }

        string where = $"{path}: sent {sent.GetRawText()}, written {written.GetRawText()}";
        switch (sent.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(written.ValueKind == JsonValueKind.Object, where);
                foreach (JsonProperty property in sent.EnumerateObject())
                {
                    string name = namesRenamed ? string.Concat(property.Name.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word.Substring(1))) : property.Name;
                    Assert.True(written.TryGetProperty(name, out JsonElement value), $"{path}.{property.Name} is not in the line as {name}");
                    AssertSentValueKept(property.Value, value, $"{path}.{property.Name}", namesRenamed && !property.Name.EndsWith("custom_data", StringComparison.Ordinal));
                }

                break;
            case JsonValueKind.Number:
                Assert.True(written.ValueKind == JsonValueKind.Number && sent.GetDecimal() == written.GetDecimal(), where);
                break;
            case JsonValueKind.String:
                Assert.True(written.ValueKind == JsonValueKind.String, where);
                string text = sent.GetString()!;
                if (Guid.TryParse(text, out Guid id))
                {
                    Assert.True(Guid.TryParse(written.GetString(), out Guid writtenId) && writtenId == id, where);
                }
                else if (namesRenamed && path.EndsWith("_at", StringComparison.Ordinal) && IsoInstant(text) is DateTimeOffset instant)
                {
                    Assert.True(IsoInstant(written.GetString()!) == instant, where);
                }
                else
                {
                    Assert.True(text == written.GetString(), where);
                }

                break;
            default:
                Assert.True(sent.GetRawText() == written.GetRawText(), where);
                break;
        }
    }

    private static DateTimeOffset? IsoInstant(string text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset instant) ? instant : null;

    /// <summary>Every line a whole row of every column, and the ids, in file order.</summary>
    internal static string[] AssertWellFormed(string csv)
    {
        string text = File.ReadAllText(csv);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = OpenCx.Client.Export.CsvText.Rows(text).ToList();
        Assert.Equal(OpenCx.Client.Export.SessionColumns.Names, rows[0]);
        Assert.All(rows.Skip(1), row =>
        {
            Assert.Equal(rows[0].Count, row.Count);
            Assert.True(Guid.TryParse(row[0], out _), "not an id: " + row[0]);
            Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$", row[2]);
        });
        return rows.Skip(1).Select(row => row[0]).ToArray();
    }

    private static string[] Sorted(IEnumerable<string> ids) => ids.OrderBy(id => id, StringComparer.Ordinal).ToArray();

    private Process StartChild(string command, IDictionary<string, string>? environment = null) =>
        ChildRun.Start(_sandbox, _folder, command, CheckpointPath, CsvPath, environment);

    /// <summary>The recipe of the kill test's run <paramref name="number"/>, run once the file go-N is there; it writes started-N as it begins.</summary>
    private Process StartGatedChild(int number) => StartChild(
        $"while (-not (Test-Path -LiteralPath '{Path.Combine(_folder, $"go-{number}")}')) {{ Start-Sleep -Milliseconds 10 }}\n" +
        $"New-Item -ItemType File -Path '{Path.Combine(_folder, $"started-{number}")}' | Out-Null\n" +
        Recipe.Replace("-PageSize 50", "-PageSize 20", StringComparison.Ordinal));

    private PowerShellRun Run(string script, IDictionary<string, object?>? more = null)
    {
        var variables = new Dictionary<string, object?> { ["checkpoint"] = CheckpointPath, ["file"] = CsvPath };
        foreach (KeyValuePair<string, object?> pair in more ?? new Dictionary<string, object?>())
        {
            variables[pair.Key] = pair.Value;
        }

        return _sandbox.RunConnected(script, string.Empty, variables);
    }
}
