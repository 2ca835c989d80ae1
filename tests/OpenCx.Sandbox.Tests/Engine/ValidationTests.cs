using System;
using System.Text;
using System.Text.Json;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

/// <summary>
/// The engine's 400s agree with a real validator of FilterSessionsPublicDto: what it rejects
/// the schema rejects too (except the rules the spec gives only in descriptions), and each
/// message starts with the offending field.
/// </summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("""{"filters":[]}""", "filters must be an object")]
    [InlineData("""{"filters":null}""", "filters must be an object")]
    [InlineData("""{"filters":{"date":"2025-01-01"}}""", "filters.date must be an object")]
    [InlineData("""{"filters":{"date":{"from":20250101}}}""", "filters.date.from must be a string")]
    [InlineData("""{"filters":{"date":{"from":"2025-01-01"}}}""", "filters.date.from must be a UTC date-time")]
    [InlineData("""{"filters":{"date":{"to":"2025-01-01T00:00:00+02:00"}}}""", "filters.date.to must be a UTC date-time")]
    [InlineData("""{"filters":{"date":{"to":"2025-02-29T00:00:00Z"}}}""", "filters.date.to must be a UTC date-time")]
    [InlineData("""{"filters":{"date":{"to":"2025-01-01T24:00:00Z"}}}""", "filters.date.to must be a UTC date-time")]
    [InlineData("""{"filters":{"date":{"to":"2025-01-01t00:00:00z"}}}""", "filters.date.to must be a UTC date-time")]
    [InlineData("""{"filters":{"channels":"web"}}""", "filters.channels must be an array")]
    [InlineData("""{"filters":{"channels":["web","WEB"]}}""", "filters.channels[1] must be one of")]
    [InlineData("""{"filters":{"status":[-1]}}""", "filters.status[0] must be an integer between 0 and 9007199254740991")]
    [InlineData("""{"filters":{"status":[1.5]}}""", "filters.status[0] must be an integer")]
    [InlineData("""{"filters":{"status":["1"]}}""", "filters.status[0] must be an integer")]
    [InlineData("""{"filters":{"status":[9007199254740993]}}""", "filters.status[0] must be an integer")]
    [InlineData("""{"filters":{"assignees":["101"]}}""", "filters.assignees[0] must be a number")]
    [InlineData("""{"filters":{"assignees":null}}""", "filters.assignees must be an array")]
    [InlineData("""{"filters":{"team_ids":[1]}}""", "filters.team_ids[0] must be a string")]
    [InlineData("""{"filters":{"contact_ids":"x"}}""", "filters.contact_ids must be an array")]
    [InlineData("""{"filters":{"ticket_number":"42"}}""", "filters.ticket_number must be a number")]
    [InlineData("""{"filters":{"language":["en",null]}}""", "filters.language[1] must be a string")]
    [InlineData("""{"filters":{"tags":[true]}}""", "filters.tags[0] must be a string")]
    [InlineData("""{"filters":{"custom_data":{"plan":"pro"}}}""", "filters.custom_data must be an array")]
    [InlineData("""{"filters":{"custom_data":["plan"]}}""", "filters.custom_data[0] must be an object")]
    [InlineData("""{"filters":{"custom_data":[{"seats":12}]}}""", "filters.custom_data[0].seats must be a string")]
    [InlineData("""{"filters":{"custom_data":[{"plan":"pro"},{"vip":true}]}}""", "filters.custom_data[1].vip must be a string")]
    [InlineData("""{"page":"2"}""", "page must be an integer")]
    [InlineData("""{"limit":null}""", "limit must be an integer")]
    public void Schema_violation_is_a_400_naming_the_field(string body, string message)
    {
        AssertBadRequest(body, message);
        Assert.NotEmpty(SpecSchemas.ValidateRequest(body));
    }

    /// <summary>Each enum's values as the sandbox lists them (SpecVocabulary), which OpenCx.Tests' SpecValuesTests holds to the spec.</summary>
    public static TheoryData<string, string> EnumViolations() => new()
    {
        { """{"filters":{"channels":["fax"]}}""", "filters.channels[0] must be one of " + string.Join(", ", SpecVocabulary.Channels) },
        { """{"filters":{"ai_closure":["escalated"]}}""", "filters.ai_closure[0] must be one of " + string.Join(", ", SpecVocabulary.AiClosureTypes) },
        { """{"filters":{"sentiment":[null]}}""", "filters.sentiment[0] must be one of " + string.Join(", ", SpecVocabulary.Sentiments) },
        { """{"filters":{"waiting_on":"none"}}""", "filters.waiting_on must be one of " + string.Join(", ", SpecVocabulary.WaitingOnFilter) },
        { """{"sort_by":"updated_at"}""", "sort_by must be one of " + string.Join(", ", SpecVocabulary.SortFields) },
        { """{"sort_order":"DESC"}""", "sort_order must be one of " + string.Join(", ", SpecVocabulary.SortOrders) },
    };

    [Theory]
    [MemberData(nameof(EnumViolations))]
    public void A_value_outside_an_enum_is_a_400_naming_the_field_and_every_allowed_value(string body, string message)
    {
        AssertBadRequest(body, message);
        Assert.NotEmpty(SpecSchemas.ValidateRequest(body));
    }

    // The schema types page and limit as plain numbers; their descriptions add "1-based" and
    // "1-100", which the engine enforces as the real API must to page at all.
    [Theory]
    [InlineData("""{"page":0}""", "page must be an integer between 1 and 9007199254740991")]
    [InlineData("""{"page":-3}""", "page must be an integer between 1")]
    [InlineData("""{"page":1.5}""", "page must be an integer")]
    [InlineData("""{"limit":0}""", "limit must be an integer between 1 and 100")]
    [InlineData("""{"limit":101}""", "limit must be an integer between 1 and 100")]
    [InlineData("""{"limit":2.5}""", "limit must be an integer between 1 and 100")]
    public void Paging_rule_from_the_descriptions_is_a_400_naming_the_field(string body, string message)
    {
        AssertBadRequest(body, message);
        Assert.Empty(SpecSchemas.ValidateRequest(body));
    }

    [Theory]
    [InlineData("", "body is required")]
    [InlineData("not json", "body is not valid JSON")]
    [InlineData("""{"limit":10,}""", "body is not valid JSON")]
    [InlineData("[]", "body must be an object")]
    [InlineData("null", "body must be an object")]
    [InlineData("\"filters\"", "body must be an object")]
    public void Malformed_or_non_object_body_is_a_400(string body, string message)
    {
        AssertBadRequest(body, message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"unknown":1,"filters":{"unknown":[1,2]}}""")]
    [InlineData("""{"page":2.0,"limit":1e2}""")]
    [InlineData("""{"filters":{"status":[0,1,2,7,12,9007199254740991]}}""")]
    [InlineData("""{"filters":{"assignees":[101.5,-1]}}""")]
    [InlineData("""{"filters":{"date":{"from":"2024-02-29T00:00Z","to":"2025-12-31T23:59:59.999999999Z"}}}""")]
    [InlineData("""{"filters":{"date":{"from":"2026-01-01T00:00:00Z","to":"2025-01-01T00:00:00Z"}}}""")]
    [InlineData("""{"filters":{"custom_data":[{}]},"sort_by":"created_at","sort_order":"asc"}""")]
    [InlineData("""{"filters":{"ticket_number":42.5}}""")]
    public void Schema_valid_request_is_answered(string body)
    {
        Assert.Empty(SpecSchemas.ValidateRequest(body));
        Assert.Equal(200, TestData.Engine.Filter(Bodies.Raw(body)).StatusCode);
    }

    [Fact]
    public void Date_with_a_trailing_newline_is_rejected_as_the_APIs_JavaScript_pattern_does()
    {
        // .NET's $ also matches before a final newline, so a .NET validator would pass this;
        // JavaScript's $ (the real API's) does not.
        AssertBadRequest("""{"filters":{"date":{"to":"2025-01-01T00:00:00Z\n"}}}""", "filters.date.to must be a UTC date-time");
    }

    [Fact]
    public void MatchingIds_rejects_an_invalid_request_with_the_same_message()
    {
        ArgumentException error = Assert.Throws<System.ArgumentException>(() => TestData.Engine.MatchingIds(Bodies.Raw("""{"limit":0}""")));

        Assert.StartsWith("limit must be an integer", error.Message);
    }

    private static void AssertBadRequest(string body, string message)
    {
        SandboxResponse response = TestData.Engine.Filter(Bodies.Raw(body));

        Assert.Equal(400, response.StatusCode);
        JsonElement error = Bodies.Parse(response.Body);
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("Bad Request", error.GetProperty("error").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString());
        Assert.Empty(SpecSchemas.Validate("ErrorDto", Encoding.UTF8.GetString(response.Body)));
    }
}
