using System.Collections.Generic;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Filtering;

/// <summary>One page of a FilterChatSessionsOutput.</summary>
internal sealed class SessionPage
{
    public SessionPage(IReadOnlyList<Session> data, long page, int limit, bool hasNext, bool hasPrevious)
    {
        Data = data;
        Page = page;
        Limit = limit;
        HasNext = hasNext;
        HasPrevious = hasPrevious;
    }

    public IReadOnlyList<Session> Data { get; }

    public long Page { get; }

    public int Limit { get; }

    public bool HasNext { get; }

    /// <summary>True from page 2 on, even past the last page: earlier pages exist.</summary>
    public bool HasPrevious { get; }
}
