using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Checks a page against what its request asked for. Costs no request: the walk runs these on
/// every page before it trusts the page to choose the next request.
/// </summary>
internal static class PageCheck
{
    /// <summary>
    /// The first pair of sessions out of created_at order, counting from <paramref name="previous"/>
    /// (the last session of the page before, in the same request series), or null.
    /// </summary>
    public static ServerDeviation? Order(IReadOnlyList<ChatSession> sessions, SessionSortOrder order, DateTime? previous)
    {
        DateTime? before = previous;
        foreach (ChatSession session in sessions)
        {
            if (before is DateTime earlier && OutOfOrder(earlier, session.CreatedAt, order))
            {
                return new ServerDeviation(
                    ServerDeviationKind.Order,
                    $"The server did not sort by created_at ({Name(order)}) as asked: a session created at {Format(session.CreatedAt)} came after one created at {Format(earlier)}.");
            }

            before = session.CreatedAt;
        }

        return null;
    }

    /// <summary>The first session outside the date range the request asked for, or null.</summary>
    public static ServerDeviation? Range(IReadOnlyList<ChatSession> sessions, FilterRequest request)
    {
        foreach (ChatSession session in sessions)
        {
            if (!request.AllowsCreatedAt(session.CreatedAt))
            {
                return new ServerDeviation(
                    ServerDeviationKind.DateRange,
                    $"The server did not apply the date range asked for ({request.DescribeRange()}): it returned a session created at {Format(session.CreatedAt)}.");
            }
        }

        return null;
    }

    private static bool OutOfOrder(DateTime earlier, DateTime later, SessionSortOrder order) =>
        order == SessionSortOrder.Ascending ? later < earlier : later > earlier;

    private static string Name(SessionSortOrder order) => order == SessionSortOrder.Ascending ? "oldest first" : "newest first";

    private static string Format(DateTime instant) =>
        instant.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
