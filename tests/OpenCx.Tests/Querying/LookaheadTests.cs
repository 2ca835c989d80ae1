using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Tests.Infrastructure;
using OpenCx.Tests.Querying.Model;
using Xunit;

namespace OpenCx.Tests.Querying;

/// <summary>
/// The keyset walk sends its next request on a glance at the page in flight, before that page is
/// parsed and checked, so that the server answers it meanwhile. Whether the guess is right is the
/// model's property (<see cref="EngineProperties"/>); these show when the request goes out, and
/// what a wrong guess costs.
/// </summary>
public sealed class LookaheadTests
{
    /// <summary>1,000 sessions, 2 ms apart: ten pages of 100.</summary>
    private static readonly List<ModelSession> Data = Enumerable.Range(0, 1_000).Select(i =>
    {
        DateTime createdAt = ModelChecks.T0.AddMilliseconds(2 * i);
        return new ModelSession(new Guid(i + 1, 0, 0, new byte[8]), createdAt, createdAt.AddDays(1), "web", createdAt);
    }).ToList();

    [Fact]
    public async Task The_next_page_is_asked_for_before_the_page_before_is_read()
    {
        string[] exchanges = await ExchangesAsync(readAhead: true);

        // The first page asks for the check of the order: no guess before the check. From the
        // second page on, each page's answer sends the next page's request before the client has
        // read it (it reports an answer once its body is parsed).
        for (int page = 2; page <= 10; page++)
        {
            int next = Array.IndexOf(exchanges, $"sent page {page + 1}");
            int received = Array.IndexOf(exchanges, $"received page {page}");
            Assert.True(next >= 0 && next < received, $"The request for page {page + 1} went out after page {page} was read:\n{string.Join("\n", exchanges)}");
        }
    }

    [Fact]
    public async Task A_walk_that_does_not_read_ahead_asks_for_each_page_once_the_page_before_is_read()
    {
        string[] exchanges = await ExchangesAsync(readAhead: false);

        for (int page = 1; page <= 10; page++)
        {
            Assert.True(
                Array.IndexOf(exchanges, $"received page {page}") < Array.IndexOf(exchanges, $"sent page {page + 1}"),
                $"The request for page {page + 1} went out before page {page} was read:\n{string.Join("\n", exchanges)}");
        }
    }

    /// <summary>
    /// The request for page 3 goes out on a glance at page 2, under the token of the call that
    /// waited for page 2; the call that waits for page 3 may be given another, and cancelling that
    /// one must end the wait.
    /// </summary>
    [Fact]
    public async Task A_request_sent_ahead_heeds_the_token_of_the_call_that_waits_for_it()
    {
        var model = new FilterModel(Data, ServerBehaviour.Plain, ModelChecks.T0.AddMinutes(5), seed: 1);
        var server = new AnswerWhenTold();
        using OpenCxClient client = model.Client(server);
        var walk = new SessionWalk(client, new SessionQuery(), new PagingBudget(0, ulong.MaxValue), new WalkOptions { PageSize = 100 });

        Task<WalkPage?> first = walk.NextAsync(null, CancellationToken.None);
        await server.AnswerOneAsync();
        await first;
        Task<WalkPage?> second = walk.NextAsync(null, CancellationToken.None);
        await server.AnswerOneAsync();
        await server.AnswerOneAsync();
        await second;

        using var stop = new CancellationTokenSource();
        Task<WalkPage?> third = walk.NextAsync(null, stop.Token);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>
    /// 250 sessions created in one instant, on a server that returns them in a different order on
    /// each request: a read of the block that brought new ones is read again from its first page,
    /// where the guess was the page after. Each such guess costs one request, and -Verbose says so.
    /// </summary>
    [Fact]
    public async Task A_wrong_guess_costs_one_request_and_says_so()
    {
        DateTime bulkAt = ModelChecks.T0.AddMilliseconds(1_001);
        var data = Data.Concat(Enumerable.Range(0, 250).Select(i => new ModelSession(new Guid(5_000 + i, 0, 0, new byte[8]), bulkAt, bulkAt.AddDays(1), "web", bulkAt))).ToList();
        ServerBehaviour shuffling = ServerBehaviour.Plain with { ShuffleTies = true };

        var model = new FilterModel(data, shuffling, ModelChecks.T0.AddMinutes(5), seed: 3);
        (List<ChatSession> written, int used, RecordingTrace trace) = await WalkAsync(model, readAhead: true);

        Assert.Equal(written.Count, written.Select(s => s.Id).Distinct().Count());
        string[] unused = trace.Notes.Where(note => note.StartsWith("A request sent ahead", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(unused);
        Assert.All(unused, note => Assert.Contains("is not used: the page before called for another (created from", note, StringComparison.Ordinal));
        Assert.Equal(used + unused.Length, model.Transcript.Count);

        var waiting = new FilterModel(data, shuffling, ModelChecks.T0.AddMinutes(5), seed: 3);
        (_, int usedWaiting, RecordingTrace waitingTrace) = await WalkAsync(waiting, readAhead: false);
        Assert.Empty(waitingTrace.Notes);
        Assert.Equal(usedWaiting, waiting.Transcript.Count);
    }

    /// <summary>
    /// The walk's requests and answers, in order, over a server that answers each request only when
    /// the walk waits for it: "sent page N" as the request leaves, "received page N" once the
    /// client has read its answer (the check of the order is "sent check", "received check").
    /// </summary>
    private static async Task<string[]> ExchangesAsync(bool readAhead)
    {
        var model = new FilterModel(Data, ServerBehaviour.Plain, ModelChecks.T0.AddMinutes(5), seed: 1);
        var server = new AnswerWhenTold();
        var trace = new NamingTrace();
        using OpenCxClient client = model.Client(server);
        var walk = new SessionWalk(client, new SessionQuery(), new PagingBudget(0, ulong.MaxValue), new WalkOptions { PageSize = 100, ReadAhead = readAhead });
        var written = new List<ChatSession>();
        for (int call = 1; ; call++)
        {
            Task<WalkPage?> next = walk.NextAsync(trace, CancellationToken.None);

            // Each call waits for one page, the second for the check of the order first; the
            // last call (after the eleventh page, which says none follows) for nothing.
            for (int answers = call == 2 ? 2 : call <= 11 ? 1 : 0; answers > 0; answers--)
            {
                await server.AnswerOneAsync();
            }

            if (await next is not WalkPage page)
            {
                break;
            }

            written.AddRange(page.Sessions);
        }

        Assert.Equal(Data.OrderByDescending(s => s.CreatedAt).Select(s => s.Id), written.Select(s => s.Id));
        Assert.Equal(12, model.Transcript.Count);
        return trace.Exchanges.ToArray();
    }

    /// <returns>The sessions written, the requests whose answers the walk used (its pages and its checks of the order), and its trace.</returns>
    private static async Task<(List<ChatSession> Written, int Used, RecordingTrace Trace)> WalkAsync(FilterModel model, bool readAhead)
    {
        var trace = new RecordingTrace();
        int used = 0;
        using OpenCxClient client = model.Client();
        var walk = new SessionWalk(client, new SessionQuery(), new PagingBudget(0, ulong.MaxValue), new WalkOptions { PageSize = 100, ReadAhead = readAhead });
        var written = new List<ChatSession>();
        while (await walk.NextAsync(trace, CancellationToken.None) is WalkPage page)
        {
            written.AddRange(page.Sessions);
            used += page.SortChecks.Count + (page.Request.Length > 0 ? 1 : 0);
        }

        return (written, used, trace);
    }

    /// <summary>Holds every request until the test lets the oldest one through.</summary>
    private sealed class AnswerWhenTold : DelegatingHandler
    {
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly ConcurrentQueue<TaskCompletionSource<bool>> _held = new();

        public async Task AnswerOneAsync()
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(30)), "The walk sent no request to answer.");
            Assert.True(_held.TryDequeue(out TaskCompletionSource<bool>? held));
            held!.SetResult(true);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var held = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Enqueue(held);
            _arrived.Release();
            await held.Task.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// Names each request by its place among the pages ("check" for the check of the order), and
    /// each answer by its request's: the server answers in the order asked, one at a time.
    /// </summary>
    private sealed class NamingTrace : IClientTrace
    {
        private readonly ConcurrentQueue<string> _sent = new();
        private int _pages;

        public ConcurrentQueue<string> Exchanges { get; } = new();

        public TraceDetail Wanted => TraceDetail.Requests;

        public void RequestSent(HttpMethod method, Uri endpoint, string body, int attempt, string detail)
        {
            using var json = JsonDocument.Parse(body);
            string name = json.RootElement.GetProperty("limit").GetInt32() == 1 ? "check" : $"page {Interlocked.Increment(ref _pages)}";
            _sent.Enqueue(name);
            Exchanges.Enqueue("sent " + name);
        }

        public void ResponseReceived(int statusCode, TimeSpan elapsed, string detail)
        {
            Assert.True(_sent.TryDequeue(out string? name));
            Exchanges.Enqueue("received " + name);
        }

        public void Waiting(TimeSpan delay, WaitReason reason, string detail)
        {
        }

        public void Note(string message)
        {
        }
    }
}
