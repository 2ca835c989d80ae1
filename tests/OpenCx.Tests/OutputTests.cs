using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>What users see: typed objects, a table that fits a terminal, CSV cells a person can read.</summary>
public sealed class OutputTests : IClassFixture<SandboxFixture>
{
    /// <summary>Every session's columns, whatever its data: AdditionalProperties always, last; no Connection.</summary>
    private const string CsvHeader =
        "\"Id\",\"Status\",\"AiClosureType\",\"Sentiment\",\"Channel\",\"Contact\",\"ContactId\",\"Language\",\"AssigneeId\",\"CustomData\",\"Team\",\"Handoff\",\"TicketingSystem\",\"TicketNumber\",\"AssistMode\",\"CreatedAt\",\"UpdatedAt\",\"AdditionalProperties\"";

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
            "AdditionalProperties,AiClosureType,AssigneeId,AssistMode,Channel,Contact,ContactId,CreatedAt,CustomData,Handoff,Id,Language,Sentiment,Status,Team,TicketingSystem,TicketNumber,UpdatedAt",
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
        // The columns do not depend on the data; the connection is not one of them.
        Assert.Equal(CsvHeader, rows[0]);
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
        Assert.Equal(CsvHeader, csv[0]);
        Assert.DoesNotContain(csv, r => r.Contains("System.", StringComparison.Ordinal));
    }

    /// <summary>The list view shows the connection, hidden from serializers, and AdditionalProperties only where there are any.</summary>
    [Fact]
    public void The_list_view_shows_the_connection_and_only_additional_properties_that_exist()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 1 | Format-List | Out-String -Width 200");
        Assert.Empty(run.Errors);
        string plain = Assert.Single(run.Output).ToString();
        Assert.Matches(@"(?m)^Connection\s+: OpenCX at http", plain);
        Assert.DoesNotContain("AdditionalProperties", plain, StringComparison.Ordinal);

        _sandbox.Options.FaultSequence.Enqueue(OpenCx.Sandbox.SandboxFault.NewerThanSpec);
        run = _sandbox.RunConnected("Get-OpenCxSession -First 1 | Format-List | Out-String -Width 200");
        Assert.Empty(run.Errors);
        Assert.Matches(@"(?m)^AdditionalProperties\s+: .*priority", Assert.Single(run.Output).ToString());
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

    /// <summary>
    /// The table and a CSV show a team as its name and a contact as "Name &lt;email&gt;": a filter
    /// written against that text works on the live objects as on the imported rows.
    /// </summary>
    [Fact]
    public void Where_Object_Group_Sort_and_Unique_take_a_team_or_contact_for_the_text_it_shows()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "function Pair($label, $actual, $expected) { '{0}|{1}|{2}' -f $label, (@($actual) -join ';'), (@($expected) -join ';') }\n" +
            "$s = Get-OpenCxSession -First 300\n" +
            "$name = ($s | Where-Object Team | Group-Object { $_.Team.Name } | Sort-Object Count -Descending | Select-Object -First 1).Name\n" +
            "$contact = ($s | Where-Object Contact | Select-Object -First 1).Contact\n" +
            "$byName = @($s | Where-Object { $_.Team.Name -eq $name }).Count\n" +
            "Pair 'sessions of the team' $byName $byName\n" +
            "Pair 'Team -eq name' @($s | Where-Object Team -eq $name).Count $byName\n" +
            "Pair 'Team -eq NAME' @($s | Where-Object Team -eq $name.ToUpperInvariant()).Count $byName\n" +
            "Pair 'Team -ne name' @($s | Where-Object Team -ne $name).Count ($s.Count - $byName)\n" +
            "Pair 'Team -like' @($s | Where-Object Team -like \"$($name.Substring(0, 3))*\").Count @($s | Where-Object { $_.Team.Name -like \"$($name.Substring(0, 3))*\" }).Count\n" +
            "Pair 'Team -in' @($s | Where-Object Team -in @($name, 'No such team')).Count $byName\n" +
            "Pair 'teams -contains name' ($s.Team -contains $name) $true\n" +
            "Pair 'script block -eq' @($s | Where-Object { $_.Team -eq $name }).Count $byName\n" +
            "Pair 'Group-Object Team' ($s | Group-Object Team | ForEach-Object { \"$($_.Name)=$($_.Count)\" } | Sort-Object) ($s | Group-Object { $_.Team.Name } | ForEach-Object { \"$($_.Name)=$($_.Count)\" } | Sort-Object)\n" +
            "Pair 'Sort-Object Team' ($s | Sort-Object Team, Id).Id ($s | Sort-Object { $_.Team.Name }, Id).Id\n" +
            "Pair 'Select-Object -Unique' ($s.Team | Select-Object -Unique).Name ($s.Team.Name | Select-Object -Unique)\n" +
            "Pair 'Sort-Object -Unique' ($s.Team | Sort-Object -Unique).Name ($s.Team.Name | Sort-Object -Unique)\n" +
            "Pair 'Contact -eq its text' @($s | Where-Object Contact -eq \"$contact\".ToUpperInvariant()).Count @($s | Where-Object { \"$($_.Contact)\" -eq \"$contact\" }).Count\n" +
            "Pair 'Contact -eq the contact' @($s | Where-Object { $_.Contact -eq $contact }).Count @($s | Where-Object ContactId -eq $contact.Id).Count\n" +
            "Pair 'Group-Object Contact' @($s | Group-Object Contact).Count @($s | Group-Object { \"$($_.Contact)\" }).Count");

        Assert.Empty(run.Errors);
        string[][] pairs = run.Output.Select(o => o.ToString().Split('|')).ToArray();
        Assert.Equal(15, pairs.Length);
        Assert.InRange(int.Parse(pairs[0][1], System.Globalization.CultureInfo.InvariantCulture), 2, 299);
        Assert.All(pairs, p => Assert.True(p[1] == p[2], $"{p[0]}: {p[1]}, where {p[2]} was expected"));
    }

    [Fact]
    public void The_connection_is_on_each_session_but_in_no_CSV_or_JSON()
    {
        string file = Path.Combine(Path.GetTempPath(), $"opencx-output-{Guid.NewGuid():N}.csv");
        try
        {
            PowerShellRun run = _sandbox.RunConnected(
                "$s = Get-OpenCxSession -First 20\n" +
                "[object]::ReferenceEquals($s[0].Connection, (Get-OpenCxConnection))\n" +
                "$s | Export-Csv -LiteralPath $file -NoTypeInformation\n" +
                "Get-Content -LiteralPath $file -First 1\n" +
                "($s | ConvertTo-Csv -NoTypeInformation)[0]\n" +
                "($s | Select-Object * | Get-Member -MemberType NoteProperty).Name -join ','\n" +
                "$s | ConvertTo-Json -Depth 10",
                variables: new Dictionary<string, object?> { ["file"] = file });

            Assert.Empty(run.Errors);
            string[] lines = run.Output.Select(o => o.ToString()).ToArray();
            Assert.Equal("True", lines[0]);
            Assert.Equal(CsvHeader, lines[1]);
            Assert.Equal(CsvHeader, lines[2]);
            Assert.DoesNotContain("Connection", lines[3], StringComparison.Ordinal);
            Assert.Contains("AdditionalProperties", lines[3], StringComparison.Ordinal);
            Assert.DoesNotContain("\"Connection\"", lines[4], StringComparison.Ordinal);
            Assert.DoesNotContain("RateLimitWindow", lines[4], StringComparison.Ordinal);
            Assert.Equal(20, System.Text.Json.JsonDocument.Parse(lines[4]).RootElement.GetArrayLength());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Nested objects, custom data and values newer than the spec, at ConvertTo-Json's default depth of 2.</summary>
    [Fact]
    public void ConvertTo_Json_at_its_default_depth_writes_a_session_whole_without_a_warning()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$s = Get-OpenCxSession -First 300\n" +
            "$warned = 0\n" +
            "$json = foreach ($x in $s) { $x | ConvertTo-Json -WarningVariable w -WarningAction SilentlyContinue; if ($w) { $warned++ } }\n" +
            "$warned\n" +
            "$back = $json | ConvertFrom-Json\n" +
            "@($back | Where-Object { $_.Team.Name }).Count; @($s | Where-Object Team).Count\n" +
            "@($back | Where-Object { $_.Handoff.Summary }).Count; @($s | Where-Object Handoff).Count\n" +
            "@($back | Where-Object { $_.TicketingSystem.ExternalId }).Count; @($s | Where-Object TicketingSystem).Count\n" +
            "@($back | Where-Object { \"$($_.Contact.CustomData)\" }).Count; @($s | Where-Object { $_.Contact.CustomData.Count }).Count");
        Assert.Empty(run.Errors);
        int[] counts = run.Output.Select(o => Convert.ToInt32(o.BaseObject, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0, counts[0]);
        for (int i = 1; i < counts.Length; i += 2)
        {
            Assert.True(counts[i + 1] > 0, $"pair {i}: no session has it, so nothing is proven");
            Assert.Equal(counts[i + 1], counts[i]);
        }

        _sandbox.Options.FaultSequence.Enqueue(OpenCx.Sandbox.SandboxFault.NewerThanSpec);
        run = _sandbox.RunConnected(
            "$json = Get-OpenCxSession -First 1 | ConvertTo-Json -WarningVariable w -WarningAction SilentlyContinue\n" +
            "$w.Count\n" +
            "($json | ConvertFrom-Json).AdditionalProperties | ForEach-Object { '{0} {1} {2}' -f $_.priority, $_.sla.breached, $_.sla.minutes }");
        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "0", "high False 42" }, run.Output.Select(o => o.ToString()));
    }

    /// <summary>The nightly Export-Csv -Append, with and without values newer than the spec, night after night.</summary>
    [Fact]
    public void Export_Csv_Append_keeps_one_set_of_columns_and_every_value_newer_than_the_spec()
    {
        string file = Path.Combine(Path.GetTempPath(), $"opencx-nights-{Guid.NewGuid():N}.csv");
        try
        {
            foreach (bool newer in new[] { true, false, true })
            {
                if (newer)
                {
                    _sandbox.Options.FaultSequence.Enqueue(OpenCx.Sandbox.SandboxFault.NewerThanSpec);
                }

                PowerShellRun night = _sandbox.RunConnected(
                    "Get-OpenCxSession -First 5 | Export-Csv -LiteralPath $file -NoTypeInformation -Append",
                    variables: new Dictionary<string, object?> { ["file"] = file });
                Assert.Empty(night.Errors);
            }

            string[] lines = File.ReadAllLines(file);
            Assert.Equal(16, lines.Length);
            Assert.Equal(CsvHeader, lines[0]);
            Assert.All(lines.Skip(1).Take(5).Concat(lines.Skip(11)), l => Assert.EndsWith(",\"{\"\"priority\"\":\"\"high\"\",\"\"sla\"\":{\"\"breached\"\":false,\"\"minutes\"\":42}}\"", l, StringComparison.Ordinal));
            Assert.All(lines.Skip(6).Take(5), l => Assert.EndsWith(",\"\"", l, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
