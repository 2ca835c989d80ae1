using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_options_give_byte_identical_answers()
    {
        SandboxEngine first = TestData.NewEngine(sessionCount: 400, seed: 99);
        SandboxEngine second = TestData.NewEngine(sessionCount: 400, seed: 99);

        for (int page = 1; page <= 4; page++)
        {
            byte[] request = Bodies.Of(new { page, limit = 100, sort_by = "created_at" });
            Assert.Equal(first.Filter(request).Body, second.Filter(request).Body);
        }
    }

    [Fact]
    public void Another_seed_gives_other_sessions()
    {
        IReadOnlyList<string> first = TestData.NewEngine(sessionCount: 100, seed: 1).MatchingIds(Bodies.Raw("{}"));
        IReadOnlyList<string> second = TestData.NewEngine(sessionCount: 100, seed: 2).MatchingIds(Bodies.Raw("{}"));

        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Default_data_set_has_2500_sessions_over_the_180_days_before_now()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        var engine = SandboxEngine.CreateDefault();

        Assert.Equal(2500, engine.SessionCount);
        Assert.All(Oracle.Sessions(engine), s =>
        {
            Assert.InRange(s.CreatedAtMs, before.AddDays(-181).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Assert.InRange(s.UpdatedAtMs, s.CreatedAtMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        });
    }

    [Fact]
    public void Default_data_set_answers_a_last_month_query()
    {
        var engine = SandboxEngine.CreateDefault();
        DateTimeOffset today = DateTimeOffset.UtcNow;
        var firstOfThisMonth = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        string from = firstOfThisMonth.AddMonths(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        string to = firstOfThisMonth.AddMilliseconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

        IReadOnlyList<string> ids = engine.MatchingIds(Bodies.Of(new { filters = new { date = new { from, to } } }));

        Assert.InRange(ids.Count, 200, 2500);
    }

    [Fact]
    public void Generator_output_for_a_seed_does_not_drift()
    {
        // Pinned, because the data set of a seed is relied on beyond this suite (recorded
        // examples, the module's tests): a change of the generator must change this line too.
        SandboxEngine engine = TestData.NewEngine(sessionCount: 3, seed: 7);

        JsonElement output = Bodies.Parse(engine.Filter(Bodies.Raw("""{"sort_by":"created_at","sort_order":"asc","limit":1}""")).Body);

        Assert.Equal("b5b1461a-d985-43e8-a50b-58d61c511fb8", output.GetProperty("data")[0].GetProperty("id").GetString());
    }
}
