using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Dates that go round: sessions' dates feed back into the date parameters, survive
/// serialization as sortable dates, show their zone, and consecutive ranges tile exactly.
/// </summary>
public sealed class DateTests : IClassFixture<BoundarySandboxFixture>, IDisposable
{
    private readonly BoundarySandboxFixture _sandbox;

    public DateTests(BoundarySandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void A_sessions_CreatedAt_binds_back_to_CreatedAfter_as_the_same_instant()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$last = Get-OpenCxSession -First 30 | Select-Object -Last 1\n" +
            "$newer = Get-OpenCxSession -CreatedAfter $last.CreatedAt -SortOrder asc\n" +
            "$last.CreatedAt\n" +
            "$newer.Count");

        Assert.Empty(run.Errors);
        var last = (DateTime)run.Output[0].BaseObject;
        JsonElement date = JsonDocument.Parse(_sandbox.Server.Requests[1].Body).RootElement.GetProperty("filters").GetProperty("date");
        Assert.Equal(last.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), date.GetProperty("from").GetString());
        // The 30 newest, the 30th included, and no more: the range starts at its instant.
        Assert.InRange((int)run.Output[1].BaseObject, 30, 30 + 3);
    }

    [Fact]
    public void A_DateTimeOffset_is_taken_as_the_instant_it_names()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -CreatedAfter ([datetimeoffset]'2026-10-01T00:00:00+02:00') -First 1 | Out-Null");

        Assert.Empty(run.Errors);
        JsonElement date = JsonDocument.Parse(_sandbox.Server.Requests[0].Body).RootElement.GetProperty("filters").GetProperty("date");
        Assert.Equal("2026-09-30T22:00:00.000Z", date.GetProperty("from").GetString());
    }

    [Fact]
    public void Export_Clixml_and_Import_Clixml_give_back_UTC_dates_that_sort_as_dates()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"opencx-{Guid.NewGuid():N}.xml");
        try
        {
            PowerShellRun run = _sandbox.RunConnected(
                "$s = Get-OpenCxSession -First 60\n" +
                "$s | Export-Clixml -Path $path\n" +
                "$back = Import-Clixml -Path $path\n" +
                "$back[0].CreatedAt.GetType().FullName\n" +
                "$back[0].CreatedAt.Kind\n" +
                "(($back | Sort-Object -Property CreatedAt).Id -join ',') -eq (($s | Sort-Object -Property CreatedAt).Id -join ',')\n" +
                "($back | Sort-Object -Property CreatedAt -Descending | Select-Object -First 1).Id -eq $s[0].Id",
                variables: new Dictionary<string, object?> { ["path"] = path });

            Assert.Empty(run.Errors);
            Assert.Equal(new object[] { "System.DateTime", "Utc", true, true }, run.Output.Select(o => o.BaseObject is Enum e ? e.ToString() : o.BaseObject));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void What_Receive_Job_gives_back_holds_UTC_dates_that_sort_as_dates()
    {
        // Start-Job needs a pwsh executable, which the hosted engine has not; jobs hand results
        // back through this same serializer, at the remoting depth of 1.
        PowerShellRun run = _sandbox.RunConnected(
            "$s = Get-OpenCxSession -First 60\n" +
            "$back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($s, 1))\n" +
            "$back[0].PSObject.TypeNames[0]\n" +
            "$back[0].CreatedAt.GetType().FullName\n" +
            "(($back | Sort-Object -Property CreatedAt).Id -join ',') -eq (($s | Sort-Object -Property CreatedAt).Id -join ',')");

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { "Deserialized.OpenCx.ChatSession", "System.DateTime", true }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_table_and_list_views_say_the_dates_are_UTC()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$s = Get-OpenCxSession -First 3\n" +
            "$s | Format-Table | Out-String -Width 120\n" +
            "$s[0] | Format-List | Out-String -Width 120\n" +
            "$s[0].CreatedAt.ToString('yyyy-MM-dd HH:mm')");

        Assert.Empty(run.Errors);
        string table = run.Output[0].ToString();
        string list = run.Output[1].ToString();
        string created = run.Output[2].ToString();
        Assert.Contains("Created (UTC)", table, StringComparison.Ordinal);
        Assert.Contains(created, table, StringComparison.Ordinal);
        Assert.Matches(@"CreatedAt\s+: " + System.Text.RegularExpressions.Regex.Escape(created) + @":\d\d\.\d{3} UTC", list);
        Assert.DoesNotContain("AdditionalProperties", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_consecutive_monthly_ranges_hold_every_session_once_even_at_midnight()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$starts = 8..11 | ForEach-Object { [datetime]::new(2026, $_, 1, 0, 0, 0, [DateTimeKind]::Utc) }\n" +
            "0..2 | ForEach-Object {\n" +
            "    $month = $_\n" +
            "    Get-OpenCxSession -CreatedAfter $starts[$month] -CreatedBefore $starts[$month + 1] -PageSize 50 |\n" +
            "        ForEach-Object { '{0} {1} {2:o}' -f $month, $_.Id, $_.CreatedAt }\n" +
            "}");

        Assert.Empty(run.Errors);
        (int Month, string Id, DateTime CreatedAt)[] rows = run.Output.Select(o => o.ToString().Split(' ')).Select(p => (Month: int.Parse(p[0], CultureInfo.InvariantCulture), Id: p[1], CreatedAt: DateTime.Parse(p[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))).ToArray();
        IReadOnlyList<string> truth = _sandbox.Truth("{\"filters\":{\"date\":{\"from\":\"2026-08-01T00:00:00.000Z\",\"to\":\"2026-10-31T23:59:59.999Z\"}},\"sort_by\":\"created_at\"}");
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), rows.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
        DateTime[] starts = BoundarySandboxFixture.MonthStarts;
        for (int month = 0; month < 3; month++)
        {
            // The three sessions at exactly midnight open their month; the three a millisecond before close the month before.
            Assert.Equal(3, rows.Count(r => r.Month == month && r.CreatedAt == starts[month]));
            Assert.Equal(month == 0 ? 0 : 3, rows.Count(r => r.Month == month - 1 && r.CreatedAt == starts[month].AddMilliseconds(-1)));
            Assert.All(rows.Where(r => r.Month == month), r => Assert.InRange(r.CreatedAt, starts[month], starts[month + 1].AddTicks(-1)));
        }
    }
}
