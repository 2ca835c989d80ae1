using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Sandbox;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// Runs the client's walk to the end over the sandbox engine in-process (no socket, no
/// runspace): the query engine alone, against a well-behaved or a quirky server.
/// </summary>
public static class InProcessWalk
{
    public static WalkResult Run(
        SandboxEngine engine, SandboxQuirks quirks, SessionQuery query, int pageSize, ulong skip = 0, ulong first = ulong.MaxValue, Action<int>? afterPage = null)
    {
        var recorder = new RecordingHandler(new SandboxHttpHandler(engine) { Quirks = quirks });
        var options = new OpenCxClientOptions(new Uri("https://sandbox.opencx.invalid/"), new ApiKey(Guid.NewGuid().ToString()))
        {
            Handler = recorder,
            RateLimit = 100_000,
        };
        using var client = new OpenCxClient(options);
        var walk = new SessionWalk(client, query, new PagingBudget(skip, first), new WalkOptions { PageSize = pageSize });
        var sessions = new List<ChatSession>();
        var warnings = new List<string>();
        while (walk.NextAsync(null, CancellationToken.None).GetAwaiter().GetResult() is WalkPage page)
        {
            sessions.AddRange(page.Sessions);
            warnings.AddRange(page.Warnings);

            afterPage?.Invoke(recorder.Bodies.Count);
        }

        // The client and the engine hold to the spec here too, as against a server (SandboxFixture).
        var problems = recorder.Bodies.SelectMany(b => SpecContract.ValidateFilterRequest(b).Select(p => $"request {b}: {p}"))
            .Concat(recorder.Answers.SelectMany(a => SpecContract.ValidateFilterResponse(a).Select(p => $"response: {p}")))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Violations of the spec in ../shared/spec:\n" + string.Join("\n", problems.Distinct().Take(20)));
        }

        return new WalkResult(sessions, warnings, recorder.Bodies);
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public RecordingHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        public List<string> Bodies { get; } = new List<string>();

        /// <summary>The bodies of the 200 answers.</summary>
        public List<string> Answers { get; } = new List<string>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[] body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            lock (Bodies)
            {
                Bodies.Add(Encoding.UTF8.GetString(body));
            }

            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                string answer = await response.Content.ReadAsStringAsync(cancellationToken);
                lock (Answers)
                {
                    Answers.Add(answer);
                }
            }

            return response;
        }
    }
}

public sealed record WalkResult(IReadOnlyList<ChatSession> Sessions, IReadOnlyList<string> Warnings, IReadOnlyList<string> RequestBodies);
