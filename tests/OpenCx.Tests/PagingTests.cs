using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Streaming page by page: nothing lost or repeated, and no request the pipeline does not need.</summary>
public sealed class PagingTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public PagingTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Theory]
    [InlineData("", 100, "{\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}")]
    [InlineData("-SortOrder asc", 37, "{\"sort_by\":\"created_at\",\"sort_order\":\"asc\"}")]
    [InlineData("-Channel web,email,whatsapp", 9, "{\"filters\":{\"channels\":[\"web\",\"email\",\"whatsapp\"]},\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}")]
    public void A_full_enumeration_writes_every_matching_session_once_in_order(string filters, int pageSize, string truthQuery)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {filters} -PageSize {pageSize}");

        Assert.Empty(run.Errors);
        string[] written = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        IReadOnlyList<string> truth = _sandbox.Truth(truthQuery);
        Assert.True(truth.Count > pageSize * 2, "the test needs several pages");
        Assert.Equal(truth, written);
        Assert.Equal(written.Length, written.Distinct().Count());
    }

    /// <summary>Issue 21: the request that finds where the range ends is not a page of sessions, and -Verbose does not call it one.</summary>
    [Fact]
    public void Verbose_names_the_request_that_finds_the_newest_session_for_what_it_is()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -SortOrder asc -PageSize 100 -First 150 -Verbose");

        Assert.Empty(run.Errors);
        Assert.StartsWith("Found where the range ends, at the newest matching session", run.Verbose.First(v => v.StartsWith("Found", StringComparison.Ordinal) || v.StartsWith("Page ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Verbose, v => v.Contains(": 0 new session(s)", StringComparison.Ordinal));
        Assert.Contains(run.Verbose, v => v.StartsWith("Page 1: 100 new session(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_OpenCxSession_with_First_150_sends_two_pages_and_between_them_one_check_of_the_order()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 150 -Verbose");

        Assert.Empty(run.Errors);
        Assert.Equal(150, run.Objects<ChatSession>().Count());
        Assert.Contains("Checked that the server sorts by created_at at all (created from the start to now, sorted by created_at asc, page 1 of 1).", run.Verbose);
        IReadOnlyList<JsonElement> bodies = _sandbox.RequestBodies();
        Assert.Equal(3, bodies.Count);

        // The first page's request oldest first, for its first session: a server that sorts does not begin both orders alike.
        Assert.Equal("asc", bodies[1].GetProperty("sort_order").GetString());
        Assert.Equal(1, bodies[1].GetProperty("limit").GetInt32());
    }

    [Fact]
    public void Get_OpenCxSession_with_First_100_sends_one_request()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 100");

        Assert.Equal(100, run.Objects<ChatSession>().Count());
        Assert.Single(_sandbox.Server.Requests);
    }

    [Fact]
    public void Skip_reads_the_slice_it_skips_to()
    {
        PowerShellRun all = _sandbox.RunConnected("Get-OpenCxSession");
        Guid[] everything = all.Objects<ChatSession>().Select(s => s.Id).ToArray();

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Skip 250 -First 10");

        Assert.Empty(run.Errors);
        Assert.Equal(everything.Skip(250).Take(10), run.Objects<ChatSession>().Select(s => s.Id));
        // -Skip is counted on sessions read, not computed into a page number: a block of equal
        // creation times can straddle the skipped part. Three pages of 100 hold the 260.
        Assert.InRange(_sandbox.RequestBodies().Count, 3, 4);
    }

    [Fact]
    public void A_downstream_Select_Object_First_stops_the_paging()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 10 | Select-Object -First 15");

        Assert.Empty(run.Errors);
        Assert.Equal(15, run.Output.Count);
        // Two pages hold the 15, with the check of the order between them; one more may be in flight as read-ahead, never more.
        Assert.InRange(_sandbox.Server.Requests.Count, 3, 4);
    }

    [Fact]
    public void IncludeTotalCount_says_the_total_is_unknown()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -IncludeTotalCount -First 1 | ForEach-Object { $_.ToString() }");

        Assert.Empty(run.Errors);
        Assert.Equal(2, run.Output.Count);
        Assert.Equal("Unknown total count", run.Output[0].ToString());
    }

    [Fact]
    public void Piped_contact_ids_are_batched_into_few_requests()
    {
        PowerShellRun contacts = _sandbox.RunConnected("Get-OpenCxSession -First 300 | Where-Object ContactId");
        Guid[] contactIds = contacts.Objects<ChatSession>().Select(s => s.ContactId!.Value).Distinct().ToArray();
        Assert.True(contactIds.Length > 100, "the test needs more than one batch of contacts");

        PowerShellRun run = _sandbox.RunConnected(
            "$ids | ForEach-Object { [pscustomobject]@{ ContactId = \"$_\" } } | Get-OpenCxSession -PageSize 100",
            variables: new System.Collections.Generic.Dictionary<string, object?> { ["ids"] = contactIds });

        Assert.Empty(run.Errors);
        IReadOnlyList<JsonElement> bodies = _sandbox.RequestBodies();
        Assert.Equal(contactIds.Length, bodies.SelectMany(b => b.GetProperty("filters").GetProperty("contact_ids").EnumerateArray()).Select(e => e.GetString()).Distinct().Count());
        Assert.True(bodies.Count < contactIds.Length / 10, $"{bodies.Count} requests for {contactIds.Length} contacts");
        Assert.All(run.Objects<ChatSession>(), s => Assert.Contains(s.ContactId!.Value, contactIds));
    }
}
