using System.Collections.Generic;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Filtering;

/// <summary>Runs a request against one snapshot: walks the presorted order, never sorts.</summary>
internal static class SessionQuery
{
    public static SessionPage Page(SessionStore store, FilterRequest request)
    {
        var slice = Slice.Of(store, request);
        long skip = (request.Page - 1) * request.Limit;
        var data = new List<Session>(request.Limit);
        bool hasNext;
        if (slice.IsExact)
        {
            // Every session of the slice matches: jump to the page instead of walking to it,
            // so reading a large data set page by page stays linear.
            for (long i = skip; i < slice.Count && data.Count < request.Limit; i++)
            {
                data.Add(slice.At(i));
            }

            hasNext = skip + data.Count < slice.Count;
        }
        else
        {
            hasNext = false;
            long seen = 0;
            foreach (Session session in Matching(slice, request.Filter))
            {
                if (seen++ < skip)
                {
                    continue;
                }

                if (data.Count == request.Limit)
                {
                    hasNext = true;
                    break;
                }

                data.Add(session);
            }
        }

        return new SessionPage(data, request.Page, request.Limit, hasNext, hasPrevious: request.Page > 1);
    }

    /// <summary>Every matching session in the requested order, paging ignored.</summary>
    public static IEnumerable<Session> Matching(SessionStore store, FilterRequest request) =>
        Matching(Slice.Of(store, request), request.Filter);

    private static IEnumerable<Session> Matching(Slice slice, SessionFilter filter)
    {
        for (long i = 0; i < slice.Count; i++)
        {
            Session session = slice.At(i);
            if (filter.Matches(session))
            {
                yield return session;
            }
        }
    }

    /// <summary>The part of one sort order that can hold matches, read in the requested direction.</summary>
    private readonly struct Slice
    {
        private readonly Session[] _ordered;
        private readonly int _start;
        private readonly bool _descending;

        private Slice(Session[] ordered, int start, int end, bool descending, bool isExact)
        {
            _ordered = ordered;
            _start = start;
            _descending = descending;
            Count = end > start ? end - start : 0;
            IsExact = isExact;
        }

        public long Count { get; }

        /// <summary>True when every session in the slice matches the filter.</summary>
        public bool IsExact { get; }

        public static Slice Of(SessionStore store, FilterRequest request)
        {
            SessionFilter filter = request.Filter;
            if (!request.SortByCreatedAt)
            {
                bool unfiltered = filter.HasOnlyDateRange && filter.CreatedFromMs is null && filter.CreatedToMs is null;
                return new Slice(store.ByLastMessageAt, 0, store.Count, request.Descending, unfiltered);
            }

            // In created_at order the date range is one contiguous run: found by binary search.
            // The bounds are milliseconds; sessions are compared by their stored, finer time.
            int start = filter.CreatedFromMs is long from ? store.FirstCreatedAtOrAfter(from * 10_000) : 0;
            int end = filter.CreatedToMs is long to && to < long.MaxValue / 10_000 ? store.FirstCreatedAtOrAfter((to * 10_000) + 1) : store.Count;
            return new Slice(store.ByCreatedAt, start, end, request.Descending, filter.HasOnlyDateRange);
        }

        public Session At(long index) => _ordered[_descending ? _start + Count - 1 - index : _start + index];
    }
}
