using System.Text.Json;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Registries.Agencies;

public sealed record ChangeDecisionRequest(bool? Approve, string? Reason);

/// <summary>The bureau approves an agency's change (applied to the record, audited) or refuses it with a reason.</summary>
public static class DecideAgencyChange
{
    public static async Task<Ok<AgencyChangeDto>> HandleAsync(long id, ChangeDecisionRequest req, ZhichanDb db, CurrentUser me, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var c = await db.Set<AgencyChange>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"变更申请 {id} 不存在", 404);
        var v = new Validation();
        if (req.Approve is null) v.Add("approve", "请选择通过或不通过");
        if (req.Approve == false) v.Required("reason", req.Reason, "不通过的理由");
        v.MaxLength("reason", req.Reason, 1000, "审核意见");
        v.ThrowIfInvalid();
        if (c.Status != "pending") throw new DomainException("该变更申请已审核");
        var a = await AgencyRules.FindAsync(db, c.AgencyId, ct);
        if (req.Approve!.Value)
        {
            var form = JsonSerializer.Deserialize<AgencyForm>(c.Changes, AgencyRules.Json)!;
            // a cleared field travels as null in the change; partial application needs "" to clear a text field
            foreach (var key in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.Changes, AgencyRules.Json)!.Where(kv => kv.Value.ValueKind == JsonValueKind.Null).Select(kv => kv.Key))
                typeof(AgencyForm).GetProperties().FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase) && p.PropertyType == typeof(string))?.SetValue(form, "");
            AgencyRules.Apply(a, form, partial: true);
            await AgencyRules.CheckUniqueAsync(db, a, v, ct);
            if (!v.IsValid) throw new DomainException("变更后的名称或统一社会信用代码已被另一家机构使用，请不予通过并说明理由");
        }
        (c.Status, c.Reason, c.DecidedBy, c.DecidedAt) = (req.Approve.Value ? "approved" : "refused", req.Reason?.Trim(), me.Id, DateTimeOffset.UtcNow);
        if (a.OrgUnitId is { } unit)
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage("agency_change", req.Approve.Value ? "机构信息变更已通过" : "机构信息变更未通过",
                req.Approve.Value ? "变更已生效。" : $"理由：{c.Reason}", "/registries/agencies/mine", "agency_changes", c.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        if (req.Approve.Value) await indicators.RefreshModuleIndicatorsAsync(ct, AgencyCountIndicator.IndicatorCode);
        return TypedResults.Ok(AgencyViews.ToDto(c, a.Name));
    }
}
