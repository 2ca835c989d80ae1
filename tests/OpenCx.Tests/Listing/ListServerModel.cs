using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Cursors;
using OpenCx.Client.Http;
using OpenCx.Client.Listing;

namespace OpenCx.Tests.Listing;

/// <summary>
/// A small model of GET /chat/sessions as the read spec allows it: an order of its own (most
/// recently updated first, or one unrelated to any time), an offset cursor that shifts as
/// sessions change and appear between requests, bounds read as inclusive or exclusive, and now
/// and then a session that lies outside what was asked.
/// </summary>
internal sealed class ListServerModel
{
    private static readonly string[] Statuses = { "open", "closed_resolved", "closed_unresolved" };
    private readonly List<Entry> _sessions;
    private readonly Random _random;
    private readonly bool _recentFirst;
    private readonly bool _inclusiveBounds;
    private readonly int _pageSize;
    private readonly int _changesPerRequest;
    private readonly int _createdPerRequest;
    private readonly int _outsidePercent;
    private long _nowMs;

    public ListServerModel(int seed, int sessions, bool recentFirst, bool inclusiveBounds, int pageSize, int changesPerRequest, int createdPerRequest, int outsidePercent)
    {
        _random = new Random(seed);
        _recentFirst = recentFirst;
        _inclusiveBounds = inclusiveBounds;
        _pageSize = pageSize;
        _changesPerRequest = changesPerRequest;
        _createdPerRequest = createdPerRequest;
        _outsidePercent = outsidePercent;
        _nowMs = 1_000_000;
        _sessions = Enumerable.Range(0, sessions).Select(_ => NewEntry(_random.Next(0, 1_000_000))).ToList();
    }

    /// <summary>Sessions changed (or created) since the walk began.</summary>
    public HashSet<Guid> Changed { get; } = new();

    /// <summary>Sessions sent that lie outside what their request asked, even read inclusively.</summary>
    public int SentOutside { get; private set; }

    public int Requests { get; private set; }

    public IReadOnlyList<(Guid Id, string Status, DateTime UpdatedAt)> Snapshot() =>
        _sessions.Select(s => (s.Id, s.Status, At(s.UpdatedMs))).ToList();

    public Task<CursorResponse<ChatSession>> Fetch(ListRequest request, string? cursor, IClientTrace? trace, CancellationToken cancellationToken)
    {
        Requests++;
        int offset = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var matching = _sessions.Where(s => Matches(s, request)).ToList();
        List<Entry> ordered = _recentFirst
            ? matching.OrderByDescending(s => s.UpdatedMs).ThenBy(s => s.OrderKey).ToList()
            : matching.OrderBy(s => s.OrderKey).ToList();
        var page = ordered.Skip(offset).Take(_pageSize).Select(ToSession).ToList();
        if (_random.Next(100) < _outsidePercent && Outside(request) is ChatSession outside)
        {
            page.Insert(_random.Next(page.Count + 1), outside);
            SentOutside++;
        }

        string? next = offset + _pageSize < ordered.Count ? (offset + _pageSize).ToString(CultureInfo.InvariantCulture) : null;
        Churn();
        return Task.FromResult(new CursorResponse<ChatSession>(page, next));
    }

    private bool Matches(Entry session, ListRequest request)
    {
        long updated = session.UpdatedMs;
        return (request.Status is null || session.Status == request.Status)
            && (request.Query.UpdatedAfter is not DateTime after || (_inclusiveBounds ? updated >= Ms(after) : updated > Ms(after)));
    }

    /// <summary>A session the request did not ask for: updated before its bound, or of another status.</summary>
    private ChatSession? Outside(ListRequest request)
    {
        Entry? candidate = request.Query.UpdatedAfter is DateTime after
            ? new Entry(Guid.NewGuid(), Statuses[_random.Next(3)], Ms(after) - 1 - _random.Next(1000), _random.Next())
            : request.Status is not null ? new Entry(Guid.NewGuid(), Statuses.First(s => s != request.Status), _nowMs, _random.Next()) : null;
        return candidate is null ? null : ToSession(candidate);
    }

    private void Churn()
    {
        for (int i = 0; i < _changesPerRequest && _sessions.Count > 0; i++)
        {
            int index = _random.Next(_sessions.Count);
            Entry changed = _sessions[index] with { UpdatedMs = ++_nowMs, Status = Statuses[_random.Next(3)] };
            _sessions[index] = changed;
            Changed.Add(changed.Id);
        }

        for (int i = 0; i < _createdPerRequest; i++)
        {
            Entry created = NewEntry(++_nowMs);
            _sessions.Add(created);
            Changed.Add(created.Id);
        }
    }

    private Entry NewEntry(long updatedMs) => new(NewGuid(), Statuses[_random.Next(3)], updatedMs, _random.Next());

    private Guid NewGuid()
    {
        byte[] bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static ChatSession ToSession(Entry entry) => new(
        entry.Id, entry.Status, null, null, "web", null, null, null, CustomData.Empty, null, null, null, 1, false, At(0), At(entry.UpdatedMs), CustomData.Empty);

    private static DateTime At(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;

    private static long Ms(DateTime instant) => new DateTimeOffset(instant).ToUnixTimeMilliseconds();

    private sealed record Entry(Guid Id, string Status, long UpdatedMs, int OrderKey);
}
