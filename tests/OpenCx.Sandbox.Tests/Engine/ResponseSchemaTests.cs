using System.Collections.Generic;
using System.Linq;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

public sealed class ResponseSchemaTests
{
    public static IEnumerable<object[]> VariedRequests() => new[]
    {
        new object[] { "{}" },
        new object[] { """{"limit":100}""" },
        new object[] { """{"limit":1,"page":3,"sort_by":"created_at","sort_order":"asc"}""" },
        new object[] { """{"filters":{"channels":["email","sms"],"status":[0,7,12]},"limit":100}""" },
        new object[] { """{"filters":{"assignees":[]},"limit":100}""" },
        new object[] { """{"filters":{"ai_closure":["handed_off"]},"limit":100}""" },
        new object[] { """{"filters":{"custom_data":[{"vip":"true"},{"plan":"enterprise"}]},"limit":100}""" },
        new object[] { """{"filters":{"tags":["vip"],"waiting_on":"human_agents"},"limit":100}""" },
        new object[] { """{"filters":{"date":{"from":"2030-01-01T00:00Z"}}}""" },
        new object[] { """{"page":100000}""" },
        new object[] { """{"unknown":"ignored","filters":{"also_unknown":1}}""" },
    };

    [Theory]
    [MemberData(nameof(VariedRequests))]
    public void Every_response_to_varied_requests_validates_against_FilterChatSessionsOutput(string request)
    {
        SandboxResponse response = TestData.Engine.Filter(Bodies.Raw(request));

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(SpecSchemas.ValidateResponse(System.Text.Encoding.UTF8.GetString(response.Body)));
    }

    [Fact]
    public void Every_page_of_the_whole_data_set_validates_against_FilterChatSessionsOutput()
    {
        SandboxEngine engine = TestData.Engine;
        int pages = (engine.SessionCount + 99) / 100;
        for (int page = 1; page <= pages; page++)
        {
            SandboxResponse response = engine.Filter(Bodies.Of(new { page, limit = 100, sort_by = "created_at" }));

            IReadOnlyList<string> errors = SpecSchemas.ValidateResponse(System.Text.Encoding.UTF8.GetString(response.Body));
            Assert.True(errors.Count == 0, $"page {page}: " + string.Join("\n", errors.Take(10)));
        }
    }

    [Theory]
    [InlineData("""{"limit":0}""")]
    [InlineData("not json")]
    [InlineData("""{"filters":{"channels":["fax"]}}""")]
    public void Every_error_response_validates_against_ErrorDto(string request)
    {
        SandboxResponse response = TestData.Engine.Filter(Bodies.Raw(request));

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(SpecSchemas.Validate("ErrorDto", System.Text.Encoding.UTF8.GetString(response.Body)));
    }
}
