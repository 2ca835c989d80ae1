using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Get-OpenCxSession against a server over HTTP that does not keep to the spec: it loses and
/// repeats nothing, and says once what the server did; against one that keeps to it, it says nothing.
/// </summary>
public sealed class ServerDeviationTests : IClassFixture<BoundarySandboxFixture>, IDisposable
{
    private const string Filters = "-Channel web,email,whatsapp -CreatedAfter ([datetime]'2026-07-01T00:00:00Z').ToUniversalTime() -CreatedBefore ([datetime]'2026-10-01T00:00:00Z').ToUniversalTime()";
    private const string FiltersTruth = "\"filters\":{\"channels\":[\"web\",\"email\",\"whatsapp\"],\"date\":{\"from\":\"2026-07-01T00:00:00.000Z\",\"to\":\"2026-09-30T23:59:59.999Z\"}}";
    private readonly BoundarySandboxFixture _sandbox;

    public ServerDeviationTests(BoundarySandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Theory]
    [InlineData("none", "desc", 100, false)]
    [InlineData("none", "asc", 25, true)]
    [InlineData("ignore-sort", "desc", 100, false)]
    [InlineData("ignore-sort", "asc", 25, false)]
    [InlineData("ignore-sort", "desc", 25, true)]
    [InlineData("ignore-date-range", "desc", 25, false)]
    [InlineData("ignore-date-range", "asc", 100, false)]
    [InlineData("ignore-date-range", "asc", 25, true)]
    [InlineData("ignore-date-range", "desc", 100, true)]
    public void Every_matching_session_is_written_once_and_a_misbehaving_server_is_named_once(string quirk, string order, int pageSize, bool filtered)
    {
        _sandbox.Options.Quirks.IgnoreSort = quirk == "ignore-sort";
        _sandbox.Options.Quirks.IgnoreDateRange = quirk == "ignore-date-range";
        string filters = filtered ? Filters : string.Empty;

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {filters} -SortOrder {order} -PageSize {pageSize}");

        Assert.Empty(run.Errors);
        IReadOnlyList<string> truth = _sandbox.Truth($"{{{(filtered ? FiltersTruth + "," : string.Empty)}\"sort_by\":\"created_at\",\"sort_order\":\"{order}\"}}");
        string[] written = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        Assert.True(truth.Count > 3 * pageSize, "the test needs several pages");
        Assert.Equal(written.Length, written.Distinct().Count());
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), written.OrderBy(id => id, StringComparer.Ordinal));
        if (quirk == "none")
        {
            Assert.Empty(run.Warnings);
            Assert.Equal(truth, written);
        }
        else
        {
            string warning = Assert.Single(run.Warnings);
            Assert.StartsWith(quirk == "ignore-sort" ? "The server did not sort by created_at" : "The server did not apply the date range", warning, StringComparison.Ordinal);
            Assert.Contains("Reading the rest by page number", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_explicit_SortBy_last_message_at_drops_sessions_outside_the_range_a_server_ignored()
    {
        _sandbox.Options.Quirks.IgnoreDateRange = true;

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {Filters} -SortBy last_message_at -PageSize 50");

        Assert.Empty(run.Errors);
        IReadOnlyList<string> truth = _sandbox.Truth($"{{{FiltersTruth}}}");
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), run.Objects<ChatSession>().Select(s => s.Id.ToString()).OrderBy(id => id, StringComparer.Ordinal));
        string warning = Assert.Single(run.Warnings);
        Assert.Contains("drops the sessions outside your date range", warning, StringComparison.Ordinal);
    }
}
