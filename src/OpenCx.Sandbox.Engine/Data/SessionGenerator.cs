using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// Draws realistic sessions from one <see cref="SeededRandom"/>: the same seed and the same
/// sequence of calls give the same sessions, churn included.
/// </summary>
internal sealed class SessionGenerator
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;
    private const long HistoryLength = 180 * Day;

    /// <summary>
    /// Share of historical sessions created in the very millisecond of the one drawn before
    /// (bulk imports, e-mail batches): keyset-paging clients must cope with equal created_at.
    /// </summary>
    private const double CreatedAtTieShare = 0.04;

    // Web dominates, as in real traffic, but every channel of the spec occurs.
    private static readonly string[] WeightedChannels = Enumerable.Repeat("web", 6)
        .Concat(Enumerable.Repeat("email", 3))
        .Concat(Enumerable.Repeat("whatsapp", 2))
        .Concat(SpecVocabulary.Channels)
        .ToArray();

    private readonly SeededRandom _random;
    private readonly Team[] _teams;
    private readonly Contact[] _contacts;
    private long? _previousCreatedAtMs;

    public SessionGenerator(SeededRandom random, int contactCount, long nowMs)
    {
        _random = random;
        _teams = SampleData.Teams.Select(t => new Team(random.NextUuid(), t.Key, t.Value)).ToArray();
        _contacts = Enumerable.Range(0, contactCount).Select(_ => ContactGenerator.Next(random, nowMs)).ToArray();
    }

    public SeededRandom Random => _random;

    /// <summary>A session from the last 180 days before now; its ticket number is given later, in creation order.</summary>
    public Session Historical(long nowMs)
    {
        long createdAtMs = _previousCreatedAtMs is long previous && _random.Chance(CreatedAtTieShare)
            ? previous
            : nowMs - Minute - _random.Next(HistoryLength);
        _previousCreatedAtMs = createdAtMs;

        // Conversations last up to two days, closing takes up to two hours; neither reaches past now.
        long lastMessageAtMs = _random.Chance(0.1) ? createdAtMs : createdAtMs + _random.Next(Math.Min(2 * Day, nowMs - createdAtMs));
        long statusId = NextStatusId();
        long updatedAtMs = SessionStatus.IsClosed(statusId)
            ? lastMessageAtMs + _random.Next(Math.Min(2 * Hour, nowMs - lastMessageAtMs) + 1)
            : lastMessageAtMs;

        string? aiClosureType = _random.Chance(0.3) ? null : _random.Pick(SpecVocabulary.AiClosureTypes);
        return Describe(new Session
        {
            StatusId = statusId,
            AiClosureType = aiClosureType,
            CreatedAtMs = createdAtMs,
            LastMessageAtMs = lastMessageAtMs,
            UpdatedAtMs = updatedAtMs,
        });
    }

    /// <summary>A session that starts now: open, not yet closed by the AI.</summary>
    public Session Fresh(long nowMs, long ticketNumber) => Describe(new Session
    {
        StatusId = SessionStatus.Open,
        TicketNumber = ticketNumber,
        CreatedAtMs = nowMs,
        LastMessageAtMs = nowMs,
        UpdatedAtMs = nowMs,
    });

    /// <summary>
    /// The status of a session once it has received a message: a closed one is reopened now and
    /// then, an open one (custom statuses too) is closed now and then, by an agent or the AI.
    /// </summary>
    public long StatusAfterMessage(long statusId)
    {
        if (SessionStatus.IsClosed(statusId))
        {
            return _random.Chance(0.3) ? SessionStatus.Open : statusId;
        }

        double r = _random.NextDouble();
        return r < 0.25 ? SessionStatus.ClosedResolved : r < 0.4 ? SessionStatus.ClosedUnresolved : statusId;
    }

    /// <summary>Fills in everything but the status and the timeline.</summary>
    private Session Describe(Session timeline)
    {
        (long? assigneeId, bool assigneeOmitted) = NextAssignee();
        return timeline with
        {
            Id = _random.NextUuid(),
            Sentiment = _random.Chance(0.25) ? null : _random.Pick(SpecVocabulary.Sentiments),
            Channel = _random.Pick(WeightedChannels),
            Contact = _random.Chance(0.85) ? _random.Pick(_contacts) : null,
            Language = _random.Chance(0.1) ? null : _random.Pick(SampleData.Languages),
            AssigneeId = assigneeId,
            AssigneeOmitted = assigneeOmitted,
            CustomData = _random.Chance(0.3) ? null : NextCustomData(),
            Team = _random.Chance(0.8) ? _random.Pick(_teams) : null,
            Handoff = timeline.AiClosureType == "handed_off" && _random.Chance(0.9) ? NextHandoff() : null,
            TicketingSystem = _random.Chance(0.55) ? NextTicketingSystem() : null,
            AssistMode = _random.Chance(0.2),
            Tags = _random.DistinctIndices(_random.Next(0, 4), SampleData.Tags.Count).Select(i => SampleData.Tags[i]).ToArray(),
            WaitingOn = NextWaitingOn(timeline.StatusId),
        };
    }

    // Mostly the three built-in statuses; 7 and 12 stand for an organisation's custom ones.
    private long NextStatusId()
    {
        double r = _random.NextDouble();
        return r < 0.28 ? SessionStatus.Open
            : r < 0.68 ? SessionStatus.ClosedResolved
            : r < 0.88 ? SessionStatus.ClosedUnresolved
            : r < 0.94 ? 7
            : 12;
    }

    private (long? Id, bool Omitted) NextAssignee()
    {
        double r = _random.NextDouble();
        return r < 0.55 ? (_random.Pick(SampleData.AssigneeIds), false)
            : r < 0.85 ? (null, false)
            : (null, true);
    }

    private string NextWaitingOn(long statusId)
    {
        if (SessionStatus.IsClosed(statusId))
        {
            return WaitingOnValues.None;
        }

        double r = _random.NextDouble();
        return r < 0.45 ? WaitingOnValues.Customers : r < 0.9 ? WaitingOnValues.HumanAgents : WaitingOnValues.None;
    }

    // Numbers and booleans next to strings, and a string ("order_id") that looks like a number,
    // so the filter's compare-as-string rule is exercised both ways.
    private IReadOnlyList<KeyValuePair<string, CustomDataValue>> NextCustomData()
    {
        var data = new List<KeyValuePair<string, CustomDataValue>>();
        if (_random.Chance(0.8))
        {
            data.Add(new("plan", CustomDataValue.Of(_random.Pick(SampleData.Plans))));
        }

        if (_random.Chance(0.5))
        {
            data.Add(new("seats", CustomDataValue.Of(_random.Next(1, 250))));
        }

        if (_random.Chance(0.5))
        {
            data.Add(new("vip", CustomDataValue.Of(_random.Chance(0.3))));
        }

        if (_random.Chance(0.3))
        {
            data.Add(new("order_total", CustomDataValue.Of(_random.Next(100, 100_000) / 100.0)));
        }

        if (_random.Chance(0.4))
        {
            data.Add(new("region", CustomDataValue.Of(_random.Pick(SampleData.Regions))));
        }

        if (_random.Chance(0.3))
        {
            data.Add(new("order_id", CustomDataValue.Of(_random.Next(1000, 1250).ToString(CultureInfo.InvariantCulture))));
        }

        return data;
    }

    private Handoff NextHandoff() =>
        new(_random.Pick(SampleData.HandoffSummaries), _random.Chance(0.7) ? _random.Pick(SpecVocabulary.Sentiments) : null);

    private TicketingSystem NextTicketingSystem()
    {
        KeyValuePair<string, string> system = _random.Pick(SampleData.TicketingSystems);
        string externalId = system.Value switch
        {
            "case_id" => "5005g" + _random.NextUInt64().ToString("X10", CultureInfo.InvariantCulture).Substring(0, 10),
            "conversation_sid" => "CH" + _random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture) + _random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture),
            "conversation_id" => _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            _ => _random.Next(1000, 500_000).ToString(CultureInfo.InvariantCulture),
        };
        return new TicketingSystem(system.Key, externalId, system.Value);
    }
}
