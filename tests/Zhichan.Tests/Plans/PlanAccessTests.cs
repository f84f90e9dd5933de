using System.Net;
using System.Net.Http.Json;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Plans;

/// <summary>Role limits of the plan and assessment endpoints (no demo plans needed: the role check comes first).</summary>
public class PlanAccessTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    /// <summary>One reset for all cases: resets dominate the suite's time.</summary>
    [Fact]
    public async Task PlanEndpoints_WrongRole_Return403()
    {
        (string Method, string Path, string User)[] cases =
        [
            ("GET", "/api/plans", "hengrui"),
            ("GET", "/api/plans/tasks", "expert"),
            ("POST", "/api/plans/1/tasks", "police"),
            ("POST", "/api/plans/1/tasks", "lianyun"),
            ("PUT", "/api/plans/tasks/1", "court"),
            ("POST", "/api/plans/notices", "police"),
            ("POST", "/api/plans/reports/1/review", "court"),
            ("POST", "/api/plans/reports/1/review", "haizhou"),
            ("POST", "/api/plans/1/assessments", "lianyun"),
            ("POST", "/api/plans/assessments/1/publish", "police"),
            ("GET", "/api/plans/assessments/1/export", "haizhou"),
        ];
        foreach (var (method, path, user) in cases)
        {
            var client = await App.CreateClientAsAsync(user);
            var res = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { title = "x" }) });
            await res.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task GetPlan_Unknown_Returns404Problem()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var p = await (await bureau.GetAsync("/api/plans/999999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        p.GetProperty("detail").GetString().ShouldBe("工作方案不存在");
    }
}
