using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Get-OpenCxSession -Id end to end: the built module in a real runspace against the sandbox
/// server over loopback, every request and answer held to the spec. That Ctrl+C stops it within a
/// second is in <see cref="CancellationTests"/>.
/// </summary>
public sealed class SessionByIdTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string Missing = "00000000-0000-4000-8000-000000000000";

    private readonly SandboxFixture _sandbox;

    public SessionByIdTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void Id_reads_each_session_with_one_request_to_its_own_endpoint_in_the_order_given()
    {
        string[] ids = SessionIds(4).Reverse().ToArray();

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Id $ids", variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        Assert.Equal(ids, run.Objects<ChatSession>().Select(s => s.Id.ToString()));
        Assert.Equal(ids.Select(id => ("GET", "/chat/sessions/" + id)), _sandbox.Server.Requests.Select(r => (r.Method, r.Path)));
    }

    /// <summary>Same type, same properties and values, same table and list, same connection: a session by id is a session.</summary>
    [Fact]
    public void Sessions_by_id_are_the_objects_the_filter_writes()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$filtered = @(Get-OpenCxSession -First 20)\n" +
            "$byId = @(Get-OpenCxSession -Id $filtered.Id.Guid)\n" +
            "$byId.Count\n" +
            "($byId | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique) -join ','\n" +
            "@($byId | Where-Object { -not [object]::ReferenceEquals($_.Connection, (Get-OpenCxConnection)) }).Count\n" +
            "'--'\n" +
            "$filtered | ConvertTo-Json -Depth 8\n" +
            "'--'\n" +
            "$byId | ConvertTo-Json -Depth 8\n" +
            "'--'\n" +
            "$filtered | Out-String -Width 250\n" +
            "$filtered | Format-List | Out-String -Width 250\n" +
            "'--'\n" +
            "$byId | Out-String -Width 250\n" +
            "$byId | Format-List | Out-String -Width 250\n");

        Assert.Empty(run.Errors);
        string[] parts = string.Join("\n", run.Output.Select(o => o.ToString())).Split("\n--\n");
        Assert.Equal("20\nOpenCx.ChatSession\n0", parts[0]);
        Assert.Equal(parts[1], parts[2]);
        Assert.Equal(parts[3], parts[4]);
        Assert.Contains("Ticket", parts[4], StringComparison.Ordinal);
        Assert.Equal(20, _sandbox.Server.Requests.Count(r => r.Method == "GET"));
    }

    [Theory]
    [InlineData("strings", "$ids | Get-OpenCxSession")]
    [InlineData("objects with Id", "$ids | ForEach-Object { [pscustomobject]@{ Id = $_; Note = 'x' } } | Get-OpenCxSession")]
    [InlineData("objects with a Guid Id", "$ids | ForEach-Object { [pscustomobject]@{ Id = [guid]$_ } } | Get-OpenCxSession")]
    [InlineData("objects with SessionId", "$ids | ForEach-Object { [pscustomobject]@{ SessionId = $_ } } | Get-OpenCxSession")]
    [InlineData("Import-Csv", "$ids | ForEach-Object { [pscustomobject]@{ Id = $_; Reviewer = 'Ana' } } | Export-Csv -LiteralPath $csv -NoTypeInformation\nImport-Csv -LiteralPath $csv | Get-OpenCxSession")]
    [InlineData("a positional id", "Get-OpenCxSession $ids")]
    public void Ids_come_from_the_pipeline_by_value_and_by_property_name(string how, string script)
    {
        string[] ids = SessionIds(3);
        string csv = Path.Combine(Path.GetTempPath(), $"opencx-ids-{Guid.NewGuid():N}.csv");
        try
        {
            PowerShellRun run = _sandbox.RunConnected(script, variables: new Dictionary<string, object?> { ["ids"] = ids, ["csv"] = csv });

            Assert.Empty(run.Errors);
            Assert.True(ids.SequenceEqual(run.Objects<ChatSession>().Select(s => s.Id.ToString())), how);
            Assert.Equal(ids.Select(id => "/chat/sessions/" + id), _sandbox.Server.Requests.Select(r => r.Path));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>Binding strings by value must not take the objects other parameters bind by property name.</summary>
    [Fact]
    public void Piped_contact_ids_still_query_the_filter_endpoint_and_an_object_without_an_id_binds_nothing()
    {
        PowerShellRun contacts = _sandbox.RunConnected("[pscustomobject]@{ ContactId = $contact } | Get-OpenCxSession -First 2", variables: new Dictionary<string, object?> { ["contact"] = Guid.NewGuid().ToString() });
        Assert.Empty(contacts.Errors);
        Assert.Equal("/chat/sessions/filter", Assert.Single(_sandbox.Server.Requests).Path);

        PowerShellRun nothing = _sandbox.RunConnected("[pscustomobject]@{ Name = 'no id' } | Get-OpenCxSession");
        Assert.StartsWith("InputObjectNotBound,", Assert.Single(nothing.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData("-Id $ids[0], $missing, $ids[1]")]
    [InlineData("-Id $ids[0], $missing, $ids[1] -ErrorAction Continue")]
    [InlineData("$ids[0], $missing, $ids[1] | Get-OpenCxSession")]
    public void A_session_that_does_not_exist_is_a_non_terminating_error_naming_it_and_the_next_id_is_read(string call)
    {
        string[] ids = SessionIds(2);
        string script = call.StartsWith('-') ? "Get-OpenCxSession " + call : call;

        PowerShellRun run = _sandbox.RunConnected(script, variables: new Dictionary<string, object?> { ["ids"] = ids, ["missing"] = Missing });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("OpenCxSessionNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(Missing, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Check the session id", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(Missing, error.TargetObject);
        Assert.Equal(ids, run.Objects<ChatSession>().Select(s => s.Id.ToString()));
        Assert.Equal(new[] { 200, 404, 200 }, _sandbox.Server.Requests.Select(r => r.StatusCode));
    }

    /// <summary>The spec's pattern for a session id: hyphenated, version 1-8, RFC variant (or nil or max).</summary>
    [Theory]
    [InlineData("not-an-id")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("{8c7d4f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00}")]
    [InlineData("8c7d4f0a1b2c4d3e8f4a5b6c7d8e9f00")]
    [InlineData(" 8c7d4f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00")]
    [InlineData("8c7d4f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00\n")]
    [InlineData("8c7d4f0a-1b2c-0d3e-8f4a-5b6c7d8e9f00")]
    [InlineData("8c7d4f0a-1b2c-4d3e-cf4a-5b6c7d8e9f00")]
    [InlineData("../filter")]
    public void An_id_that_does_not_match_the_specs_pattern_is_refused_before_any_request(string bad)
    {
        string[] ids = SessionIds(1);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -Id $bad, $id",
            variables: new Dictionary<string, object?> { ["bad"] = bad, ["id"] = ids[0] });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("OpenCxInvalidSessionId,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("give the UUID of a session", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(ids, run.Objects<ChatSession>().Select(s => s.Id.ToString()));
        Assert.Equal(new[] { "/chat/sessions/" + ids[0] }, _sandbox.Server.Requests.Select(r => r.Path));
    }

    [Fact]
    public void Bad_ids_given_as_a_parameter_are_all_refused_before_the_first_request()
    {
        string[] ids = SessionIds(2);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status401);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -Id $ids[0], 'bad-1', $ids[1], 'bad-2' -ErrorAction Continue",
            variables: new Dictionary<string, object?> { ["ids"] = ids });

        // The first request fails for good, so only what came before it can have been written.
        Assert.Equal(new[] { "OpenCxInvalidSessionId", "OpenCxInvalidSessionId", "OpenCxUnauthorized" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Single(_sandbox.Server.Requests);
    }

    [Fact]
    public void An_id_in_capitals_is_a_session_id_and_is_read()
    {
        string id = SessionIds(1)[0];

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Id $id", variables: new Dictionary<string, object?> { ["id"] = id.ToUpperInvariant() });

        Assert.Empty(run.Errors);
        Assert.Equal(id, Assert.Single(run.Objects<ChatSession>()).Id.ToString());
    }

    [Fact]
    public void An_id_given_twice_is_read_once_and_Verbose_says_so()
    {
        string[] ids = SessionIds(2);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -Id $ids[0], $ids[1], $ids[0].ToUpperInvariant() -Verbose\n$ids[1], $ids[1] | Get-OpenCxSession",
            variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { ids[0], ids[1], ids[1] }, run.Objects<ChatSession>().Select(s => s.Id.ToString()));
        Assert.Equal(3, _sandbox.Server.Requests.Count);
        Assert.Contains(run.Verbose, v => v == $"Session {ids[0]}: given before in this command, read once.");
    }

    [Fact]
    public void Verbose_tells_each_request_with_its_status_and_never_the_key()
    {
        string[] ids = SessionIds(2);

        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -Id $ids[0], $missing, $ids[1] -Verbose -ErrorAction SilentlyContinue",
            variables: new Dictionary<string, object?> { ["ids"] = ids, ["missing"] = Missing });

        string[] requests = run.Verbose.Where(v => v.StartsWith("GET ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            new[] { ids[0], Missing, ids[1] }.Select(id => $"GET {new Uri(_sandbox.Server.BaseUri, "chat/sessions/" + id)}"),
            requests);
        Assert.Equal(2, run.Verbose.Count(v => v.StartsWith("200 in ", StringComparison.Ordinal)));
        Assert.Single(run.Verbose, v => v.StartsWith("404 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.AllText(), t => t.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_counts_the_ids_given_as_n_of_N_and_completes()
    {
        string[] ids = SessionIds(4);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Id $ids", variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        ProgressRecord[] progress = run.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToArray();
        Assert.Equal(ids.Select((id, i) => $"Session {id}: {i + 1} of 4"), progress.Select(p => p.StatusDescription));
        Assert.Equal(new[] { 0, 25, 50, 75 }, progress.Select(p => p.PercentComplete));
        Assert.All(progress, p => Assert.StartsWith("Reading sessions from ", p.Activity, StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
    }

    [Fact]
    public void Progress_of_piped_ids_counts_what_is_done_without_a_total()
    {
        string[] ids = SessionIds(3);

        PowerShellRun run = _sandbox.RunConnected("$ids | Get-OpenCxSession", variables: new Dictionary<string, object?> { ["ids"] = ids });

        Assert.Empty(run.Errors);
        ProgressRecord[] progress = run.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToArray();
        Assert.Equal(ids.Select((id, i) => $"Session {id}: {i} done so far"), progress.Select(p => p.StatusDescription));
        Assert.All(progress, p => Assert.Equal(-1, p.PercentComplete));
    }

    [Fact]
    public void A_failure_that_is_not_a_missing_session_stops_the_command_as_on_the_filter_endpoint()
    {
        string[] ids = SessionIds(3);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status503);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status401);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Id $ids", variables: new Dictionary<string, object?> { ["ids"] = ids });

        // The 503 was retried; the 401 is for good, and names the id it stopped at.
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxUnauthorized,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains($"run the command again with the ids from {ids[2]} on", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(ids.Take(2), run.Objects<ChatSession>().Select(s => s.Id.ToString()));
        Assert.Equal(new[] { 200, 503, 200, 401 }, _sandbox.Server.Requests.Select(r => r.StatusCode));
        Assert.DoesNotContain(run.AllText(), t => t.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-Id $id -Status open")]
    [InlineData("-Id $id -CreatedAfter 2026-01-01")]
    [InlineData("-Id $id -ContactId $id")]
    [InlineData("-Id $id -Unassigned")]
    [InlineData("-Id $id -AssigneeId 1")]
    [InlineData("-Id $id -Checkpoint x.json")]
    [InlineData("-Id $id -Follow")]
    [InlineData("-Id $id -PageSize 10")]
    public void Filter_parameters_do_not_go_with_Id(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters}", variables: new Dictionary<string, object?> { ["id"] = Missing });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("AmbiguousParameterSet,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void The_ById_set_holds_the_ids_the_connection_and_nothing_else()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters\n" +
            "((Get-Command Get-OpenCxSession).ParameterSets | Where-Object Name -EQ ById).Parameters.Name | Where-Object { $common -notcontains $_ } | Sort-Object");

        Assert.Equal(
            new[] { "Connection", "First", "Id", "IncludeTotalCount", "InputObject", "Skip" },
            run.Output.Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("-Id $id -First 1")]
    [InlineData("-Id $id -Skip 1")]
    [InlineData("-Id $id -IncludeTotalCount")]
    public void Paging_parameters_are_refused_with_Id_before_any_request(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters}", variables: new Dictionary<string, object?> { ["id"] = Missing });

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxPagingWithId,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Select-Object -First", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData("-Id @()")]
    [InlineData("-Id $null")]
    public void An_empty_Id_is_refused_before_any_request(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxEmptyId,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_sandbox.Server.Requests);
    }

    /// <summary>Without a completer PowerShell offers file names, which no session id is; the piped-text parameter is not offered.</summary>
    [Fact]
    public void Tab_offers_no_file_names_for_Id_and_does_not_offer_InputObject()
    {
        string folder = Directory.CreateTempSubdirectory("opencx-completion-").FullName;
        try
        {
            foreach (string name in new[] { "ids.csv", "8c7d-notes.txt", "e.json" })
            {
                File.WriteAllText(Path.Combine(folder, name), string.Empty);
            }

            using var session = new ModuleSession();
            session.Run("Set-Location -LiteralPath $folder", new Dictionary<string, object?> { ["folder"] = folder });
            Assert.Contains(session.Complete("Get-OpenCxSession -ContactId i"), text => text.Contains("ids.csv", StringComparison.Ordinal));

            foreach (string input in new[] { "-Id ", "-Id i", "-Id 8", "-SessionId e", "-Id x,", "" })
            {
                Assert.Empty(session.Complete("Get-OpenCxSession " + input));
            }

            Assert.Equal(
                new[] { "-Id", "-IncludeTotalCount", "-IncludeUpdated" },
                session.Complete("Get-OpenCxSession -I").OrderBy(t => t, StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string[] SessionIds(int count) =>
        _sandbox.RunConnected($"(Get-OpenCxSession -First {count}).Id.Guid").Output.Select(o => o.ToString()).ToArray();
}
