using Zhichan.Api.Platform.Security;
namespace Zhichan.Api.Features.Home;

/// <summary>Home (首页): the cockpit of the bureau, a district or a department — one request gathering what each should see first.</summary>
public sealed class HomeModule : IFeatureModule
{
    public int Order => 60;

    public void AddServices(IServiceCollection services) => services.AddSingleton<CockpitFreshnessCache>();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/home").WithTags("Home").RequireAuthorization(Policies.Government);
        g.MapGet("/cockpit", GetCockpit.HandleAsync).WithName("GetCockpit")
            .WithSummary("驾驶舱：本辖区（或本单位）当年目标完成、县区排名、逾期与滞后任务、临期/超期案件与新投诉、待审核事项、数据导入与数据新鲜度")
            .ShedUnderLoad(LoadShedding.Cockpit);
    }
}
