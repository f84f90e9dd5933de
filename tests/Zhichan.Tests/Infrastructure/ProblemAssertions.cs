using System.Net;
using System.Text.Json;

namespace Zhichan.Tests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 response with the status and returns its JSON for further checks.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(status, text);
        res.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var json = JsonDocument.Parse(text).RootElement;
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return json;
    }
}
