using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Filtering;
using OpenCx.Sandbox.History;
using OpenCx.Sandbox.Json;
using OpenCx.Sandbox.Listing;

namespace OpenCx.Sandbox;

/// <summary>
/// POST /chat/sessions/filter and GET /chat/sessions over an in-memory, generated data set. Thread-safe: requests
/// read an immutable snapshot while <see cref="Churn"/> swaps in the next one.
/// </summary>
public sealed class SandboxEngine
{
    private readonly object _churnLock = new();
    private readonly SessionGenerator _generator;
    private readonly int _seed;
    private readonly long _nowMs;
    private volatile SessionStore _store;

    public SandboxEngine(SandboxDataOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (options.SessionCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SessionCount must not be negative.");
        }

        long nowMs = options.Now.ToUnixTimeMilliseconds();
        _seed = options.Seed;
        _nowMs = nowMs;
        _generator = new SessionGenerator(new SeededRandom(options.Seed), Math.Max(1, options.SessionCount / 3), nowMs);
        Session[] sessions = Enumerable.Range(0, options.SessionCount)
            .Select(_ => _generator.Historical(nowMs))
            .Concat(options.BulkImports.SelectMany(import => Imported(import, nowMs)))
            .ToArray();

        // Ticket numbers count up in creation order, as a help desk hands them out.
        Array.Sort(sessions, SessionOrder.ByCreatedAt);
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = sessions[i] with { TicketNumber = i + 1 };
        }

        _store = SessionStore.Create(sessions, sessions.Length + 1);
    }

    /// <summary>
    /// The sessions of one bulk import, each a generated session moved to the import's
    /// millisecond; stored finer than printed, their hidden sub-millisecond times are distinct
    /// and not in id order, so a client cannot get the order right by accident.
    /// </summary>
    private IEnumerable<Session> Imported(SandboxBulkImport import, long nowMs)
    {
        long atMs = import.At.ToUnixTimeMilliseconds();
        for (int i = 0; i < import.Count; i++)
        {
            Session generated = _generator.Historical(nowMs);
            long lastMessageAfter = generated.LastMessageAtMs - generated.CreatedAtMs;
            long updatedAfter = generated.UpdatedAtMs - generated.CreatedAtMs;
            yield return generated with
            {
                CreatedAtMs = atMs,
                CreatedAtSubMsTicks = import.StoredFinerThanPrinted ? (int)((i * 7919L) % 10_000) : 0,
                LastMessageAtMs = Math.Max(atMs, Math.Min(nowMs, atMs + lastMessageAfter)),
                UpdatedAtMs = Math.Max(atMs, Math.Min(nowMs, atMs + updatedAfter)),
            };
        }
    }

    /// <summary>The data set of <c>Connect-OpenCx -Sandbox</c>: 2,500 sessions over the 180 days before now.</summary>
    public static SandboxEngine CreateDefault() => new(new SandboxDataOptions());

    public int SessionCount => _store.Count;

    /// <summary>The current snapshot, for tests that check answers against the raw sessions.</summary>
    internal SessionStore Store => _store;

    /// <summary>
    /// Answers one request body: 200 with a FilterChatSessionsOutput, or 400 with an ErrorDto
    /// whose message names the offending field.
    /// </summary>
    public SandboxResponse Filter(byte[] requestBody) => Filter(requestBody, SandboxQuirks.None);

    /// <summary>Answers one request as a server with <paramref name="quirks"/> would: validated as the spec says, then misapplied.</summary>
    public SandboxResponse Filter(byte[] requestBody, SandboxQuirks quirks)
    {
        FilterRequest request;
        try
        {
            request = FilterRequestParser.Parse(requestBody);
        }
        catch (InvalidFilterRequestException e)
        {
            return SandboxResponse.Error(400, e.Message);
        }

        if (quirks.IgnoreSort)
        {
            request.SortByCreatedAt = false;
            request.Descending = true;
        }

        if (quirks.IgnoreDateRange)
        {
            request.Filter.CreatedFromMs = null;
            request.Filter.CreatedToMs = null;
        }

        return new SandboxResponse(200, FilterOutputJson.Write(SessionQuery.Page(_store, request), quirks.SpecValidOddValues));
    }

    /// <summary>GET /chat/sessions/{id}: the session as one item of the filter's data, or 404.</summary>
    public SandboxResponse Session(string id)
    {
        Session? session = Find(id);
        return session is null
            ? SandboxResponse.Error(404, $"Chat session {id} not found")
            : new SandboxResponse(200, JsonOutput.Write(writer => SessionJson.Write(writer, session)));
    }

    /// <summary>
    /// GET /chat/sessions/{id}/history: one page of the session's generated events, oldest
    /// first, <see cref="HistoryPageSize"/> at most, with the cursor of the next page; 404 for an
    /// unknown session, 400 for a cursor this server did not give for that session.
    /// </summary>
    public SandboxResponse History(string id, string? cursor)
    {
        Session? session = Find(id);
        if (session is null)
        {
            return SandboxResponse.Error(404, $"Chat session {id} not found");
        }

        IReadOnlyList<HistoryEvent> events = HistoryGenerator.For(_seed, session, _nowMs);
        int from = 0;
        if (!string.IsNullOrEmpty(cursor) && !HistoryCursor.TryRead(cursor!, id, out from))
        {
            return SandboxResponse.Error(400, "cursor is not a cursor of this session's history");
        }

        from = Math.Min(from, events.Count);
        int count = Math.Min(HistoryPageSize, events.Count - from);
        string? next = from + count < events.Count ? HistoryCursor.Write(id, from + count) : null;
        return new SandboxResponse(200, HistoryJson.Write(events, from, count, next));
    }

    /// <summary>Events per page of a session's history.</summary>
    public const int HistoryPageSize = 10;

    /// <summary>How many events the session's history holds (every page), for tests; -1 for an unknown session.</summary>
    public int HistoryLength(string id)
    {
        Session? session = Find(id);
        return session is null ? -1 : HistoryGenerator.For(_seed, session, _nowMs).Count;
    }

    private Session? Find(string id)
    {
        foreach (Session session in _store.ByCreatedAt)
        {
            if (string.Equals(session.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>
    /// The ids of every session the request's filters match, in its sort order, page and limit
    /// ignored: the truth a full enumeration by a client should reproduce.
    /// </summary>
    /// <exception cref="ArgumentException">The body is not a valid request; the message names the field.</exception>
    public IReadOnlyList<string> MatchingIds(byte[] requestBody)
    {
        FilterRequest request;
        try
        {
            request = FilterRequestParser.Parse(requestBody);
        }
        catch (InvalidFilterRequestException e)
        {
            throw new ArgumentException(e.Message, nameof(requestBody), e);
        }

        return SessionQuery.Matching(_store, request).Select(s => s.Id).ToList();
    }

    /// <summary>
    /// Answers GET /chat/sessions with <paramref name="queryString"/> ("?status=open&amp;cursor=..."
    /// or without the "?"): 200 with a ListChatSessionsOutput, or 400 with an ErrorDto naming the parameter.
    /// </summary>
    public SandboxResponse List(string? queryString) => List(queryString, SandboxQuirks.None);

    /// <summary>Answers as a server with <paramref name="quirks"/> would.</summary>
    public SandboxResponse List(string? queryString, SandboxQuirks quirks)
    {
        ListRequest request;
        try
        {
            request = ListRequestParser.Parse(queryString);
        }
        catch (InvalidFilterRequestException e)
        {
            return SandboxResponse.Error(400, e.Message);
        }

        if ((quirks ?? SandboxQuirks.None).IgnoreUpdatedRange)
        {
            request.UpdatedAfterTicks = null;
            request.UpdatedBeforeTicks = null;
        }

        return new SandboxResponse(200, ListOutputJson.Write(SessionList.Page(_store, request)));
    }

    /// <summary>The ids of every session GET /chat/sessions with these filters matches now, cursor ignored: the truth a walk should reproduce.</summary>
    /// <exception cref="ArgumentException">The query string is not valid; the message names the parameter.</exception>
    public IReadOnlyList<string> ListMatchingIds(string? queryString)
    {
        try
        {
            return SessionList.Matching(_store, ListRequestParser.Parse(queryString)).Select(s => s.Id).ToList();
        }
        catch (InvalidFilterRequestException e)
        {
            throw new ArgumentException(e.Message, nameof(queryString), e);
        }
    }

    /// <summary>Each session's output status and updated_at now, by id: what a sync should end with.</summary>
    public IReadOnlyDictionary<string, (string Status, DateTimeOffset UpdatedAt)> CurrentStates() =>
        _store.ByCreatedAt.ToDictionary(
            s => s.Id,
            s => (SessionStatus.OutputName(s.StatusId), DateTimeOffset.FromUnixTimeMilliseconds(s.UpdatedAtMs)),
            StringComparer.Ordinal);

    /// <summary>
    /// Simulates activity at <paramref name="now"/>: <paramref name="touched"/> distinct existing
    /// sessions receive a message (last_message_at and updated_at become now), and some of them
    /// change status with it (an agent closes an open one, a customer's message reopens a closed
    /// one), and
    /// <paramref name="created"/> new open sessions are created at now. Which sessions, and what
    /// the new ones hold, follows from the seed and the calls made so far.
    /// </summary>
    public void Churn(int touched, int created, DateTimeOffset now)
    {
        if (touched < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(touched));
        }

        if (created < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(created));
        }

        long nowMs = now.ToUnixTimeMilliseconds();
        lock (_churnLock)
        {
            SessionStore current = _store;
            int[] touchedIndices = _generator.Random.DistinctIndices(Math.Min(touched, current.Count), current.Count);
            long[] statuses = touchedIndices.Select(i => _generator.StatusAfterMessage(current.ByCreatedAt[i].StatusId)).ToArray();
            var fresh = new Session[created];
            for (int i = 0; i < created; i++)
            {
                fresh[i] = _generator.Fresh(nowMs, current.NextTicketNumber + i);
            }

            _store = current.WithChurn(touchedIndices, statuses, nowMs, fresh);
        }
    }
}
