using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// While sessions receive messages and new ones appear, every session that matched when the
/// command started is written exactly once.
/// </summary>
public sealed class ConsistencyTests : IClassFixture<LiveSandboxFixture>, IDisposable
{
    private const string EveryExistingSessionNewestFirst = "{\"filters\":{},\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}";
    private readonly LiveSandboxFixture _sandbox;

    public ConsistencyTests(LiveSandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Theory]
    [InlineData("", 20)]
    [InlineData("-SortOrder asc", 33)]
    public void Under_churn_every_session_that_matched_at_the_start_is_written_once(string order, int pageSize)
    {
        string truthBody = order.Length == 0 ? EveryExistingSessionNewestFirst : EveryExistingSessionNewestFirst.Replace("desc", "asc");
        IReadOnlyList<string> truth = _sandbox.Truth(truthBody);
        _sandbox.Options.ChurnPerRequest = (Touched: 40, Created: 5);
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {order} -PageSize {pageSize}");

        Assert.Empty(run.Errors);
        ChatSession[] written = run.Objects<ChatSession>().ToArray();
        Assert.True(_sandbox.Server.Engine.SessionCount > truth.Count, "the churn should have created sessions meanwhile");
        // The guarantee: each session of the start, once, in order. A session created after the
        // start may be written too (clocks are never exactly alike), never in place of another.
        var atStart = truth.ToHashSet();
        string[] ids = written.Select(s => s.Id.ToString()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(truth, ids.Where(atStart.Contains));
        DateTimeOffset newestAtStart = written.Where(s => atStart.Contains(s.Id.ToString())).Max(s => s.CreatedAt);
        Assert.All(written.Where(s => !atStart.Contains(s.Id.ToString())), s => Assert.True(s.CreatedAt >= newestAtStart));
    }

    [Fact]
    public void Under_churn_the_moving_last_message_order_never_repeats_a_session_but_can_miss_some()
    {
        IReadOnlyList<string> truth = _sandbox.Truth("{\"filters\":{},\"sort_by\":\"last_message_at\"}");
        _sandbox.Options.ChurnPerRequest = (Touched: 5, Created: 1);
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -SortBy last_message_at -PageSize 20");

        Assert.Empty(run.Errors);
        string[] written = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        Assert.Equal(written.Length, written.Distinct().Count());
        // Why created_at keyset paging is the default: sessions that receive a message
        // before the walk reaches them jump to the front, behind the walk.
        Assert.NotEmpty(truth.Except(written));
    }
}
