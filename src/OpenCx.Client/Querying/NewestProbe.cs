using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// The request that ends the range at the newest matching session: the server's own time, so no
/// clock of the client's, early or late, can hide a session. Oldest first and whenever the walk
/// pages by number, sessions created meanwhile would otherwise shift the pages or never end them.
/// </summary>
internal static class NewestProbe
{
    /// <summary>Sessions the request asks for at least: two, to see whether they come in order.</summary>
    private const int ProbeLimit = 2;

    /// <summary>Requests, at most, that look past the newest session found for a newer one before the walk takes the one found.</summary>
    private const int MaximumConfirmations = 3;

    public static FilterRequest Request(WalkState state) => state.Request(
        state.ProbeNewest is DateTime found ? WalkState.Later(state.Query.CreatedFrom, WalkState.Up(found)) : state.Query.CreatedFrom,
        state.Query.CreatedBefore,
        SessionSortField.CreatedAt,
        SessionSortOrder.Descending,
        1,
        Math.Max(ProbeLimit, state.Options.PageSize));

    public static IReadOnlyList<ChatSession> Take(WalkState state, FilterRequest request, SessionPage answer)
    {
        if (state.ProbeNewest is DateTime found)
        {
            // Past the newest found, a server that sorts has nothing but sessions created since;
            // one that ignores the sort, whose page only looked sorted, shows a newer one here.
            DateTime? newer = answer.Sessions
                .Where(session => session.CreatedAt > found && request.AllowsCreatedAt(session.CreatedAt) && state.Query.InDateRange(session.CreatedAt))
                .Select(session => (DateTime?)session.CreatedAt)
                .Max();
            if (newer is not null && ++state.ProbeConfirmations < MaximumConfirmations)
            {
                state.ProbeNewest = newer;
                return Array.Empty<ChatSession>();
            }

            state.ProbeNewest = null;
            state.ProbeConfirmations = 0;
            EndRangeAt(state, newer ?? found, outside: null);
            return Array.Empty<ChatSession>();
        }

        IReadOnlyList<ChatSession> newest = answer.Sessions;
        if (newest.Count == 0)
        {
            state.Mode = WalkMode.Done;
            return Array.Empty<ChatSession>();
        }

        ServerDeviation? disorder = PageCheck.Order(newest, SessionSortOrder.Descending, previous: null);
        if (disorder is not null)
        {
            state.SortTrusted = false;
            if (state.PlannedKeyset)
            {
                PageNumberSeries.FallBack(state, disorder);
            }
            else
            {
                PageNumberSeries.Start(state);
                state.Warn($"{disorder.Description} So the range does not end at the newest session found at the start: sessions created while the command runs may be written too, each still once.");
            }

            return Array.Empty<ChatSession>();
        }

        DateTime max = newest.Max(session => session.CreatedAt);
        ServerDeviation? outside = PageCheck.Range(newest, request);
        if (outside is null)
        {
            // Confirmed before it ends the range: sessions in order on one page prove no sort.
            state.ProbeNewest = max;
            return Array.Empty<ChatSession>();
        }

        EndRangeAt(state, max, outside);
        return Array.Empty<ChatSession>();
    }

    private static void EndRangeAt(WalkState state, DateTime newest, ServerDeviation? outside)
    {
        state.UpperEnd = newest;
        if (outside is not null && state.PlannedKeyset)
        {
            PageNumberSeries.FallBack(state, outside);
            return;
        }

        if (state.PlannedKeyset)
        {
            KeysetSeries.Start(state);
        }
        else
        {
            // Walking by page number anyway, the walk only has to drop what lies outside the range.
            PageNumberSeries.Start(state);
            if (outside is not null)
            {
                PageNumberSeries.WarnOfDates(state, outside);
            }
        }
    }
}
