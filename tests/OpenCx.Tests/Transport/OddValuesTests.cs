using System;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// A server that keeps to the spec with values few servers send (the sandbox's --odd-values: a
/// contact's dates as text that is no date, ticket numbers as floats, empty strings, UUIDs at the
/// pattern's extremes and in upper case) is read whole, at the first try of every page.
/// </summary>
public sealed class OddValuesTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;

    public OddValuesTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.Options.Quirks.SpecValidOddValues = true;
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Fact]
    public void Every_session_of_a_server_sending_spec_valid_odd_values_is_read_with_no_retry_and_no_error()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 100");

        Assert.Empty(run.Errors);
        Assert.Empty(run.Warnings);
        OpenCx.ChatSession[] sessions = run.Objects<OpenCx.ChatSession>().ToArray();
        Assert.Equal(_sandbox.Options.SessionCount, sessions.Select(s => s.Id).Distinct().Count());
        Assert.All(_sandbox.Server.Requests, r => Assert.Equal(200, r.StatusCode));
        // No request was asked again: a page refused would be.
        Assert.Equal(_sandbox.Server.Requests.Count, _sandbox.Server.Requests.Select(r => r.Body).Distinct().Count());

        // What could not be a date is kept as the text it was; what could, is a date.
        OpenCx.Contact[] contacts = sessions.Where(s => s.Contact != null).Select(s => s.Contact!).ToArray();
        Assert.Contains(contacts, c => c.CreatedAtText == "yesterday" && c.CreatedAt is null);
        Assert.Contains(contacts, c => c.CreatedAtText == string.Empty && c.CreatedAt is null);
        Assert.Contains(contacts, c => c.CreatedAtText == "2026-01-05 10:00:00" && c.CreatedAt == new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc));
        Assert.Contains(contacts, c => c.CreatedAt is DateTime at && c.CreatedAtText!.EndsWith('Z') && at.Kind == DateTimeKind.Utc);
        Assert.Contains(contacts, c => c.Id == Guid.Empty);
        Assert.Contains(sessions, s => s.Team?.Id == Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        Assert.All(sessions, s => Assert.True(s.TicketNumber > 0));
    }
}
