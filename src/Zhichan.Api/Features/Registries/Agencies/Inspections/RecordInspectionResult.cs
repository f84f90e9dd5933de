namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectionResultRequest(string? Outcome, string? Findings, DateOnly? InspectedOn);

/// <summary>Records (or corrects, until published) the result of inspecting one drawn target.</summary>
public static class RecordInspectionResult
{
    public static async Task<Ok<InspectionResultDto>> HandleAsync(long id, long agencyId, InspectionResultRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var d = await db.Set<InspectionDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"抽查 {id} 不存在", 404);
        if (!DrawViews.ResultOf(d).Any(a => a.AgencyId == agencyId)) throw new DomainException($"服务机构 {agencyId} 不是本次抽查的对象", 404);
        if (d.Status != "drawn") throw new DomainException("该抽查已被重新抽取取代，请在新的抽查中录入结果");
        var v = new Validation();
        v.Required("outcome", req.Outcome, "检查结果").OneOf("outcome", req.Outcome, DrawViews.Outcomes.Keys, "检查结果").MaxLength("findings", req.Findings, 4000, "检查情况")
            .PlainText("findings", req.Findings, "检查情况");
        if (req.Outcome is "rectify" or "failed" && string.IsNullOrWhiteSpace(req.Findings)) v.Add("findings", "责令整改或不合格时请写明发现的问题");
        if (req.InspectedOn is not { } day) v.Add("inspectedOn", "请填写检查日期");
        else if (day > ChinaTime.Today(clock)) v.Add("inspectedOn", "检查日期不能晚于今天");
        v.ThrowIfInvalid();
        var r = await db.Set<InspectionResult>().FirstOrDefaultAsync(x => x.DrawId == id && x.AgencyId == agencyId, ct);
        if (r?.PublishedAt is not null) throw new DomainException("该结果已公示，不能修改");
        if (r is null) db.Set<InspectionResult>().Add(r = new InspectionResult { DrawId = id, AgencyId = agencyId });
        (r.Outcome, r.Findings, r.InspectedOn, r.RecordedBy, r.RecordedAt) = (req.Outcome!, req.Findings?.Trim() ?? "", req.InspectedOn!.Value, me.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new InspectionResultDto(agencyId, r.Outcome, DrawViews.Outcomes[r.Outcome], r.Findings, r.InspectedOn, r.PublishedAt));
    }
}
