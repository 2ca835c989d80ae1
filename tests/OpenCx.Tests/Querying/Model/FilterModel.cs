using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;

namespace OpenCx.Tests.Querying.Model;

/// <summary>A session of the model: what the filter endpoint can see of it.</summary>
public sealed record ModelSession(Guid Id, DateTime CreatedAt, DateTime LastMessageAt, string Channel, DateTime VisibleAt);

/// <summary>One request the model answered and its answer (outages not included).</summary>
public sealed record ModelExchange(ModelQuery Query, int Page, int Limit, IReadOnlyList<ModelSession> Returned, bool HasNext);

/// <summary>What a server the spec allows (or a real one) may do besides answering plainly.</summary>
public sealed record ServerBehaviour(
    bool ShuffleTies,
    bool IgnoreSort,
    bool IgnoreDates,
    bool EchoWrong,
    IReadOnlyCollection<int> Outages)
{
    public static ServerBehaviour Plain { get; } = new(false, false, false, false, Array.Empty<int>());

    /// <summary>
    /// True when each answer reaches the client on another thread, after the walk has gone on to
    /// wait for it (as over a network), rather than before the request's send returns: a request
    /// the walk sends ahead on a glance at an answer then goes out at once, not when the walk waits.
    /// The model records every request when it is sent either way, so the transcript is the same.
    /// </summary>
    public bool AnswersLater { get; init; }

    /// <summary>True when the same request always gets the same answer (no shuffled ties).</summary>
    public bool Deterministic => !ShuffleTies;

    public override string ToString() =>
        $"shuffle={ShuffleTies} ignoreSort={IgnoreSort} ignoreDates={IgnoreDates} echoWrong={EchoWrong} outages=[{string.Join(",", Outages)}] answersLater={AnswersLater}";
}

/// <summary>
/// The filter endpoint (POST /chat/sessions/filter) as the spec describes it, over generated data,
/// written for the tests alone (the sandbox is a second implementation; this one shares nothing
/// with it): filters on the date range (both ends inclusive) and channels, sorts by created_at or
/// last_message_at with no tiebreak, pages by page/limit. A session is visible from its commit
/// time on; the model's clock moves <see cref="RequestStep"/> per request.
/// </summary>
public sealed class FilterModel : HttpMessageHandler
{
    public static readonly TimeSpan RequestStep = TimeSpan.FromMilliseconds(100);

    /// <summary>Requests, at most, one model answers (its data holds some hundreds of sessions).</summary>
    public const int MaximumRequests = 20_000;

    private readonly List<ModelSession> _sessions;
    private readonly Random _random;
    private int _requests;

    public FilterModel(IEnumerable<ModelSession> sessions, ServerBehaviour behaviour, DateTime now, int seed)
    {
        _sessions = sessions.ToList();
        Behaviour = behaviour;
        Now = now;
        _random = new Random(seed);
    }

    public ServerBehaviour Behaviour { get; set; }

    public DateTime Now { get; set; }

    public int Requests => _requests;

    public IReadOnlyList<ModelSession> Sessions => _sessions;

    /// <summary>Every request answered, in order, with its answer.</summary>
    public List<ModelExchange> Transcript { get; } = new();

    public void Add(IEnumerable<ModelSession> sessions) => _sessions.AddRange(sessions);

    /// <summary>The sessions that match, visible at <paramref name="at"/>, in the order asked for (ties in the order of the list).</summary>
    public IReadOnlyList<ModelSession> Answer(ModelQuery query, DateTime at) =>
        Sort(_sessions.Where(s => s.VisibleAt <= at && query.Matches(s)), query.SortByCreatedAt, query.Ascending).ToList();

    /// <summary>A client of this model that retries a failed request once, at once.</summary>
    /// <param name="before">A handler in front of the model (its inner handler), to hold or watch its answers; null for none.</param>
    public OpenCxClient Client(DelegatingHandler? before = null) => new(new OpenCxClientOptions(new Uri("https://model.opencx.invalid/"), new ApiKey("model-" + Guid.NewGuid()))
    {
        Handler = before is null ? this : WithInner(before),
        Clock = new InstantClock(),
        RateLimit = 1_000_000,
        Retry = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero),
    });

    private DelegatingHandler WithInner(DelegatingHandler before)
    {
        before.InnerHandler = this;
        return before;
    }

    public static IEnumerable<ModelSession> Sort(IEnumerable<ModelSession> sessions, bool byCreatedAt, bool ascending)
    {
        Func<ModelSession, DateTime> key = byCreatedAt ? s => s.CreatedAt : s => s.LastMessageAt;
        return ascending ? sessions.OrderBy(key) : sessions.OrderByDescending(key);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage answer = await AnswerAsync(request, cancellationToken);
        if (Behaviour.AnswersLater)
        {
            await Task.Yield();
        }

        return answer;
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        int number;
        DateTime now;
        lock (_sessions)
        {
            number = ++_requests;
            if (number > MaximumRequests)
            {
                // A walk that never ends fails the property (with its case) rather than hanging the suite.
                throw new InvalidOperationException($"The walk sent more than {MaximumRequests} requests: it does not end. The last ones:{ModelChecks.Describe(Transcript.Skip(Transcript.Count - 30).ToList())}");
            }

            Now += RequestStep;
            now = Now;
        }

        if (Behaviour.Outages.Contains(number))
        {
            return Json(request, HttpStatusCode.ServiceUnavailable, "{\"statusCode\":503,\"message\":\"model outage\"}");
        }

        using var json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        var query = ModelQuery.FromBody(root);
        int page = root.GetProperty("page").GetInt32();
        int limit = root.GetProperty("limit").GetInt32();
        ModelQuery applied = query with
        {
            From = Behaviour.IgnoreDates ? null : query.From,
            To = Behaviour.IgnoreDates ? null : query.To,
        };

        List<ModelSession> matching;
        lock (_sessions)
        {
            IEnumerable<ModelSession> visible = _sessions.Where(s => s.VisibleAt <= now && applied.Matches(s));
            if (Behaviour.ShuffleTies)
            {
                visible = visible.OrderBy(_ => _random.Next());
            }

            matching = Behaviour.IgnoreSort
                ? visible.OrderBy(s => s.Id.ToString()).ToList()
                : Sort(visible, query.SortByCreatedAt, query.Ascending).ToList();
        }

        var slice = matching.Skip((page - 1) * limit).Take(limit).ToList();

        bool hasNext = page * limit < matching.Count;
        lock (_sessions)
        {
            Transcript.Add(new ModelExchange(query, page, limit, slice, hasNext));
        }

        int echoedPage = Behaviour.EchoWrong ? page + 7 : page;
        int echoedLimit = Behaviour.EchoWrong ? 25 : limit;
        return Json(request, HttpStatusCode.OK, Page(slice, echoedPage, echoedLimit, hasNext, page > 1));
    }

    private static string Page(List<ModelSession> sessions, int page, int limit, bool hasNext, bool hasPrevious)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (ModelSession session in sessions)
            {
                writer.WriteStartObject();
                writer.WriteString("id", session.Id.ToString());
                writer.WriteString("status", "open");
                writer.WriteNull("ai_closure_type");
                writer.WriteNull("sentiment");
                writer.WriteStartObject("channel");
                writer.WriteString("type", session.Channel);
                writer.WriteEndObject();
                writer.WriteNumber("ticket_number", 1);
                writer.WriteBoolean("assist_mode", false);
                writer.WriteString("created_at", Format(session.CreatedAt));
                writer.WriteString("updated_at", Format(session.LastMessageAt));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("page", page);
            writer.WriteNumber("limit", limit);
            writer.WriteBoolean("has_next", hasNext);
            writer.WriteBoolean("has_previous", hasPrevious);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Format(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An answer tied to its request, as a network handler's is (the client's trace of answers reads the request from it).</summary>
    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, string body) => new(status)
    {
        RequestMessage = request,
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    private sealed class InstantClock : Clock
    {
        public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public override TimeSpan Monotonic => System.Monotonic;

        public override Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void CancelAfter(CancellationTokenSource source, TimeSpan delay) => source.CancelAfter(delay);
    }
}

/// <summary>A query as the model reads it: the date range (both ends inclusive), the channels, the sort.</summary>
public sealed record ModelQuery(DateTime? From, DateTime? To, IReadOnlyList<string>? Channels, bool SortByCreatedAt, bool Ascending)
{
    /// <summary>The query a user means by <paramref name="query"/>: its end exclusive, as the module documents it.</summary>
    public static ModelQuery Of(SessionQuery query) => new(
        query.CreatedFrom,
        query.CreatedBefore?.AddMilliseconds(-1),
        query.Channels,
        query.SortBy == SessionSortField.CreatedAt,
        query.SortOrder == SessionSortOrder.Ascending);

    public static ModelQuery FromBody(JsonElement root)
    {
        DateTime? from = null;
        DateTime? to = null;
        IReadOnlyList<string>? channels = null;
        if (root.TryGetProperty("filters", out JsonElement filters))
        {
            if (filters.TryGetProperty("date", out JsonElement date))
            {
                from = date.TryGetProperty("from", out JsonElement f) ? Parse(f.GetString()!) : null;
                to = date.TryGetProperty("to", out JsonElement t) ? Parse(t.GetString()!) : null;
            }

            if (filters.TryGetProperty("channels", out JsonElement list))
            {
                channels = list.EnumerateArray().Select(c => c.GetString()!).ToList();
            }
        }

        bool byCreated = !root.TryGetProperty("sort_by", out JsonElement sortBy) || sortBy.GetString() == "created_at";
        bool ascending = root.TryGetProperty("sort_order", out JsonElement order) && order.GetString() == "asc";
        return new ModelQuery(from, to, channels, byCreated, ascending);
    }

    public bool Matches(ModelSession session) =>
        (From is null || session.CreatedAt >= From) && (To is null || session.CreatedAt <= To)
        && (Channels is null || Channels.Contains(session.Channel));

    private static DateTime Parse(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
