using Microsoft.AspNetCore.Identity;

namespace Zhichan.Api.Features.Admin;

/// <summary>
/// On first start, creates the demo jurisdiction's org units (连云港: the bureau, member units of the leading group,
/// its districts and development zone) and one demo account per role. Existing rows are never changed.
/// </summary>
public sealed class DemoAccounts(IServiceScopeFactory scopes, ZhichanOptions options, ILogger<DemoAccounts> log) : IStartupTask
{
    public int Order => 10;

    public static readonly (string Name, string Kind, string? Region)[] Units =
    [
        ("连云港市市场监督管理局（知识产权局）", OrgUnitKinds.Bureau, "320700"),
        ("连云港市中级人民法院", OrgUnitKinds.Department, "320700"),
        ("连云港市公安局", OrgUnitKinds.Department, "320700"),
        ("连云港市科学技术局", OrgUnitKinds.Department, "320700"),
        ("连云港市财政局", OrgUnitKinds.Department, "320700"),
        ("连云港市人力资源和社会保障局", OrgUnitKinds.Department, "320700"),
        ("连云港市委宣传部（市版权局）", OrgUnitKinds.Department, "320700"),
        ("国家金融监督管理总局连云港监管分局", OrgUnitKinds.Department, "320700"),
        ("连云区", OrgUnitKinds.District, "320703"),
        ("海州区", OrgUnitKinds.District, "320706"),
        ("赣榆区", OrgUnitKinds.District, "320707"),
        ("东海县", OrgUnitKinds.District, "320722"),
        ("灌云县", OrgUnitKinds.District, "320723"),
        ("灌南县", OrgUnitKinds.District, "320724"),
        ("连云港经济技术开发区", OrgUnitKinds.District, "320771"),
        ("江苏恒瑞医药股份有限公司", OrgUnitKinds.Enterprise, "320771"),
        ("示例知识产权代理事务所", OrgUnitKinds.Agency, "320706"),
        ("连云港市知识产权专家库", OrgUnitKinds.ExpertGroup, "320700"),
        ("示例银行连云港分行（演示）", OrgUnitKinds.Bank, "320700"),
    ];

    public static readonly (string Username, string DisplayName, string Role, string? Unit)[] Accounts =
    [
        ("admin", "平台管理员", Roles.Admin, null),
        ("bureau", "市局业务员", Roles.Bureau, "连云港市市场监督管理局（知识产权局）"),
        ("police", "市公安局联络员", Roles.Department, "连云港市公安局"),
        ("court", "市中级法院联络员", Roles.Department, "连云港市中级人民法院"),
        ("lianyun", "连云区联络员", Roles.District, "连云区"),
        ("haizhou", "海州区联络员", Roles.District, "海州区"),
        ("hengrui", "恒瑞医药知识产权专员", Roles.Enterprise, "江苏恒瑞医药股份有限公司"),
        ("agency", "代理机构联系人", Roles.Agency, "示例知识产权代理事务所"),
        ("expert", "技术调查官", Roles.Expert, "连云港市知识产权专家库"),
        ("bank", "示例银行信贷员", Roles.Bank, "示例银行连云港分行（演示）"),
    ];

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Name, ct);
        foreach (var (name, kind, region) in Units.Where(u => !units.ContainsKey(u.Name)))
            db.OrgUnits.Add(units[name] = new OrgUnit { Name = name, Kind = kind, RegionCode = region });
        await db.SaveChangesAsync(ct);

        var existing = (await db.Users.Select(u => u.Username).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hasher = new PasswordHasher<User>();
        var created = 0;
        foreach (var (username, display, role, unit) in Accounts.Where(a => !existing.Contains(a.Username)))
        {
            var u = new User { Username = username, DisplayName = display, Role = role, OrgUnitId = unit is null ? null : units[unit].Id };
            u.PasswordHash = hasher.HashPassword(u, options.DemoPassword);
            db.Users.Add(u);
            created++;
        }
        await db.SaveChangesAsync(ct);
        if (created > 0)
            log.LogInformation("Created {Count} demo accounts ({Names}) with the password {Password} (set ZHICHAN_DEMO_PASSWORD to choose another)",
                created, string.Join(", ", Accounts.Select(a => $"{a.Username}={a.Role}")), options.DemoPassword);
    }
}
