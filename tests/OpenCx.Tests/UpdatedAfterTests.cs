using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Get-OpenCxSession -UpdatedAfter / -UpdatedBefore / -HandedOff: through GET /chat/sessions,
/// every session of the range once, checked; what the endpoint cannot do refused before any request.
/// </summary>
public sealed class UpdatedAfterTests : IClassFixture<SandboxFixture>, IDisposable
{
    private static readonly DateTime DataEnd = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly SandboxFixture _sandbox;

    public UpdatedAfterTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void UpdatedAfter_alone_returns_exactly_the_sessions_updated_after_the_instant()
    {
        DateTime after = DataEnd.AddDays(-20);
        IReadOnlyList<string> truth = _sandbox.Server.Engine.ListMatchingIds($"updated_after={Iso(after)}");

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}'");

        Assert.Empty(run.Errors);
        ChatSession[] sessions = run.Objects<ChatSession>().ToArray();
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), sessions.Select(s => s.Id.ToString()).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(sessions, s => Assert.True(s.UpdatedAt > after));
        Assert.InRange(sessions.Length, 60, 400);
        Assert.All(_sandbox.Server.Requests, r => Assert.StartsWith("/chat/sessions?updated_after=", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_updated_exactly_at_the_instant_is_not_after_it()
    {
        ChatSession pivot = _sandbox.RunConnected("Get-OpenCxSession -First 1 -Skip 40").Objects<ChatSession>().Single();
        string at = Iso(pivot.UpdatedAt);

        string[] after = Ids(_sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{at}'"));
        string[] before = Ids(_sandbox.RunConnected($"Get-OpenCxSession -UpdatedBefore '{at}' -UpdatedAfter '{Iso(pivot.UpdatedAt.AddMinutes(-1))}'"));

        Assert.DoesNotContain(pivot.Id.ToString(), after);
        Assert.DoesNotContain(pivot.Id.ToString(), before);
        Assert.Contains(pivot.Id.ToString(), Ids(_sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(pivot.UpdatedAt.AddMilliseconds(-1))}'")));
    }

    [Fact]
    public void Several_statuses_are_one_walk_each_merged_without_repeats()
    {
        DateTime after = DataEnd.AddDays(-40);
        var truth = _sandbox.Server.Engine.ListMatchingIds($"updated_after={Iso(after)}&status=open")
            .Concat(_sandbox.Server.Engine.ListMatchingIds($"updated_after={Iso(after)}&status=closed_unresolved")).ToHashSet();

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}' -Status open, closed_unresolved -Verbose");

        Assert.Empty(run.Errors);
        string[] ids = Ids(run);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.True(truth.SetEquals(ids));
        Assert.Contains(_sandbox.Server.Requests, r => r.Path.Contains("status=open", StringComparison.Ordinal));
        Assert.Contains(_sandbox.Server.Requests, r => r.Path.Contains("status=closed_unresolved", StringComparison.Ordinal));
        Assert.All(_sandbox.Server.Requests, r => Assert.Single(r.Path.Split('&'), p => p.StartsWith("status=", StringComparison.Ordinal) || p.Contains("?status=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Filters_the_endpoint_lacks_are_applied_to_what_comes_back_and_Verbose_says_so()
    {
        DateTime after = DataEnd.AddDays(-60);
        PowerShellRun all = _sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}' -Channel web");
        ChatSession[] web = all.Objects<ChatSession>().ToArray();

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}' -Channel web -Sentiment angry -Language en -Verbose");

        Assert.Empty(run.Errors);
        Assert.Equal(
            web.Where(s => s.Sentiment == "angry" && s.Language == "en").Select(s => s.Id.ToString()).OrderBy(id => id, StringComparer.Ordinal),
            Ids(run).OrderBy(id => id, StringComparer.Ordinal));
        Assert.NotEmpty(Ids(run));
        Assert.Contains(run.Verbose, v => v.Contains("no -Sentiment, -Language: applied by the module", StringComparison.Ordinal));
        Assert.Contains(run.Verbose, v => v.Contains("channel_type=web", StringComparison.Ordinal));
    }

    [Fact]
    public void HandedOff_is_sent_to_the_list_endpoint()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -HandedOff $true");

        Assert.Empty(run.Errors);
        Assert.Equal(_sandbox.Server.Engine.ListMatchingIds("handed_off=true").OrderBy(id => id, StringComparer.Ordinal), Ids(run).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(_sandbox.Server.Requests, r => Assert.Contains("handed_off=true", r.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-Tag vip", "-Tag and -WaitingOn")]
    [InlineData("-WaitingOn customers", "-Tag and -WaitingOn")]
    [InlineData("-SortBy created_at", "-SortBy and -SortOrder")]
    [InlineData("-SortOrder asc", "-SortBy and -SortOrder")]
    [InlineData("-Status 7", "custom status id")]
    [InlineData("-Follow", "-Follow")]
    [InlineData("-UpdatedBefore '2026-01-01T00:00:00Z'", "not earlier than -UpdatedBefore")]
    [InlineData("-IncludeUpdated", "add -Checkpoint")]
    public void What_the_list_endpoint_cannot_do_or_the_output_cannot_check_is_refused_before_any_request(string parameters, string said)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '2026-02-01T00:00:00Z' {parameters}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxListNotPossible,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(said, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void First_and_Skip_take_from_the_merged_walk()
    {
        DateTime after = DataEnd.AddDays(-90);
        string[] all = Ids(_sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}'"));

        string[] page = Ids(_sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}' -Skip 70 -First 45"));

        Assert.Equal(all.Skip(70).Take(45), page);
        Assert.Equal(3, _sandbox.Server.Requests.Count);
    }

    [Fact]
    public void Sessions_outside_the_asked_range_are_dropped_counted_and_warned_of()
    {
        DateTime after = DataEnd.AddDays(-20);
        IReadOnlyList<string> truth = _sandbox.Server.Engine.ListMatchingIds($"updated_after={Iso(after)}");
        _sandbox.Options.Quirks.IgnoreUpdatedRange = true;

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -UpdatedAfter '{Iso(after)}'");

        Assert.Empty(run.Errors);
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), Ids(run).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(2, run.Warnings.Count);
        Assert.Contains("outside what GET chat/sessions?updated_after=", run.Warnings[0], StringComparison.Ordinal);
        Assert.Contains($"In all, the server sent {1000 - truth.Count} session(s) outside", run.Warnings[1], StringComparison.Ordinal);
    }

    private static string[] Ids(PowerShellRun run) => run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();

    internal static string Iso(DateTime instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
