using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using OpenCx.Client.Checkpoints;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using Xunit;

namespace OpenCx.Tests.Checkpoints;

/// <summary>
/// The checkpoint file (<see cref="ExportCheckpoint"/>) over generated queries and generated runs:
/// its identity is the normalised query, not the request nor its start, and a run holds it alone.
/// </summary>
public sealed class CheckpointProperties : IDisposable
{
    private static readonly DateTime T0 = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    // The filters a query can carry, the sort, and the end: any one changed is another export.
    private const int Dimensions = 16;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opencx-checkpoint-properties-" + Guid.NewGuid().ToString("N"));

    public CheckpointProperties()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A checkpoint made by one query is continued by the same query with any other start (earlier,
    /// later, none, or relative to another day) and its values in any order, and refused, as
    /// another export's, by a query with any one filter, the sort or the end changed.
    /// </summary>
    [Fact]
    public void A_checkpoint_belongs_to_the_normalised_query_whatever_its_start()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[-1, Dimensions - 1], Gen.Int[0, int.MaxValue]).Sample(
            (baseSeed, changed, variantSeed) =>
            {
                SessionQuery made = Query(new Random(baseSeed));
                SessionQuery again = Variant(made, changed, new Random(variantSeed));
                string path = Path.Combine(_folder, $"identity-{Guid.NewGuid():N}.json");
                using OpenCxClient client = Client();
                using (var first = ExportCheckpoint.Open(path, client, made, 50))
                {
                    first.Save(new WalkPosition { Mode = WalkPosition.Complete, Newest = T0, Consumed = 1 });
                }

                if (changed < 0)
                {
                    using var second = ExportCheckpoint.Open(path, client, again, 50);
                    Assert.True(second.Start == CheckpointStart.Incremental, $"The same export (only the start or the order of values differs) did not continue: {second.Start}.");
                }
                else
                {
                    CheckpointException refused = Assert.Throws<CheckpointException>(() => ExportCheckpoint.Open(path, client, again, 50).Dispose());
                    Assert.Equal(CheckpointProblem.OtherExport, refused.Problem);
                }
            },
            iter: 300,
            threads: 1);
    }

    /// <summary>
    /// Two runs opening, saving and closing one checkpoint in any interleaving: never both hold it;
    /// the second is refused with <see cref="CheckpointProblem.InUse"/> and a message that says so,
    /// and once the first lets go it takes the checkpoint and finds where the first stood.
    /// </summary>
    [Fact]
    public void Two_runs_never_hold_one_checkpoint_at_once()
    {
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2]).List[1, 12].Sample(
            steps =>
            {
                string path = Path.Combine(_folder, $"lock-{Guid.NewGuid():N}.json");
                var query = new SessionQuery { Channels = new[] { "web" } };
                using OpenCxClient client = Client();
                var runs = new ExportCheckpoint?[2];
                int? holder = null;
                long saved = 0;
                try
                {
                    foreach ((int run, int what) in steps)
                    {
                        if (what == 0 && runs[run] is null)
                        {
                            if (holder is null)
                            {
                                runs[run] = ExportCheckpoint.Open(path, client, query, 50);
                                holder = run;
                                Assert.Equal(saved == 0 ? CheckpointStart.New : CheckpointStart.Incremental, runs[run]!.Start);
                                Assert.Equal(saved == 0 ? (long?)null : saved, runs[run]!.ResumeFrom?.Consumed);
                            }
                            else
                            {
                                CheckpointException refused;
                                try
                                {
                                    runs[run] = ExportCheckpoint.Open(path, client, query, 50);
                                    throw new InvalidOperationException($"Run {run} took the checkpoint while run {holder} holds it.");
                                }
                                catch (CheckpointException e)
                                {
                                    refused = e;
                                }

                                Assert.Equal(CheckpointProblem.InUse, refused.Problem);
                                Assert.Contains("Another run is using the checkpoint", refused.Message, StringComparison.Ordinal);
                            }
                        }
                        else if (what == 1 && runs[run] is ExportCheckpoint saving)
                        {
                            saving.Save(new WalkPosition { Mode = WalkPosition.Complete, Newest = T0, Consumed = ++saved });
                        }
                        else if (what == 2 && runs[run] is ExportCheckpoint closing)
                        {
                            closing.Dispose();
                            runs[run] = null;
                            holder = null;
                        }
                    }
                }
                finally
                {
                    runs[0]?.Dispose();
                    runs[1]?.Dispose();
                }
            },
            iter: 300,
            threads: 1);
    }

    private static OpenCxClient Client() =>
        new(new OpenCxClientOptions(new Uri("https://checkpoint.opencx.invalid/"), new ApiKey("checkpoint-properties-key")));

    private static readonly string[] Words = { "web", "email", "sms", "whatsapp", "en", "de", "vip", "billing", "urgent", "positive", "negative", "resolved" };

    private static string[] Values(Random random) =>
        Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)]).Distinct().ToArray();

    private static IReadOnlyList<string>? Maybe(Random random) => random.Next(2) == 0 ? null : Values(random);

    /// <summary>A query with some of every kind of filter, a sort, and a start and end or not.</summary>
    private static SessionQuery Query(Random random) => new()
    {
        CreatedFrom = random.Next(2) == 0 ? null : T0.AddMinutes(-random.Next(100_000)),
        CreatedBefore = random.Next(2) == 0 ? null : T0.AddMinutes(random.Next(100_000)),
        Channels = Maybe(random),
        Statuses = random.Next(2) == 0 ? null : Enumerable.Range(0, random.Next(1, 4)).Select(_ => (long)random.Next(5)).Distinct().ToArray(),
        AiClosureTypes = Maybe(random),
        Sentiments = Maybe(random),
        AssigneeIds = random.Next(2) == 0 ? null : Enumerable.Range(0, random.Next(1, 4)).Select(_ => (long)random.Next(1, 9)).Distinct().ToArray(),
        UnassignedOnly = random.Next(4) == 0,
        TeamIds = Maybe(random),
        ContactIds = Maybe(random),
        TicketNumber = random.Next(2) == 0 ? null : random.Next(1, 1000),
        Languages = Maybe(random),
        Tags = Maybe(random),
        WaitingOn = random.Next(3) switch { 0 => null, 1 => "customers", _ => "human_agents" },
        CustomData = random.Next(2) == 0 ? null : Enumerable.Range(0, random.Next(1, 3)).Select(i => Entry(random, i)).ToArray(),
        SortBy = random.Next(2) == 0 ? SessionSortField.CreatedAt : SessionSortField.LastMessageAt,
        SortOrder = random.Next(2) == 0 ? SessionSortOrder.Ascending : SessionSortOrder.Descending,
    };

    /// <summary>Entry <paramref name="index"/> of a custom_data filter: its keys its own, so no two entries are the same.</summary>
    private static IReadOnlyDictionary<string, string> Entry(Random random, int index)
    {
        var entry = new Dictionary<string, string>();
        for (int i = random.Next(1, 3); i > 0; i--)
        {
            entry[$"k{index}.{random.Next(4)}"] = Words[random.Next(Words.Length)];
        }

        return entry;
    }

    /// <summary>
    /// The query again with its values in another order and another start (earlier, later, none,
    /// or a relative one on another day), and, unless <paramref name="changed"/> is -1, that one
    /// filter, the sort or the end really changed.
    /// </summary>
    private static SessionQuery Variant(SessionQuery query, int changed, Random random)
    {
        SessionQuery variant = query with
        {
            CreatedFrom = random.Next(4) switch
            {
                0 => null,
                1 => query.CreatedFrom?.AddDays(-random.Next(1, 400)),
                2 => T0.AddDays(1 + random.Next(30)).AddDays(-30).AddMilliseconds(random.Next(86_400_000)),
                _ => T0.AddMinutes(random.Next(-100_000, 100_000)),
            },
            Channels = Shuffle(query.Channels, random),
            Statuses = Shuffle(query.Statuses, random),
            AiClosureTypes = Shuffle(query.AiClosureTypes, random),
            Sentiments = Shuffle(query.Sentiments, random),
            AssigneeIds = Shuffle(query.AssigneeIds, random),
            TeamIds = Shuffle(query.TeamIds, random),
            ContactIds = Shuffle(query.ContactIds, random),
            Languages = Shuffle(query.Languages, random),
            Tags = Shuffle(query.Tags, random),
            CustomData = Shuffle(query.CustomData?.Select(entry => (IReadOnlyDictionary<string, string>)entry.Reverse().ToDictionary(pair => pair.Key, pair => pair.Value)).ToArray(), random),
        };

        return changed switch
        {
            -1 => variant,
            0 => variant with { Channels = Change(variant.Channels, random) },
            1 => variant with { Statuses = Change(variant.Statuses, random, r => (long)r.Next(5, 100)) },
            2 => variant with { AiClosureTypes = Change(variant.AiClosureTypes, random) },
            3 => variant with { Sentiments = Change(variant.Sentiments, random) },
            4 => variant with { AssigneeIds = Change(variant.AssigneeIds, random, r => (long)r.Next(10, 100)) },
            5 => variant with { UnassignedOnly = !variant.UnassignedOnly },
            6 => variant with { TeamIds = Change(variant.TeamIds, random) },
            7 => variant with { ContactIds = Change(variant.ContactIds, random) },
            8 => variant with { TicketNumber = variant.TicketNumber is null ? random.Next(1, 1000) : random.Next(2) == 0 ? null : variant.TicketNumber + 1 },
            9 => variant with { Languages = Change(variant.Languages, random) },
            10 => variant with { Tags = Change(variant.Tags, random) },
            11 => variant with { WaitingOn = variant.WaitingOn is null ? "customers" : variant.WaitingOn == "customers" ? "human_agents" : null },
            12 => variant with { CustomData = Change(variant.CustomData, random, r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["other" + r.Next(9)] = "x" }) },
            13 => variant with { SortBy = variant.SortBy == SessionSortField.CreatedAt ? SessionSortField.LastMessageAt : SessionSortField.CreatedAt },
            14 => variant with { SortOrder = variant.SortOrder == SessionSortOrder.Ascending ? SessionSortOrder.Descending : SessionSortOrder.Ascending },
            _ => variant with { CreatedBefore = variant.CreatedBefore is null ? T0 : random.Next(2) == 0 ? null : variant.CreatedBefore.Value.AddMilliseconds(random.Next(2) == 0 ? 1 : -random.Next(1, 1_000_000)) },
        };
    }

    private static IReadOnlyList<T>? Shuffle<T>(IReadOnlyList<T>? values, Random random) =>
        values?.OrderBy(_ => random.Next()).ToArray();

    private static IReadOnlyList<string>? Change(IReadOnlyList<string>? values, Random random) =>
        Change(values, random, r => "new" + r.Next(9));

    /// <summary>Another set of values: one added that was not there, one taken away, or the filter set or dropped.</summary>
    private static IReadOnlyList<T>? Change<T>(IReadOnlyList<T>? values, Random random, Func<Random, T> fresh) => values switch
    {
        null => new[] { fresh(random) },
        { Count: 1 } => random.Next(2) == 0 ? null : values.Append(fresh(random)).ToArray(),
        _ => random.Next(2) == 0 ? values.Skip(1).ToArray() : values.Append(fresh(random)).ToArray(),
    };
}
