using System.Text.Json;
using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Registries.Entities.EntityCorrections;

namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="Kind">claim ("these records are ours") or disclaim ("these are not ours")</param>
/// <param name="Positions">for a claim: which applicant of each record is this entity (record id → position); by default the
/// only applicant, or the one whose name is closest to the entity's names</param>
public sealed record CorrectionRequest(string? Kind, long[]? RecordIds, Dictionary<string, int>? Positions, string? Reason);

/// <summary>
/// RequestEntityCorrection: an enterprise tells the bureau that records are its own although they are linked elsewhere, or that
/// records linked to it are not its own. The bureau accepts or rejects (ReviewEntityCorrection); nothing changes before that.
/// </summary>
public static class RequestEntityCorrection
{
    public const int MaxRecords = 200;

    public static async Task<Created<EntityCorrectionDto>> HandleAsync(long id, CorrectionRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        CancellationToken ct)
    {
        if (!me.IsStaff && me.Role != Roles.Enterprise) throw new DomainException("更正申请由企业本单位提出（或知识产权局代为登记）", 403, "禁止访问");
        var v = new Validation();
        v.Required("kind", req.Kind, "申请类型").Required("reason", req.Reason, "申请理由").MaxLength("reason", req.Reason, 2000, "申请理由")
            .PlainText("reason", req.Reason, "申请理由");
        if (req.Kind is not null) v.OneOf("kind", req.Kind, CorrectionKinds.Names.Keys, "申请类型");
        var ids = (req.RecordIds ?? []).Distinct().ToArray();
        if (ids.Length == 0) v.Add("recordIds", "请选择记录");
        if (ids.Length > MaxRecords) v.Add("recordIds", $"一次最多 {MaxRecords} 条记录");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var parties = await PartiesAsync(conn, null, ids, ct);
        var missing = ids.Except(parties.Select(p => p.RecordId)).ToList();
        if (missing.Count > 0) throw new RequestValidationException("recordIds", $"记录不存在或没有申请人：{string.Join("、", missing)}");
        var names = new List<string> { e.Name };
        names.AddRange(await ef.Set<EntityName>().AsNoTracking().Where(n => n.EntityId == e.Id).Select(n => n.Name).ToListAsync(ct));
        var items = new List<CorrectionItem>();
        foreach (var g in parties.GroupBy(p => p.RecordId))
        {
            var number = g.First().ApplicationNumber ?? g.Key.ToString();
            if (req.Kind == CorrectionKinds.Claim)
            {
                if (g.Any(p => p.EntityId == e.Id)) v.Add("recordIds", $"记录 {number} 已关联到本主体");
                var pos = req.Positions?.GetValueOrDefault(g.Key.ToString());
                var party = pos is { } want ? g.FirstOrDefault(p => p.Pos == want)
                    : g.Count() == 1 ? g.First() : g.MaxBy(p => names.Max(n => Similarity(n, p.Name)));
                if (party is null) { v.Add("positions", $"记录 {number} 没有第 {pos} 申请人"); continue; }
                items.Add(new CorrectionItem(g.Key, (int)party.Pos, party.Key, party.Name, party.ApplicationNumber, party.Title, party.EntityId, party.EntityName));
            }
            else
            {
                var ours = g.Where(p => p.EntityId == e.Id).ToList();
                if (ours.Count == 0) v.Add("recordIds", $"记录 {number} 未关联到本主体");
                items.AddRange(ours.Select(p => new CorrectionItem(g.Key, (int)p.Pos, p.Key, p.Name, p.ApplicationNumber, p.Title, e.Id, e.Name)));
            }
        }
        v.ThrowIfInvalid();
        var pending = await ef.Set<EntityCorrection>().AsNoTracking().Where(c => c.Status == CorrectionStatus.Pending).ToListAsync(ct);
        var busy = pending.SelectMany(Items).Select(i => i.RecordId).Intersect(ids).ToList();
        if (busy.Count > 0) throw new DomainException($"记录 {string.Join("、", busy)} 已有待审核的更正申请");
        var c = new EntityCorrection
        {
            EntityId = e.Id, Kind = req.Kind!, Items = JsonSerializer.SerializeToDocument(items, JsonOptions), Reason = req.Reason!.Trim(),
            OrgUnitId = me.Role == Roles.Enterprise ? me.OrgUnitId : e.OrgUnitId, RequestedBy = me.Id, RequestedByName = me.Name,
        };
        ef.Set<EntityCorrection>().Add(c);
        EntityAudit.History(ef, e.Id, "correction_requested", $"提出更正申请：{CorrectionKinds.Names[c.Kind]}，{items.Count} 条", me);
        if (me.Role == Roles.Enterprise && await BureauAsync(ef, ct) is { } bureau)
            await Notifier.ToUnitAsync(ef, bureau, new NotificationMessage(RequestedType, $"主体更正申请：{e.Name}",
                $"{e.Name}提出{CorrectionKinds.Names[c.Kind]}，涉及 {items.Count} 条记录，请审核。", "/registries/entities/corrections", "entity_corrections"), ct);
        await ef.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/entity-corrections/{c.Id}", ToDto(c, e.Name));
    }
}
