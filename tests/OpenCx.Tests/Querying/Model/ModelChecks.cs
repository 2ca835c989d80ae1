using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using Xunit;

namespace OpenCx.Tests.Querying.Model;

/// <summary>
/// The checks of the query engine against the model of the filter endpoint: what is written is
/// the model's answer, each session once and in order, or a warning says why not, and then no
/// less than a plain page loop would have written. The regressions run them on shrunk cases.
/// </summary>
internal static class ModelChecks
{
    internal static readonly DateTime T0 = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    internal static readonly TimeSpan LookBack = TimeSpan.FromSeconds(10);

    /// <param name="distinctInstants">True when every session has its own instant, 2 ms or more from the next: then no page but one that shows a server ignoring the dates may bring nothing new.</param>
    internal static void CheckOneWalk(List<ModelSession> data, Command command, ServerBehaviour behaviour, int seed, bool distinctInstants = false)
    {
        var model = new FilterModel(data, behaviour, T0.AddMinutes(5), seed);
        var user = ModelQuery.Of(command.Query);
        IReadOnlyList<ModelSession> answer = model.Answer(user, model.Now);
        (List<ChatSession> written, List<string> warnings) = Walk(model, command);

        var byId = data.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        var ids = written.Select(s => s.Id).ToList();
        Assert.True(ids.Count == ids.Distinct().Count(), "A session was written twice.");
        ReadNoPageTwice(model, user, behaviour, distinctInstants);
        Assert.All(ids, id => Assert.True(user.Matches(byId[id]), $"{id} does not match the query."));

        var expected = answer.Skip((int)Math.Min(command.Skip, int.MaxValue)).Take((int)Math.Min(command.First, int.MaxValue)).ToList();
        if (IsAnswer(ids, expected, command, user, byId))
        {
            return;
        }

        // Sorted by last_message_at, the module cannot see the order (sessions carry no last_message_at): a server ignoring sort is excused,
        // for a slice (-Skip, -First) too when what was written is that slice of the server's own order (as if last_message_at followed it).
        IEnumerable<Guid> ownOrder = answer.OrderBy(s => s.Id.ToString()).Skip((int)Math.Min(command.Skip, int.MaxValue)).Take((int)Math.Min(command.First, int.MaxValue)).Select(s => s.Id);
        bool unobservable = !user.SortByCreatedAt && behaviour.IgnoreSort
            && ((ids.Count == expected.Count && expected.Select(s => s.Id).ToHashSet().SetEquals(ids)) || (warnings.Count == 0 && ownOrder.SequenceEqual(ids)));
        if (unobservable)
        {
            return;
        }

        // A walk of one request (-First satisfied by its first page) has only that page: whether the
        // server sorted cannot show. What it owes is that page, sorted and matching, as far as asked.
        if (warnings.Count == 0 && model.Transcript.Count == 1 && command.First != ulong.MaxValue)
        {
            ModelExchange only = model.Transcript[0];
            var page = only.Returned.Where(user.Matches).Select(s => s.Id).ToList();
            Assert.True(
                ids.Count == expected.Count && Enumerable.Range(0, page.Count - ids.Count + 1).Any(at => page.Skip(at).Take(ids.Count).SequenceEqual(ids)),
                $"A walk of one request wrote {ids.Count} session(s), not {expected.Count} of its page in its order.{Describe(model.Transcript)}");
            return;
        }

        // A server that answered every request as one keeping to the spec would have, over the
        // sessions it showed, cannot be told from that server: the engine owes that server's answer.
        var shown = model.Transcript.SelectMany(exchange => exchange.Returned).Distinct().ToList();
        if (warnings.Count == 0 && SpecKeepingServerCouldHaveAnswered(model.Transcript, shown))
        {
            var indistinguishable = FilterModel.Sort(shown.Where(user.Matches), user.SortByCreatedAt, user.Ascending)
                .Skip((int)Math.Min(command.Skip, int.MaxValue)).Take((int)Math.Min(command.First, int.MaxValue)).ToList();
            Assert.True(
                IsAnswer(ids, indistinguishable, command, user, byId),
                $"Every answer was one a server keeping to the spec could give over the {shown.Count} session(s) shown, yet {ids.Count} written is not that server's answer ({indistinguishable.Count}).{Describe(model.Transcript)}");
            return;
        }

        Assert.True(warnings.Count > 0, $"Not the model's answer ({ids.Count} written, {expected.Count} expected) and no warning said why.{Describe(model.Transcript)}");
        if (behaviour.Deterministic && command.Skip == 0 && command.First == ulong.MaxValue)
        {
            int naive = NaiveLoop(new FilterModel(data, behaviour, T0.AddMinutes(5), seed), command, user);
            Assert.True(ids.Count >= naive, $"Wrote {ids.Count}, fewer than the {naive} a plain page loop writes.{Describe(model.Transcript)}");
        }
    }

    internal static void CheckRuns(List<ModelSession> data, Command command, ServerBehaviour behaviour, int seed, int incrementalRuns, bool follow)
    {
        // Keyset paging sorted by created_at: what -Checkpoint and -Follow read.
        command = command with { Query = command.Query with { SortBy = SessionSortField.CreatedAt, CreatedBefore = null }, Skip = 0, First = ulong.MaxValue };
        var model = new FilterModel(data, behaviour, T0.AddSeconds(30), seed);
        var random = new Random(seed);
        var user = ModelQuery.Of(command.Query);
        var options = new WalkOptions { PageSize = command.PageSize, ReadAhead = random.Next(2) == 0, LookBack = LookBack };
        var written = new List<Guid>();
        WalkPosition? position = null;
        using OpenCxClient client = model.Client();
        int runs = incrementalRuns + 2;
        for (int run = 0; run < runs; run++)
        {
            if (run == runs - 1)
            {
                // The last run comes when every session has long been visible.
                model.Behaviour = behaviour with { Outages = Array.Empty<int>() };
                model.Now = T0.AddMinutes(10);
            }
            else if (run > 0)
            {
                model.Now += TimeSpan.FromMilliseconds(random.Next(30_000));
            }

            var thisRun = new List<ChatSession>();
            var warnings = new List<string>();

            // A server that ignores the date range makes the walk read by page number, which says
            // that order is no longer kept: exactly once still holds.
            bool warned;
            WalkPosition? startedFrom = position;

            // A poll of -Follow reads oldest first, whatever the order asked for.
            bool pagesAscending = (follow && position is not null) || user.Ascending;
            int transcriptBefore = model.Transcript.Count;
            if (follow && position is not null)
            {
                var follower = new SessionFollower(client, command.Query, new PagingBudget(0, ulong.MaxValue), options, position);
                SessionWalk poll = follower.Poll();
                model.Behaviour = behaviour with { Outages = Array.Empty<int>() };
                while (poll.NextAsync(null, CancellationToken.None).GetAwaiter().GetResult() is WalkPage page)
                {
                    thisRun.AddRange(page.Sessions);
                    warnings.AddRange(page.Warnings);
                }

                follower.Finished(poll);
                position = follower.Position;
                warned = behaviour.IgnoreDates && warnings.Count > 0;
                Assert.True(warned || InOrder(thisRun.Select(s => s.CreatedAt).ToList(), ascending: true), "A poll wrote out of order.");
            }
            else
            {
                position = RunToCompletion(client, command, options, position, thisRun, warnings, random);
                warned = behaviour.IgnoreDates && warnings.Count > 0;
                Assert.True(warned || InOrder(thisRun.Select(s => s.CreatedAt).ToList(), user.Ascending), $"Run {run} of {runs} wrote out of order: {string.Join(" ", thisRun.Select(s => s.CreatedAt.ToString("ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}.{Describe(model.Transcript.Skip(transcriptBefore).ToList())}");
            }

            Assert.True(thisRun.Count == thisRun.Select(s => s.Id).Distinct().Count(), $"Run {run} of {runs} wrote a session twice.");
            Assert.True(!written.Intersect(thisRun.Select(s => s.Id)).Any(), $"Run {run} of {runs} wrote again {written.Intersect(thisRun.Select(s => s.Id)).Count()} session(s) an earlier run wrote (its range starts {position.RunFrom:O}; e.g. {string.Join(" ", thisRun.Where(s => written.Contains(s.Id)).Take(3).Select(s => s.CreatedAt.ToString("HH:mm:ss.fff") + (startedFrom?.Recent.Any(r => r.Id == s.Id) == true ? "+" : "-")))}; newest {startedFrom?.Newest:HH:mm:ss.fff} recent {startedFrom?.Recent.Count}).");
            written.AddRange(thisRun.Select(s => s.Id));
            Assert.True(position.IsComplete);

            // Every page accounted for: a session the server returned in this run that matches and
            // that no run has written yet (created after the run's end, committed behind the
            // walk) was left out for a reason a warning of the run gives. Pages only: the checks of
            // the server's order ask for one session, or for a page in the other order, and what
            // they show is no page to write (a session they alone showed is the next run's).
            IEnumerable<Guid> returned = model.Transcript.Skip(transcriptBefore).Where(exchange => exchange.Limit > 1 && exchange.Limit >= command.PageSize && exchange.Query.Ascending == pagesAscending).SelectMany(exchange => exchange.Returned).Where(user.Matches).Select(s => s.Id).Distinct();
            var leftOut = returned.Except(written).ToList();
            Assert.True(leftOut.Count == 0 || warnings.Count > 0, $"Run {run} of {runs} left out {leftOut.Count} matching session(s) the server returned, e.g. {leftOut.FirstOrDefault()}, and no warning said why.{Describe(model.Transcript.Skip(transcriptBefore).ToList())}");

            // Those created after the run's end (the newest session of its first answer, newest
            // first, when that answer kept to the dates asked for) are left for the next run: a
            // warning says that of them, whatever else is said.
            ModelExchange? first = model.Transcript.Skip(transcriptBefore).FirstOrDefault();
            DateTime? end = first is { Query.Ascending: false, Returned.Count: > 0 } && first.Returned.All(s => !(s.CreatedAt < first.Query.From) && !(s.CreatedAt > first.Query.To))
                ? first.Returned.Max(s => s.CreatedAt)
                : null;
            var byId = model.Sessions.ToDictionary(s => s.Id);
            int afterEnd = leftOut.Count(id => byId[id].CreatedAt > end);
            Assert.True(afterEnd == 0 || warnings.Any(w => w.Contains("the newest one found when the command started", StringComparison.Ordinal)), $"Run {run} of {runs} left out {afterEnd} session(s) created after its end, {end:HH:mm:ss.fff}, and no warning said so.{Describe(model.Transcript.Skip(transcriptBefore).ToList())}");
        }

        IReadOnlyList<ModelSession> answer = model.Answer(user, model.Now);
        Assert.True(written.Count == written.Distinct().Count(), $"A session was written twice: {string.Join(", ", written.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key))}.");
        var missing = answer.Select(s => s.Id).Except(written).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} session(s) never written, e.g. {missing.FirstOrDefault()}: created {string.Join(" ", answer.Where(s => missing.Contains(s.Id)).Take(6).Select(s => s.CreatedAt.ToString("ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " visible " + s.VisibleAt.ToString("ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}.{Describe(model.Transcript.Skip(Math.Max(0, model.Transcript.Count - 60)).ToList())}");
    }

    /// <summary>One run of a checkpointed export: interrupted after some pages (inside one, or by an outage), resumed from the stored token, to its end.</summary>
    private static WalkPosition RunToCompletion(OpenCxClient client, Command command, WalkOptions options, WalkPosition? from, List<ChatSession> written, List<string> warnings, Random random)
    {
        string? token = from?.ToToken();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            var walk = new SessionWalk(client, command.Query, new PagingBudget(0, ulong.MaxValue), options, token is null ? null : WalkPosition.FromToken(token));
            int stopAfter = random.Next(4) == 0 ? int.MaxValue : random.Next(1, 6);
            int pages = 0;
            try
            {
                WalkPosition before = walk.Position;
                while (walk.NextAsync(null, CancellationToken.None).GetAwaiter().GetResult() is WalkPage page)
                {
                    warnings.AddRange(page.Warnings);
                    if (++pages == stopAfter)
                    {
                        // Stopped inside the page: what went down is recorded with the position before it.
                        int taken = random.Next(page.Sessions.Count + 1);
                        written.AddRange(page.Sessions.Take(taken));
                        token = before.Including(page.Sessions.Take(taken), options.LookBack).ToToken();
                        break;
                    }

                    written.AddRange(page.Sessions);
                    before = walk.Position;
                    token = before.ToToken();
                }

                if (pages != stopAfter)
                {
                    return walk.Position;
                }
            }
            catch (OpenCxException)
            {
                // An outage longer than the retries: the command fails; the token holds the last page written.
            }
        }

        throw new InvalidOperationException("The run never completed.");
    }

    /// <summary>
    /// A walk that sends its next request on a glance at the page in flight asks a server keeping
    /// to the spec for exactly what a walk that waits for each page asks, in the same order, and
    /// writes the same: the guess is never wrong where nothing goes wrong.
    /// </summary>
    internal static void CheckLookingAhead(List<ModelSession> data, Command command, bool answersLater, int seed)
    {
        ServerBehaviour plain = ServerBehaviour.Plain with { AnswersLater = answersLater };
        var waiting = new FilterModel(data, plain, T0.AddMinutes(5), seed);
        var lookingAhead = new FilterModel(data, plain, T0.AddMinutes(5), seed);
        (List<ChatSession> written, List<string> warnings) = Walk(waiting, command, readAhead: false);
        (List<ChatSession> writtenLookingAhead, List<string> warningsLookingAhead) = Walk(lookingAhead, command, readAhead: true);

        static string Asked(ModelExchange e) =>
            $"{(e.Query.Ascending ? "asc" : "desc")} {e.Query.From:O} {e.Query.To:O} page {e.Page} of {e.Limit}";
        Assert.True(
            waiting.Transcript.Select(Asked).SequenceEqual(lookingAhead.Transcript.Select(Asked)),
            $"Looking ahead, the walk sent {lookingAhead.Transcript.Count} request(s), not the {waiting.Transcript.Count} of a walk that waits for each page:{Describe(lookingAhead.Transcript)}\nwaiting:{Describe(waiting.Transcript)}");
        Assert.Equal(written.Select(s => s.Id), writtenLookingAhead.Select(s => s.Id));
        Assert.Equal(warnings, warningsLookingAhead);
    }

    private static (List<ChatSession> Written, List<string> Warnings) Walk(FilterModel model, Command command, bool readAhead = true)
    {
        using OpenCxClient client = model.Client();
        var walk = new SessionWalk(client, command.Query, new PagingBudget(command.Skip, command.First), new WalkOptions { PageSize = command.PageSize, ReadAhead = readAhead });
        var written = new List<ChatSession>();
        var warnings = new List<string>();
        while (walk.NextAsync(null, CancellationToken.None).GetAwaiter().GetResult() is WalkPage page)
        {
            written.AddRange(page.Sessions);
            warnings.AddRange(page.Warnings);
        }

        return (written, warnings);
    }

    /// <summary>What a user's own loop writes: page after page of the query as given, until has_next is false; distinct matching sessions counted.</summary>
    private static int NaiveLoop(FilterModel model, Command command, ModelQuery user)
    {
        using OpenCxClient client = model.Client();
        var seen = new HashSet<Guid>();
        for (int page = 1; page < 10_000; page++)
        {
            SessionPage answer = client.FilterAsync(
                SessionQuery.Request(command.Query.ToWireFilters(), command.Query.CreatedFrom, command.Query.CreatedBefore?.AddMilliseconds(-1), command.Query.SortBy, command.Query.SortOrder, page, command.PageSize),
                null,
                CancellationToken.None).GetAwaiter().GetResult();
            foreach (ChatSession session in answer.Sessions)
            {
                if (session.CreatedAt >= command.Query.CreatedFrom.GetValueOrDefault(DateTime.MinValue) && (command.Query.CreatedBefore is null || session.CreatedAt < command.Query.CreatedBefore))
                {
                    seen.Add(session.Id);
                }
            }

            if (!answer.HasNext)
            {
                break;
            }
        }

        return seen.Count;
    }

    /// <summary>True when the ids written are <paramref name="expected"/>, in order (ties in any order; with -Skip or -First, the same creation times).</summary>
    private static bool IsAnswer(List<Guid> ids, List<ModelSession> expected, Command command, ModelQuery user, Dictionary<Guid, ModelSession> byId)
    {
        Func<ModelSession, DateTime> key = user.SortByCreatedAt ? s => s.CreatedAt : s => s.LastMessageAt;
        return ids.Count == expected.Count
            && InOrder(ids.Select(id => key(byId[id])).ToList(), user.Ascending)
            && expected.Select(key).OrderBy(k => k).SequenceEqual(ids.Select(id => key(byId[id])).OrderBy(k => k))
            && (command.Skip > 0 || command.First != ulong.MaxValue || expected.Select(s => s.Id).ToHashSet().SetEquals(ids));
    }

    /// <summary>
    /// True when a server that keeps to the spec (it sorts, filters and pages as asked; ties in any
    /// order on each request), holding exactly the sessions <paramref name="shown"/>, could have
    /// given every answer of <paramref name="transcript"/>: nothing the client saw tells the two apart.
    /// </summary>
    internal static bool SpecKeepingServerCouldHaveAnswered(IReadOnlyList<ModelExchange> transcript, IReadOnlyList<ModelSession> shown)
    {
        foreach (ModelExchange exchange in transcript)
        {
            ModelQuery query = exchange.Query;
            Func<ModelSession, DateTime> key = query.SortByCreatedAt ? s => s.CreatedAt : s => s.LastMessageAt;
            var all = FilterModel.Sort(shown.Where(query.Matches), query.SortByCreatedAt, query.Ascending).ToList();
            int offset = (exchange.Page - 1) * exchange.Limit;
            var slice = all.Skip(offset).Take(exchange.Limit).ToList();
            bool same = exchange.Returned.All(query.Matches)
                && InOrder(exchange.Returned.Select(key).ToList(), query.Ascending)
                && exchange.Returned.Select(key).OrderBy(k => k).SequenceEqual(slice.Select(key).OrderBy(k => k))
                && exchange.HasNext == (offset + exchange.Limit < all.Count);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A server that sorts and answers a request alike each time is not asked for a page twice:
    /// what the walk read it knows (a fallback goes on from where it stood, a block of one instant
    /// read whole is settled), and each page costs a request of the rate limit and a download.
    /// Over sessions each at its own instant, only one page in the walk's order may bring nothing
    /// not shown before: the one on which a server ignoring the dates showed it. (Otherwise a block
    /// of one instant, or sessions 1 ms apart, which a keyset series reaches back for, can fill a
    /// page again; a server seen not to sort has its pages read again from page 1; the checks of the
    /// order ask for one session, not a page; the newest sessions that an oldest-first walk asks for
    /// first come again at its end.)
    /// </summary>
    private static void ReadNoPageTwice(FilterModel model, ModelQuery user, ServerBehaviour behaviour, bool distinctInstants)
    {
        if (!behaviour.Deterministic || behaviour.IgnoreSort)
        {
            return;
        }

        static string Asked(ModelExchange e) =>
            $"{e.Query.From:O} {e.Query.To:O} {string.Join(",", e.Query.Channels ?? Array.Empty<string>())} {e.Query.SortByCreatedAt} {e.Query.Ascending} {e.Page} {e.Limit}";
        var pages = model.Transcript.Where(e => e.Limit > 1 && e.Query.SortByCreatedAt == user.SortByCreatedAt && e.Query.Ascending == user.Ascending).ToList();
        ModelExchange? again = pages.GroupBy(Asked).FirstOrDefault(asked => asked.Count() > 1)?.First();
        if (again is not null && !behaviour.IgnoreDates)
        {
            Assert.Fail($"The same page ({Describe(new[] { again }).Trim()}) was asked for twice of a server that answers alike each time.{Describe(model.Transcript)}");
        }

        if (!distinctInstants)
        {
            return;
        }

        var shown = new HashSet<Guid>();
        var nothingNew = pages.Where(page => page.Returned.Count > 0 && page.Returned.Count(s => shown.Add(s.Id)) == 0).ToList();
        if (nothingNew.Count > 1)
        {
            Assert.Fail($"{nothingNew.Count} pages brought nothing the server had not shown before: {string.Join("; ", nothingNew.Select(page => $"page {page.Page} of {page.Limit}"))}.{Describe(model.Transcript)}");
        }
    }

    /// <summary>The requests and answers of a walk, one line each, for a failure's message.</summary>
    internal static string Describe(IReadOnlyList<ModelExchange> transcript)
    {
        static string At(DateTime? instant) => instant?.ToString("ss.fff", System.Globalization.CultureInfo.InvariantCulture) ?? "*";
        return string.Concat(transcript.Take(60).Select(exchange =>
            $"\n  {(exchange.Query.SortByCreatedAt ? "created" : "last_message")} {(exchange.Query.Ascending ? "asc" : "desc")} [{At(exchange.Query.From)}, {At(exchange.Query.To)}] page {exchange.Page} of {exchange.Limit}: "
            + string.Join(" ", exchange.Returned.Select(s => At(s.CreatedAt) + ":" + s.Id.ToString().Substring(0, 4)))
            + (exchange.HasNext ? " (has_next)" : string.Empty)));
    }

    private static bool InOrder(IReadOnlyList<DateTime> keys, bool ascending)
    {
        for (int i = 1; i < keys.Count; i++)
        {
            if (ascending ? keys[i] < keys[i - 1] : keys[i] > keys[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A command as the engine receives it.</summary>
public sealed record Command(SessionQuery Query, int PageSize, ulong Skip, ulong First)
{
    public override string ToString() =>
        $"sort={Query.SortBy}/{Query.SortOrder} pageSize={PageSize} skip={Skip} first={(First == ulong.MaxValue ? "all" : First.ToString(System.Globalization.CultureInfo.InvariantCulture))} from={Query.CreatedFrom:O} before={Query.CreatedBefore:O} channels={(Query.Channels is null ? "any" : string.Join("+", Query.Channels))}";
}
