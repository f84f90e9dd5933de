namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>
/// Demo data (ADR 0024): no real agency list is available offline, so the register holds only the demo account's unit
/// 示例知识产权代理事务所, marked as an example (no credit code, no figures) and never counted by the indicator.
/// </summary>
public sealed class AgencyDemo(IServiceScopeFactory scopes, ZhichanOptions options) : IStartupTask
{
    public const string ExampleUnit = "示例知识产权代理事务所";
    public int Order => 60;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == ExampleUnit && u.Kind == OrgUnitKinds.Agency, ct);
        if (unit is null || await db.Set<Agency>().AnyAsync(a => a.OrgUnitId == unit.Id || a.Name == ExampleUnit, ct)) return;
        db.Set<Agency>().Add(new Agency
        {
            OrgUnitId = unit.Id, Name = unit.Name, Kinds = ["agency"], RegionCode = unit.RegionCode, IsExample = true,
            Services = "示例数据：演示账号 agency 所在单位，用于演示机构自行维护信息、年度报告、分级分类评价与异议。",
            Note = "示例数据，并非真实的服务机构；不计入服务机构数指标。",
        });
        await db.SaveChangesAsync(ct);
    }
}
