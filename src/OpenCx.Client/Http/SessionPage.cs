using System.Collections.Generic;

namespace OpenCx.Client.Http;

/// <summary>One page of the filter endpoint's answer.</summary>
public sealed class SessionPage
{
    public SessionPage(IReadOnlyList<ChatSession> sessions, bool hasNext)
    {
        Sessions = sessions;
        HasNext = hasNext;
    }

    public IReadOnlyList<ChatSession> Sessions { get; }

    public bool HasNext { get; }
}
