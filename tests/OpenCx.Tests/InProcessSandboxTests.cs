using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace OpenCx.Tests;

/// <summary>
/// Connect-OpenCx -Sandbox's server lives in the module's process: what it is asked and answers
/// is held to the spec like the sandbox server's log (<see cref="InProcessSandboxContract"/>), and
/// its rate budget is the process's own, shared through no file with other processes.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class InProcessSandboxTests
{
    [Fact]
    public void The_requests_and_answers_of_Connect_OpenCx_Sandbox_in_a_runspace_are_held_to_the_spec()
    {
        (int requests, int responses) = SpecContract.Checked;
        using var session = new ModuleSession();

        PowerShellRun run = session.Run("Connect-OpenCx -Sandbox\nGet-OpenCxSession -Channel email -CreatedAfter '2026-01-01T10:00:00+02:00' -SortBy created_at -SortOrder asc -First 150");

        Assert.Empty(run.Errors);
        Assert.Equal(150, run.Output.Count);
        Assert.True(SpecContract.Checked.Requests >= requests + 2, $"{SpecContract.Checked.Requests - requests} request(s) held to the spec");
        Assert.True(SpecContract.Checked.Responses >= responses + 2, $"{SpecContract.Checked.Responses - responses} answer(s) held to the spec");
    }

    [Theory]
    [InlineData("\"from\":\"2026-10-01T00:00:00.000Z\"", "\"from\":\"2026-10-01T00:00:00.000+00:00\"", "filters.date.from")]
    [InlineData("\"sort_order\":\"desc\"", "\"sort_order\":\"DESC\"", "sort_order")]
    public async Task A_request_the_spec_forbids_sent_to_the_in_process_sandbox_fails_the_check_naming_the_field(string kept, string broken, string field)
    {
        // Alone in its collection: no other test's check takes the exchange first.
        const string Valid =
            "{\"filters\":{\"date\":{\"from\":\"2026-10-01T00:00:00.000Z\",\"to\":\"2026-10-31T00:00:00.000Z\"}},\"sort_by\":\"created_at\",\"sort_order\":\"desc\",\"page\":1,\"limit\":100}";
        InProcessSandboxContract.Listen();
        InProcessSandboxContract.AssertKept();
        using var http = new HttpClient(new SandboxHttpHandler(SandboxEngine.CreateDefault()));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://sandbox.opencx.invalid/chat/sessions/filter")
        {
            Content = new StringContent(Valid.Replace(kept, broken, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sandbox");

        using HttpResponseMessage response = await http.SendAsync(request);
        XunitException failed = Assert.ThrowsAny<XunitException>(InProcessSandboxContract.AssertKept);

        Assert.Contains($": {field} ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Connect-OpenCx -Sandbox", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_on_an_in_process_handler_keeps_its_budget_in_no_file_other_processes_read()
    {
        // A key of its own: the file of a server and key would be this one, whoever else runs.
        string key = $"in-process-{Guid.NewGuid():N}";
        var handler = new ScriptedHandler(Clock.System);
        using OpenCxClient client = handler.Client(options => options.RateLimit = 5, key);
        string file = SharedBudgetFile.In(SharedBudgetFile.DefaultFolder, $"{client.Endpoint.GetLeftPart(UriPartial.Authority)}|{new ApiKey(key).Fingerprint}").FilePath;

        await client.CheckAccessAsync(null, CancellationToken.None);

        Assert.Single(handler.Arrivals);
        Assert.False(File.Exists(file), $"{file} was written: another process's in-process sandbox would pace this one.");
    }
}
