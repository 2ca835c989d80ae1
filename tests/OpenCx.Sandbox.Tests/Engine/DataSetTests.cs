using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

/// <summary>The generated data shows a client every shape the spec allows, and the awkward ones.</summary>
public sealed class DataSetTests
{
    private static readonly Lazy<List<JsonElement>> AllSessions = new(() =>
    {
        var sessions = new List<JsonElement>();
        for (int page = 1; ; page++)
        {
            JsonElement output = Bodies.Parse(TestData.Engine.Filter(Bodies.Of(new { page, limit = 100, sort_by = "created_at", sort_order = "asc" })).Body);
            sessions.AddRange(output.GetProperty("data").EnumerateArray());
            if (!output.GetProperty("has_next").GetBoolean())
            {
                return sessions;
            }
        }
    });

    private static List<JsonElement> Sessions => AllSessions.Value;

    [Fact]
    public void Every_status_channel_closure_and_sentiment_occurs_with_nulls()
    {
        // The sandbox's lists, which OpenCx.Tests' SpecValuesTests holds to the spec.
        long[] namedStatuses = [SessionStatus.Open, SessionStatus.ClosedResolved, SessionStatus.ClosedUnresolved];
        Assert.Equal(namedStatuses.Select(SessionStatus.OutputName).Order(StringComparer.Ordinal), Distinct("status"));
        Assert.Equal(SpecVocabulary.Channels.Order(), Sessions.Select(s => s.GetProperty("channel").GetProperty("type").GetString()!).Distinct().Order());
        Assert.Equal(SpecVocabulary.AiClosureTypes.Append("<null>").Order(StringComparer.Ordinal), Distinct("ai_closure_type"));
        Assert.Equal(SpecVocabulary.Sentiments.Append("<null>").Order(StringComparer.Ordinal), Distinct("sentiment"));
    }

    [Fact]
    public void Custom_status_ids_exist_besides_the_three_built_in_ones()
    {
        Assert.Equal(new long[] { 0, 1, 2, 7, 12 }, Oracle.Sessions(TestData.Engine).Select(s => s.StatusId).Distinct().Order());
    }

    [Fact]
    public void Optional_properties_are_sometimes_absent_and_never_null_where_the_schema_forbids_it()
    {
        foreach (string name in new[] { "contact", "language", "assignee_id", "custom_data", "team", "handoff", "ticketing_system" })
        {
            Assert.Contains(Sessions, s => !s.TryGetProperty(name, out _));
            Assert.Contains(Sessions, s => s.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null);
        }

        Assert.Contains(Sessions, s => s.TryGetProperty("assignee_id", out JsonElement v) && v.ValueKind == JsonValueKind.Null);
        Assert.All(Sessions.Where(s => s.TryGetProperty("assignee_id", out JsonElement v) && v.ValueKind == JsonValueKind.String),
            s => Assert.Matches("^[0-9]+$", s.GetProperty("assignee_id").GetString()));
    }

    [Fact]
    public void Contacts_have_every_nullable_property_both_null_and_set()
    {
        var contacts = Sessions.Where(s => s.TryGetProperty("contact", out _)).Select(s => s.GetProperty("contact")).ToList();

        foreach (string name in new[] { "email", "phone_number", "name", "custom_data", "non_verified_name", "non_verified_email", "non_verified_custom_data" })
        {
            Assert.Contains(contacts, c => c.GetProperty(name).ValueKind == JsonValueKind.Null);
            Assert.Contains(contacts, c => c.GetProperty(name).ValueKind != JsonValueKind.Null);
        }
    }

    [Theory]
    [InlineData("Zoë O'Brien")]
    [InlineData("Müller, \"Max\"")]
    [InlineData("José Núñez")]
    [InlineData("山田 太郎")]
    [InlineData("D'Angelo \"DJ\" Smith, Jr.")]
    public void Awkward_names_are_served_verbatim(string name)
    {
        Assert.Contains(Sessions, s => s.TryGetProperty("contact", out JsonElement c) && c.GetProperty("name").GetString() == name);
    }

    [Fact]
    public void Non_ASCII_text_is_sent_as_UTF_8_not_as_escapes()
    {
        string body = Encoding.UTF8.GetString(TestData.Engine.Filter(Bodies.Raw("""{"limit":100}""")).Body);

        Assert.DoesNotContain("\\u00", body);
        Assert.Matches("[À-ɏ]|[一-鿿]|[぀-ヿ]", body);
    }

    [Fact]
    public void Languages_cover_the_common_codes()
    {
        var languages = Sessions.Where(s => s.TryGetProperty("language", out _)).Select(s => s.GetProperty("language").GetString()).ToHashSet();

        Assert.Superset(new HashSet<string?> { "en", "de", "fr", "es", "pt-BR", "ja" }, languages);
    }

    [Fact]
    public void Custom_data_values_are_strings_numbers_and_booleans()
    {
        var kinds = Sessions.Where(s => s.TryGetProperty("custom_data", out _))
            .SelectMany(s => s.GetProperty("custom_data").EnumerateObject().Select(p => p.Value.ValueKind))
            .ToHashSet();

        Assert.Superset(new HashSet<JsonValueKind> { JsonValueKind.String, JsonValueKind.Number, JsonValueKind.True, JsonValueKind.False }, kinds);
    }

    [Fact]
    public void Teams_handoffs_and_ticketing_systems_vary()
    {
        var teams = Sessions.Where(s => s.TryGetProperty("team", out _)).Select(s => s.GetProperty("team")).ToList();
        Assert.True(teams.Select(t => t.GetProperty("id").GetString()).Distinct().Count() >= 3);
        Assert.Contains(teams, t => t.TryGetProperty("description", out _));
        Assert.Contains(teams, t => !t.TryGetProperty("description", out _));

        var handoffs = Sessions.Where(s => s.TryGetProperty("handoff", out _)).Select(s => s.GetProperty("handoff")).ToList();
        Assert.Contains(handoffs, h => h.TryGetProperty("sentiment", out _));
        Assert.Contains(handoffs, h => !h.TryGetProperty("sentiment", out _));

        var systems = Sessions.Where(s => s.TryGetProperty("ticketing_system", out _)).Select(s => s.GetProperty("ticketing_system")).ToList();
        Assert.True(systems.Select(t => t.GetProperty("name").GetString()).Distinct().Count() >= 5);
        Assert.Equal(4, systems.Select(t => t.GetProperty("id_type").GetString()).Distinct().Count());
        Assert.Equal(new[] { "False", "True" }, Sessions.Select(s => s.GetProperty("assist_mode").GetBoolean().ToString()).Distinct().Order());
    }

    [Fact]
    public void Ticket_numbers_are_unique_and_increase_with_creation()
    {
        var numbers = Sessions.Select(s => s.GetProperty("ticket_number").GetInt64()).ToList();

        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public void Timestamps_are_UTC_with_milliseconds_and_updated_at_is_never_before_created_at()
    {
        var iso = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");

        Assert.All(Sessions, s =>
        {
            string created = s.GetProperty("created_at").GetString()!, updated = s.GetProperty("updated_at").GetString()!;
            Assert.Matches(iso, created);
            Assert.Matches(iso, updated);
            Assert.True(string.CompareOrdinal(created, updated) <= 0, $"{created} > {updated}");
        });
    }

    [Fact]
    public void Some_sessions_share_their_created_at_millisecond()
    {
        var ties = Sessions.GroupBy(s => s.GetProperty("created_at").GetString()).Where(g => g.Count() > 1).ToList();

        Assert.True(ties.Count >= 20, $"only {ties.Count} groups of equal created_at");
        Assert.Contains(ties, g => g.Count() >= 3);
    }

    private static IEnumerable<string> Distinct(string property) =>
        Sessions.Select(s => s.GetProperty(property).ValueKind == JsonValueKind.Null ? "<null>" : s.GetProperty(property).GetString()!)
            .Distinct().Order(StringComparer.Ordinal);
}
