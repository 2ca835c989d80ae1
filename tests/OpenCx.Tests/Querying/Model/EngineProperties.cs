using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using OpenCx.Client.Querying;
using Xunit;

namespace OpenCx.Tests.Querying.Model;

/// <summary>
/// The query engine against the model of the filter endpoint (<see cref="FilterModel"/>), over
/// generated data, server behaviours and commands, checked by <see cref="ModelChecks"/>: what is
/// written is the model's answer, each session once and in order, or a warning says why not, and
/// then no less than a plain page loop would have written. A counterexample CsCheck shrinks
/// becomes a fact of <see cref="EngineRegressions"/>.
/// </summary>
public sealed class EngineProperties
{
    private static readonly string[] Channels = { "web", "email", "sms" };
    private static readonly int[] PageSizes = { 1, 2, 3, 5, 7, 10, 25, 50, 100 };

    // --- generators -----------------------------------------------------------------------

    /// <summary>Sessions over a minute (ties come by themselves), bulk imports of up to 250 at one instant, ids at the pattern's extremes.</summary>
    internal static Gen<List<ModelSession>> Data(bool lateCommits) =>
        Gen.Select(
            Gen.Int[0, 150],
            Gen.Int[0, 3],
            Gen.Int[1, 250],
            Gen.Bool,
            Gen.Int[0, int.MaxValue]).Select((count, bulks, bulkSize, extremes, seed) =>
        {
            var random = new Random(seed);
            var sessions = new List<ModelSession>();
            void Add(DateTime createdAt, Guid? id = null)
            {
                int i = sessions.Count;
                TimeSpan lag = lateCommits && random.Next(4) == 0 ? TimeSpan.FromMilliseconds(random.Next((int)ModelChecks.LookBack.TotalMilliseconds)) : TimeSpan.Zero;
                byte[] bytes = new byte[16];
                random.NextBytes(bytes);
                sessions.Add(new ModelSession(
                    id ?? new Guid(bytes),
                    createdAt,
                    ModelChecks.T0.AddDays(1).AddMilliseconds((i * 7919L) % 1_000_003),
                    Channels[random.Next(Channels.Length)],
                    createdAt + lag));
            }

            for (int i = 0; i < count; i++)
            {
                Add(ModelChecks.T0.AddMilliseconds(random.Next(60_000)));
            }

            for (int b = 0; b < bulks; b++)
            {
                DateTime at = ModelChecks.T0.AddMilliseconds(random.Next(60_000));
                int size = b == 0 ? bulkSize : random.Next(1, 120);
                for (int i = 0; i < size; i++)
                {
                    Add(at);
                }
            }

            if (extremes && sessions.Count > 0)
            {
                Add(sessions[random.Next(sessions.Count)].CreatedAt, Guid.Empty);
                Add(sessions[random.Next(sessions.Count)].CreatedAt, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
            }

            return sessions;
        });

    internal static Gen<ServerBehaviour> Behaviours(bool misbehave) =>
        Gen.Select(Gen.Int[0, 9], Gen.Bool, Gen.Int[0, 3], Gen.Int[0, int.MaxValue]).Select((kind, echo, outages, seed) =>
        {
            var random = new Random(seed);
            var single = new HashSet<int>();
            for (int i = 0; i < outages; i++)
            {
                // Single outages only: the client's one retry rides them out.
                int at = 1 + (3 * random.Next(20));
                single.Add(at);
            }

            return new ServerBehaviour(
                ShuffleTies: misbehave && kind is 1 or 2 or 3,
                IgnoreSort: misbehave && kind is 4 or 5,
                IgnoreDates: misbehave && kind is 6 or 5,
                EchoWrong: echo,
                Outages: single)
            {
                AnswersLater = random.Next(2) == 0,
            };
        });

    /// <summary>Up to 300 sessions, each at its own instant, at least 2 ms from the next: no page can repeat another by way of a tie or of the 1 ms a keyset series reaches back.</summary>
    internal static Gen<List<ModelSession>> DistinctInstants() =>
        Gen.Select(Gen.Int[0, 300], Gen.Int[0, int.MaxValue]).Select((count, seed) =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 30_000).OrderBy(_ => random.Next()).Take(count).Select(slot =>
            {
                byte[] bytes = new byte[16];
                random.NextBytes(bytes);
                DateTime createdAt = ModelChecks.T0.AddMilliseconds(2 * slot);
                return new ModelSession(new Guid(bytes), createdAt, ModelChecks.T0.AddDays(1).AddMilliseconds(random.Next(1_000_000)), Channels[random.Next(Channels.Length)], createdAt);
            }).ToList();
        });

    /// <summary>
    /// Servers that misbehave but keep the order the spec asks for (they sort, ties stable): they
    /// ignore the date range, or echo page and limit wrong. A walk falls back to page numbers on
    /// them and says so; interrupted, resumed and incremental runs still owe each session once.
    /// </summary>
    internal static Gen<ServerBehaviour> OrderKeeping() =>
        Gen.Select(Behaviours(misbehave: false), Gen.Bool).Select((behaviour, ignoreDates) => behaviour with { IgnoreDates = ignoreDates });

    /// <summary>
    /// <see cref="OrderKeeping"/> servers whose outages last, as often as not, longer than the
    /// client's one retry: the request after each fails too, and the run stops with an error, to be
    /// run again from its checkpoint.
    /// </summary>
    internal static Gen<ServerBehaviour> OrderKeepingWithLongOutages() =>
        Gen.Select(OrderKeeping(), Gen.Bool).Select((behaviour, longer) =>
            longer ? behaviour with { Outages = behaviour.Outages.Concat(behaviour.Outages.Select(at => at + 1)).ToArray() } : behaviour);

    /// <summary>
    /// -Skip × -First × sort × order × page size: -Skip half the time a whole number of pages,
    /// -First up to two pages (often less than one), sometimes with a filter.
    /// </summary>
    internal static Gen<Command> Slices() =>
        Gen.Select(
            Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, PageSizes.Length - 1], Gen.Int[0, 3]),
            Gen.Select(Gen.Bool, Gen.Int[0, 6], Gen.Int[0, 400], Gen.Int[0, 199])).Select((sort, paging) =>
        {
            (bool byCreatedAt, bool ascending, int size, int channel) = sort;
            (bool wholePages, int pages, int skip, int first) = paging;
            int pageSize = PageSizes[size];
            var query = new SessionQuery
            {
                Channels = channel == 0 ? new[] { Channels[first % 3] } : null,
                SortBy = byCreatedAt ? SessionSortField.CreatedAt : SessionSortField.LastMessageAt,
                SortOrder = ascending ? SessionSortOrder.Ascending : SessionSortOrder.Descending,
            };
            return new Command(query, pageSize, wholePages ? (ulong)(pages * pageSize) : (ulong)skip, (ulong)(1 + (first % (2 * pageSize))));
        });

    internal static Gen<Command> Commands(List<ModelSession> data) =>
        Gen.Select(
            Gen.Select(Gen.Int[0, 9], Gen.Bool, Gen.Int[0, PageSizes.Length - 1]),
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, 400], Gen.Int[0, 3], Gen.Int[0, 300]),
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, 70_000], Gen.Int[0, 70_000], Gen.Int[0, 4])).Select((sort, paging, range) =>
        {
            (int byWhat, bool ascending, int size) = sort;
            (int skipKind, int skip, int firstKind, int first) = paging;
            (int rangeKind, int a, int b, int channels) = range;
            DateTime? from = rangeKind is 1 or 3 ? ModelChecks.T0.AddMilliseconds(Math.Min(a, b)) : null;
            DateTime? before = rangeKind is 2 or 3 ? ModelChecks.T0.AddMilliseconds(Math.Max(a, b) + 1) : null;

            // A range can start or end at an instant of the data, bulk imports included.
            if (rangeKind == 3 && data.Count > 0)
            {
                from = data[a % data.Count].CreatedAt;
                before = from.Value.AddMilliseconds(1 + b);
            }

            var query = new SessionQuery
            {
                CreatedFrom = from,
                CreatedBefore = before,
                Channels = channels == 0 ? new[] { Channels[b % 3] } : channels == 1 ? new[] { Channels[a % 3], Channels[(a + 1) % 3] } : null,
                SortBy = byWhat == 0 ? SessionSortField.LastMessageAt : SessionSortField.CreatedAt,
                SortOrder = ascending ? SessionSortOrder.Ascending : SessionSortOrder.Descending,
            };
            return new Command(query, PageSizes[size], skipKind == 0 ? (ulong)skip : 0, firstKind == 0 ? (ulong)first : ulong.MaxValue);
        });

    // --- properties -----------------------------------------------------------------------

    [Fact]
    public void One_walk_writes_the_models_answer_exactly_once_in_order_or_says_why_not()
    {
        Data(lateCommits: false)
            .SelectMany(data => Gen.Select(Gen.Const(data), Commands(data), Behaviours(misbehave: true), Gen.Int[0, int.MaxValue]))
            .Sample((data, command, behaviour, seed) => ModelChecks.CheckOneWalk(data, command, behaviour, seed), iter: 300, threads: 1);
    }

    [Fact]
    public void Every_slice_of_skip_and_first_is_the_models_answer_or_says_why_not()
    {
        Data(lateCommits: false)
            .SelectMany(data => Gen.Select(Gen.Const(data), Slices(), Behaviours(misbehave: true), Gen.Int[0, int.MaxValue]))
            .Sample((data, command, behaviour, seed) => ModelChecks.CheckOneWalk(data, command, behaviour, seed), iter: 300, threads: 1);
    }

    /// <summary>
    /// Over servers that keep the order but ignore the dates or echo page and limit wrong, where
    /// keyset walks fall back to page numbers, and sessions each at its own instant: the answer,
    /// and no page read twice but the one that showed the server ignoring the dates (a fallback
    /// that started again from page 1 downloaded every page already read).
    /// </summary>
    [Fact]
    public void A_fallback_goes_on_from_where_the_walk_stood()
    {
        DistinctInstants()
            .SelectMany(data => Gen.Select(Gen.Const(data), Commands(data), OrderKeeping(), Gen.Int[0, int.MaxValue]))
            .Sample((data, command, behaviour, seed) => ModelChecks.CheckOneWalk(data, command, behaviour, seed, distinctInstants: true), iter: 200, threads: 1);
    }

    /// <summary>
    /// The next keyset request goes out on a glance at the page in flight, before the page is read
    /// and checked; over a server keeping to the spec (ties in a stable order, late commits, every
    /// command) that guess is always the request the walk then asks for: no request is sent for
    /// nothing, and the transcript is that of a walk that waits for each page.
    /// </summary>
    [Fact]
    public void Looking_ahead_asks_a_server_keeping_to_the_spec_for_nothing_more()
    {
        Data(lateCommits: true)
            .SelectMany(data => Gen.Select(Gen.Const(data), Commands(data), Gen.Bool, Gen.Int[0, int.MaxValue]))
            .Sample((data, command, answersLater, seed) => ModelChecks.CheckLookingAhead(data, command, answersLater, seed), iter: 300, threads: 1);
    }

    [Fact]
    public void Interrupted_resumed_and_incremental_runs_write_every_session_once()
    {
        Data(lateCommits: true)
            .SelectMany(data => Gen.Select(Gen.Const(data), Commands(data), OrderKeepingWithLongOutages(), Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Gen.Bool)))
            .Sample((data, command, behaviour, run) => ModelChecks.CheckRuns(data, command, behaviour, run.Item1, run.Item2, run.Item3), iter: 200, threads: 1);
    }
}
