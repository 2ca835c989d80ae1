using System;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>What users see: typed objects, a table that fits a terminal, CSV cells a person can read.</summary>
public sealed class OutputTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public OutputTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void Sessions_are_typed_with_PascalCase_properties_and_UTC_DateTime_dates()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$s = Get-OpenCxSession -First 50\n" +
            "$s[0].PSObject.TypeNames[0]\n" +
            "($s | Where-Object Contact | Select-Object -First 1).Contact.GetType().FullName\n" +
            "$s[0].CreatedAt.GetType().FullName\n" +
            "$s[0].CreatedAt.Kind\n" +
            "($s | Get-Member -MemberType Property).Name -join ','");

        Assert.Empty(run.Errors);
        string[] lines = run.Output.Select(o => o.ToString()).ToArray();
        Assert.Equal("OpenCx.ChatSession", lines[0]);
        Assert.Equal("OpenCx.Contact", lines[1]);
        Assert.Equal("System.DateTime", lines[2]);
        Assert.Equal("Utc", lines[3]);
        Assert.Equal(
            "AiClosureType,AssigneeId,AssistMode,Channel,Connection,Contact,ContactId,CreatedAt,CustomData,Handoff,Id,Language,Sentiment,Status,Team,TicketingSystem,TicketNumber,UpdatedAt",
            lines[4]);
    }

    [Fact]
    public void The_default_view_is_a_table_that_fits_120_columns()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 40 | Out-String -Width 120 -Stream");

        Assert.Empty(run.Errors);
        string[] lines = run.Output.Select(o => o.ToString()).Where(l => l.Length > 0).ToArray();
        Assert.Matches(@"^\s*Ticket\s+Created \(UTC\)\s+Status\s+Channel\s+Sentiment\s+Contact\s+Team\s*$", lines[0]);
        Assert.Equal(42, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length <= 120, l));
    }

    [Fact]
    public void Export_Csv_gives_readable_cells_and_no_dotnet_type_names()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 400 | ConvertTo-Csv -NoTypeInformation");

        Assert.Empty(run.Errors);
        string[] rows = run.Output.Select(o => o.ToString()).ToArray();
        Assert.Equal(401, rows.Length);
        // No column for properties newer than the module when no session has any.
        Assert.DoesNotContain("AdditionalProperties", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.Contains("System.", StringComparison.Ordinal) || r.Contains("OpenCx.", StringComparison.Ordinal));
        // Nested objects and custom data read as a person would write them.
        Assert.Contains(rows, r => r.Contains("\"{\"\"", StringComparison.Ordinal));
        Assert.Contains(rows, r => System.Text.RegularExpressions.Regex.IsMatch(r, "\"[^\"]+ <[^>]+@[^>]+>\""));
    }

    [Fact]
    public void Values_newer_than_the_spec_are_kept_and_the_sessions_still_written()
    {
        _sandbox.Options.FaultSequence.Enqueue(OpenCx.Sandbox.SandboxFault.NewerThanSpec);

        PowerShellRun run = _sandbox.RunConnected(
            "$s = Get-OpenCxSession -First 5\n$s\n$s.AdditionalProperties | ForEach-Object { $_['priority'] + ' ' + $_ }\n$s | ConvertTo-Csv -NoTypeInformation");

        Assert.Empty(run.Errors);
        ChatSession[] sessions = run.Objects<ChatSession>().ToArray();
        Assert.Equal(5, sessions.Length);
        Assert.All(sessions, s =>
        {
            Assert.Equal(("tiktok", "confused", "snoozed"), (s.Channel, s.Sentiment, s.Status));
            Assert.Equal("newdesk:ND-1", s.TicketingSystem!.ToString());
        });
        string[] text = run.Output.Select(o => o.BaseObject).OfType<string>().ToArray();
        Assert.Equal(Enumerable.Repeat("high {\"priority\":\"high\",\"sla\":{\"breached\":false,\"minutes\":42}}", 5), text.Take(5));
        string[] csv = text.Skip(5).ToArray();
        Assert.Equal(6, csv.Length);
        Assert.Contains("\"AdditionalProperties\"", csv[0], StringComparison.Ordinal);
        Assert.DoesNotContain(csv, r => r.Contains("System.", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_session_carries_the_connection_it_was_read_through()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$server = Get-OpenCxConnection\n" +
            "$sandbox = Connect-OpenCx -Sandbox -PassThru\n" +
            "$both = @(Get-OpenCxSession -Connection $server -First 3) + @(Get-OpenCxSession -Connection $sandbox -First 2)\n" +
            "($both | Where-Object { [object]::ReferenceEquals($_.Connection, $server) }).Count\n" +
            "($both | Where-Object { [object]::ReferenceEquals($_.Connection, $sandbox) }).Count\n" +
            "($both | Group-Object { $_.Connection.IsSandbox } | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, $_.Count }) -join ','");

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { 3, 2, "False=3,True=2" }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Custom_data_reads_like_a_hashtable()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$s = Get-OpenCxSession -First 200 | Where-Object { $_.CustomData.Count -gt 0 } | Select-Object -First 1\n" +
            "$key = @($s.CustomData.Keys)[0]\n" +
            "$s.CustomData.$key -eq $s.CustomData[$key]");

        Assert.Empty(run.Errors);
        Assert.Equal(true, Assert.Single(run.Output).BaseObject);
    }
}
