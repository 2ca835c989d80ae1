using System.Collections.Generic;

namespace OpenCx.Client.Listing;

/// <summary>What one request of a <see cref="SessionListWalk"/> brought: the sessions to write, and what to tell the user.</summary>
public sealed class ListPage
{
    internal ListPage(IReadOnlyList<ChatSession> sessions, string request, int repeated, int outside, string? warning, bool isLast, ListPosition before)
    {
        Before = before;
        Sessions = sessions;
        Request = request;
        Repeated = repeated;
        Outside = outside;
        Warning = warning;
        IsLast = isLast;
    }

    /// <summary>New sessions in the asked ranges that match every filter and that -Skip and -First let through.</summary>
    public IReadOnlyList<ChatSession> Sessions { get; }

    /// <summary>What the request asked for, for -Verbose.</summary>
    public string Request { get; }

    /// <summary>Sessions of this page already written by the command (a cursor that shifted), dropped.</summary>
    public int Repeated { get; }

    /// <summary>Sessions of this page outside what the request asked for, dropped.</summary>
    public int Outside { get; }

    /// <summary>What the server did wrong on this page, when it did; null otherwise.</summary>
    public string? Warning { get; }

    /// <summary>Where the walk stood before this page: a walk stopped while writing it continues there.</summary>
    public ListPosition Before { get; }

    /// <summary>True when no request follows.</summary>
    public bool IsLast { get; }
}
