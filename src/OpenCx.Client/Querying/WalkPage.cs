using System.Collections.Generic;

namespace OpenCx.Client.Querying;

/// <summary>What one request of a walk brought: the sessions to write, in order, and what to tell the user.</summary>
public sealed class WalkPage
{
    internal WalkPage(IReadOnlyList<ChatSession> sessions, string request, IReadOnlyList<string> warnings, bool isLast, bool findsNewest, IReadOnlyList<string> sortChecks)
    {
        SortChecks = sortChecks;
        Sessions = sessions;
        Request = request;
        Warnings = warnings;
        IsLast = isLast;
        FindsNewest = findsNewest;
    }

    /// <summary>Sessions not written before, that match, and that -Skip and -First let through.</summary>
    public IReadOnlyList<ChatSession> Sessions { get; }

    /// <summary>What the request asked for, for -Verbose; empty when only checks of the order came after the last page (see <see cref="SortChecks"/>).</summary>
    public string Request { get; }

    /// <summary>
    /// What the user must know about this page: the server doing what the walk cannot rely on and
    /// what it does instead, or sessions of the page not written (how many, and why).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The requests sent before this page, for -Verbose, that checked the server sorts at all (the
    /// page before in the other order, or the range around one instant): no pages of the walk.
    /// </summary>
    public IReadOnlyList<string> SortChecks { get; }

    /// <summary>True when no request follows.</summary>
    public bool IsLast { get; }

    /// <summary>
    /// True for the request that asks for the newest matching session, to end the range there:
    /// it writes nothing, and is no page of the walk.
    /// </summary>
    public bool FindsNewest { get; }
}
