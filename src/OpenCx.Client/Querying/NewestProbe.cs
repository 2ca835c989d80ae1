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

    public static FilterRequest Request(WalkState state) => state.Request(
        state.Query.CreatedFrom, state.Query.CreatedBefore, SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, Math.Max(ProbeLimit, state.Options.PageSize));

    public static IReadOnlyList<ChatSession> Take(WalkState state, FilterRequest request, SessionPage answer)
    {
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

        // Sorted newest first, the first session is the newest there is, in the range or (a server
        // ignoring the dates) out of it: nothing created before the command lies past it. Whether
        // the server sorts at all, SortCheck asks next.
        state.UpperEnd = newest.Max(session => session.CreatedAt);
        ServerDeviation? outside = PageCheck.Range(newest, request);
        if (outside is not null && state.PlannedKeyset)
        {
            // By page number from here: its range still ends at the probe's newest, so the order is checked as for a walk by page number.
            PageNumberSeries.FallBack(state, outside);
            SortCheck.ProbeOfPageNumberWalk(state, request, answer);
            return Array.Empty<ChatSession>();
        }

        if (state.PlannedKeyset)
        {
            // The other order of the first keyset page: SortCheck compares the two.
            state.ProbePage = newest;
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

            SortCheck.ProbeOfPageNumberWalk(state, request, answer);
        }

        return Array.Empty<ChatSession>();
    }
}
