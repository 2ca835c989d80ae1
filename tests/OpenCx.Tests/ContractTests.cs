using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The spec as a contract (<see cref="SpecContract"/>): every test that talks to a sandbox server
/// holds what the module sent and what the server answered to ../shared/spec, through
/// <see cref="SandboxFixture"/>. These prove that the check catches what the spec forbids, by
/// name, and that the module's widest request keeps to it.
/// </summary>
public sealed class ContractTests : IClassFixture<SandboxFixture>
{
    private const string Valid =
        "{\"filters\":{\"date\":{\"from\":\"2026-10-01T00:00:00.000Z\",\"to\":\"2026-10-31T00:00:00.000Z\"}},\"sort_by\":\"created_at\",\"sort_order\":\"desc\",\"page\":1,\"limit\":100}";

    private readonly SandboxFixture _sandbox;

    public ContractTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    [Fact]
    public void A_request_the_spec_allows_passes()
    {
        Assert.Empty(SpecContract.ValidateFilterRequest(Valid));
    }

    [Theory]
    [InlineData("2026-10-01T00:00:00.000Z", "2026-10-01T00:00:00.000+00:00", "filters.date.from")]
    [InlineData("\"desc\"", "\"DESC\"", "sort_order")]
    [InlineData("\"created_at\"", "\"CreatedAt\"", "sort_by")]
    public void A_request_the_spec_forbids_fails_naming_the_field(string kept, string broken, string field)
    {
        int at = Valid.IndexOf(kept, System.StringComparison.Ordinal);
        string request = Valid[..at] + broken + Valid[(at + kept.Length)..];

        IReadOnlyList<string> problems = SpecContract.ValidateFilterRequest(request);

        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.StartsWith(field + " ", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_without_a_session_field_the_spec_requires_fails_naming_it()
    {
        _sandbox.RunConnected("Get-OpenCxSession -First 1 | Out-Null");
        JsonObject answer = JsonNode.Parse(_sandbox.Server.Requests.Single().ResponseBody!)!.AsObject();
        Assert.Empty(SpecContract.ValidateFilterResponse(answer.ToJsonString()));
        JsonObject first = answer["data"]!.AsArray()[0]!.AsObject();
        Assert.True(first.Remove("id"));

        IReadOnlyList<string> problems = SpecContract.ValidateFilterResponse(answer.ToJsonString());

        Assert.Contains(problems, p => p.StartsWith("data.0 ", System.StringComparison.Ordinal) && p.Contains("id", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Answers_on_the_paths_of_the_read_spec_are_held_to_their_operations_with_references_into_the_filter_spec()
    {
        if (!File.Exists(Path.Combine(SpecContract.SpecFolder, SpecContract.ReadSpec)))
        {
            // A hosted runner has the repository alone, and with it the filter spec alone.
            Assert.Equal(Path.Combine(RepoPaths.Root, "spec"), SpecContract.SpecFolder);
            return;
        }

        _sandbox.RunConnected("Get-OpenCxSession -First 1 | Out-Null");
        JsonNode session = JsonNode.Parse(_sandbox.Server.Requests.Single().ResponseBody!)!["data"]!.AsArray()[0]!;
        string list = new JsonObject { ["items"] = new JsonArray(session.DeepClone()), ["next"] = null }.ToJsonString();
        JsonObject broken = session.DeepClone().AsObject();
        broken.Remove("id");
        string brokenList = new JsonObject { ["items"] = new JsonArray(broken), ["next"] = "cursor" }.ToJsonString();

        Assert.Empty(SpecContract.Check(Exchange("GET", "/v1/chat/sessions", list)));
        Assert.Empty(SpecContract.Check(Exchange("GET", "/chat/sessions/abc", session.ToJsonString())));
        Assert.Contains(SpecContract.Check(Exchange("GET", "/v1/chat/sessions", brokenList)), p => p.Contains(" items.0 ", System.StringComparison.Ordinal));
        Assert.Contains(SpecContract.Check(Exchange("GET", "/chat/sessions/abc", broken.ToJsonString())), p => p.Contains("(the body)", System.StringComparison.Ordinal));
        Assert.NotEmpty(SpecContract.Check(Exchange("GET", "/chat/sessions/abc/history", list)));
    }

    [Fact]
    public void Get_OpenCxSession_with_every_filter_and_sort_sends_and_gets_what_the_spec_allows()
    {
        // RunConnected holds every request and answer to the spec, and fails on the first that breaks it.
        PowerShellRun run = _sandbox.RunConnected(
            "Get-OpenCxSession -CreatedAfter '2026-01-01T10:00:00+02:00' -CreatedBefore '2026-11-01' -Channel email, web -Status open, closed_resolved " +
            "-AiClosure resolved -Sentiment happy -TeamId team_1 -Language en -Tag billing -SortBy created_at -SortOrder asc -First 5 | Out-Null\n" +
            "Get-OpenCxSession -Unassigned -SortBy last_message_at -SortOrder desc -First 150 | Out-Null");

        Assert.Empty(run.Errors);
        Assert.True(_sandbox.Server.Requests.Count >= 3, string.Join("\n", _sandbox.Server.Requests));
        Assert.True(SpecContract.Checked.Requests >= 3);
    }

    private static SandboxRequestLogEntry Exchange(string method, string path, string answer) =>
        new(System.DateTimeOffset.UtcNow, method, path, string.Empty, 200, null, hadAuthorization: true, System.TimeSpan.Zero) { ResponseBody = answer };
}
