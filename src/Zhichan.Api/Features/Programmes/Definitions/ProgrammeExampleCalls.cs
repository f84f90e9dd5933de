namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// Demo only (ZHICHAN_DEMO): two open calls marked 示例 (is_example, title ending （示例）) — 示范企业认定 and 贯标资助 — so that
/// the programme pages are not empty on a fresh platform. No figure of them is presented as fact: budget and quotas stay empty.
/// Created once; a call the bureau removed or closed is not recreated.
/// </summary>
public sealed class ProgrammeExampleCalls(IServiceScopeFactory scopes, ZhichanOptions options, TimeProvider clock) : IStartupTask
{
    public int Order => 61;

    public static readonly (string Code, string Title)[] Examples =
    [
        ("ip_demo_enterprise", "知识产权示范企业认定（示例）"),
        ("ip_compliance_subsidy", "企业知识产权合规管理体系认证资助（示例）"),
    ];

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var today = ChinaTime.Today(clock);
        foreach (var (code, title) in Examples)
        {
            var type = await db.Set<ProgrammeType>().FirstOrDefaultAsync(t => t.Code == code, ct);
            if (type is null || await db.Set<ProgrammeCall>().AnyAsync(c => c.TypeId == type.Id && c.IsExample, ct)) continue;
            db.Add(new ProgrammeCall
            {
                TypeId = type.Id, Year = today.Year, Title = $"{today.Year} 年{title}", Status = "open", RegionCode = "320700",
                Announcement = "示例批次：用于演示申报流程，不是真实通知。名额和预算未设定。",
                ApplyFrom = today.AddDays(-7), ApplyTo = today.AddDays(60), CheckTo = today.AddDays(75), ReviewFrom = today.AddDays(76), ReviewTo = today.AddDays(90),
                PublicityFrom = today.AddDays(91), PublicityTo = today.AddDays(100), DecideBy = today.AddDays(110), PublishedAt = DateTimeOffset.UtcNow, IsExample = true,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
