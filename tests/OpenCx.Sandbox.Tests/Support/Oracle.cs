using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Tests.Support;

/// <summary>
/// The expected answer computed the naive way, straight from the spec's words, over the
/// engine's raw sessions: filter with LINQ, sort by the key then id.
/// </summary>
public static class Oracle
{
    internal static IReadOnlyList<Session> Sessions(SandboxEngine engine) => engine.Store.ByCreatedAt;

    internal static List<string> Expected(
        SandboxEngine engine, Func<Session, bool> predicate, bool byCreatedAt = false, bool descending = true)
    {
        var ascending = Sessions(engine)
            .Where(predicate)
            .OrderBy(s => byCreatedAt ? s.CreatedAtMs : s.LastMessageAtMs)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Id)
            .ToList();
        if (descending)
        {
            ascending.Reverse();
        }

        return ascending;
    }
}
