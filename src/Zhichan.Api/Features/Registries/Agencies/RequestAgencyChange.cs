using System.Text.Json;
using System.Text.Json.Nodes;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>
/// An agency asks to change its own record: the fields it sends that differ from the record become one pending change for
/// the bureau (applied on approval). One pending change at a time, so the bureau never decides on a stale comparison.
/// </summary>
public static class RequestAgencyChange
{
    public static async Task<Created<AgencyChangeDto>> HandleAsync(AgencyForm req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var a = await AgencyRules.MineAsync(db, me, ct);
        var v = new Validation();
        AgencyRules.Validate(req, v, partial: true);
        v.ThrowIfInvalid();
        var id = a.Id;
        if (await db.Set<AgencyChange>().AnyAsync(c => c.AgencyId == id && c.Status == "pending", ct))
            throw new DomainException("已有一项变更正在等待知识产权局审核，审核后才能提出新的变更");
        var before = JsonSerializer.SerializeToNode(AgencyRules.FormOf(a), AgencyRules.Json)!.AsObject();
        var probe = new Agency { Id = a.Id };
        AgencyRules.Apply(probe, AgencyRules.FormOf(a), partial: false);
        AgencyRules.Apply(probe, req, partial: true);
        var after = JsonSerializer.SerializeToNode(AgencyRules.FormOf(probe), AgencyRules.Json)!.AsObject();
        var sent = JsonSerializer.SerializeToNode(req, AgencyRules.Json)!.AsObject().Where(kv => kv.Value is not null).Select(kv => kv.Key).ToHashSet();
        var changes = new JsonObject();
        var was = new JsonObject();
        foreach (var key in sent.Where(k => !JsonNode.DeepEquals(before[k], after[k])))
        {
            changes[key] = after[key]?.DeepClone();
            was[key] = before[key]?.DeepClone();
        }
        if (changes.Count == 0) throw new RequestValidationException("fields", "提交的内容与登记信息相同，没有需要变更的项目");
        await AgencyRules.CheckUniqueAsync(db, probe, v, ct);
        v.ThrowIfInvalid();
        var c = new AgencyChange { AgencyId = a.Id, Changes = changes.ToJsonString(), Before = was.ToJsonString(), RequestedBy = me.Id };
        db.Set<AgencyChange>().Add(c);
        foreach (var unit in await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Bureau).Select(u => u.Id).ToListAsync(ct))
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage("agency_change", "服务机构信息变更待审核", $"{a.Name} 提交了 {changes.Count} 项信息变更。",
                "/registries/agencies?tab=changes", "agencies", a.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/agencies/changes/{c.Id}", AgencyViews.ToDto(c, a.Name));
    }
}
