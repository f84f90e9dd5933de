using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>Changes a project's name, kind and scope (audited); published versions keep what they showed.</summary>
public static class UpdateNavigationProject
{
    public static async Task<Ok<NavigationProjectDto>> HandleAsync(long id, NavigationProjectRequest req, ZhichanDb db, NpgsqlDataSource data,
        RecordsReference reference, CurrentUser me, CancellationToken ct)
    {
        var p = await FindAsync(db, me, id, ct, track: true);
        if (!CanEdit(p, me)) throw new DomainException("只有知识产权局或项目所属单位可以修改导航项目", 403);
        if (me.Role == Roles.Enterprise && req.Kind is { } k && NavigationKinds.Names.ContainsKey(k) && !NavigationKinds.EnterpriseKinds.Contains(k))
            throw new RequestValidationException("kind", "创新主体只能建立企业经营类或研发活动类导航项目");
        await ApplyAsync(req, p, data, reference, ct);
        p.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(p, me, reference, await db.Set<NavigationVersion>().CountAsync(v => v.ProjectId == id, ct)));
    }
}
