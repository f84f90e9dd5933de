using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// A new navigation project (audited). Staff create every kind; an enterprise user creates 企业经营类 and 研发活动类 projects,
/// which belong to its own org unit. The expression is checked by the records search's parser (400 with the position).
/// </summary>
public static class CreateNavigationProject
{
    public static async Task<Created<NavigationProjectDto>> HandleAsync(NavigationProjectRequest req, ZhichanDb db, NpgsqlDataSource data, RecordsReference reference,
        CurrentUser me, CancellationToken ct)
    {
        if (me.Role == Roles.Enterprise && req.Kind is { } k && NavigationKinds.Names.ContainsKey(k) && !NavigationKinds.EnterpriseKinds.Contains(k))
            throw new RequestValidationException("kind", "创新主体只能建立企业经营类或研发活动类导航项目");
        if (me.Role == Roles.Enterprise && me.OrgUnitId is null) throw new DomainException("当前账号未关联单位，不能建立导航项目", 403);
        var p = new NavigationProject { OwnerId = me.Id!.Value, OwnerName = await DisplayNameAsync(db, me, ct), OrgUnitId = me.Role == Roles.Enterprise ? me.OrgUnitId : null };
        await ApplyAsync(req, p, data, reference, ct);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/analysis/navigation/{p.Id}", Dto(p, me, reference, 0));
    }
}
