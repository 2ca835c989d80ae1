using System.Collections.Generic;

namespace OpenCx.Client.Querying;

/// <summary>What one request of a walk brought: the sessions to write, in order, and what to tell the user.</summary>
public sealed class WalkPage
{
    internal WalkPage(IReadOnlyList<ChatSession> sessions, string request, string? warning, bool isLast)
    {
        Sessions = sessions;
        Request = request;
        Warning = warning;
        IsLast = isLast;
    }

    /// <summary>Sessions not written before, that match, and that -Skip and -First let through.</summary>
    public IReadOnlyList<ChatSession> Sessions { get; }

    /// <summary>What the request asked for, for -Verbose.</summary>
    public string Request { get; }

    /// <summary>Set once, on the page where the walk stopped trusting the server: what it saw and what it does instead.</summary>
    public string? Warning { get; }

    /// <summary>True when no request follows.</summary>
    public bool IsLast { get; }
}
