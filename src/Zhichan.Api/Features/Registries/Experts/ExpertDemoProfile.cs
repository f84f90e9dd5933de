namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// The demo account <c>expert</c> (unit 连云港市知识产权专家库) gets an expert row marked 示例, flagged as technical investigator so
/// that the protection demo can appoint it. Nothing else is invented: no real expert, talent or training data exists in the
/// public data folder, so the other registers start empty and say so.
/// </summary>
public sealed class ExpertDemoProfile(IServiceScopeFactory scopes, ZhichanOptions options) : IStartupTask
{
    public const string DemoUsername = "expert";
    public const string ExampleNote = "示例：演示账号 expert 的专家档案，不是真实专家。专家本人可在“专家库”页面维护档案和利害关系申报。";

    /// <summary>After the demo accounts (order 10).</summary>
    public int Order => 20;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var user = await db.Users.AsNoTracking().Where(u => u.Username == DemoUsername && u.Role == Roles.Expert)
            .Select(u => new { u.Id, u.DisplayName, Region = u.OrgUnit != null ? u.OrgUnit.RegionCode : null }).FirstOrDefaultAsync(ct);
        if (user is null) return;
        var row = await db.Set<Expert>().FirstOrDefaultAsync(e => e.UserId == user.Id, ct);
        if (row is null)
            db.Set<Expert>().Add(new Expert
            {
                UserId = user.Id, Name = user.DisplayName, RegionCode = user.Region, Specialties = ["G", "patent_agency"], IsInvestigator = true,
                IsExample = true, Note = ExampleNote,
            });
        else if (!row.IsExample)
        {
            row.IsExample = true;
            row.Note = ExampleNote;
        }
        await db.SaveChangesAsync(ct);
    }
}
