namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// An applicant unit starts a draft for an announced call: the applicant is its unit (name, credit code, region) and the entity
/// linked to it, which the eligibility rules read. One application per unit and call (a withdrawn one may be replaced).
/// </summary>
public static class CreateProgrammeApplication
{
    public sealed record CreateRequest(long? CallId);

    public static async Task<Created<ApplicationDetail>> HandleAsync(CreateRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        if (req.CallId is not { } callId) throw new RequestValidationException("callId", "请选择申报批次");
        var call = await db.Set<ProgrammeCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.Status == "open", ct)
                   ?? throw new DomainException("申报批次不存在或未发布", 404);
        var type = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(t => t.Id == call.TypeId, ct);
        if (ProgrammeNames.ApplyingRole(type.Applicant) != me.Role)
            throw new DomainException($"本项目的申报主体为{ProgrammeNames.Applicants[type.Applicant]}，当前账号不能申报", 403, "禁止访问");
        if (ChinaTime.Today(clock) > call.ApplyTo) throw new DomainException($"申报已于 {call.ApplyTo:yyyy-MM-dd} 截止");
        var org = me.OrgUnitId ?? throw new DomainException("当前账号不属于任何单位，不能申报", 403, "禁止访问");
        if (await db.Set<ProgrammeApplication>().AnyAsync(a => a.CallId == callId && a.OrgUnitId == org && a.Status != ApplicationStates.Withdrawn, ct))
            throw new DomainException("本单位已有该批次的申报，请在“我的申报”中继续");
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == org, ct);
        var entity = await db.Database.GetDbConnection().QueryFirstOrDefaultAsync<(long Id, string? Region, string? CreditCode)?>(new CommandDefinition(
            "SELECT id, region_code, credit_code FROM entities WHERE org_unit_id = @org ORDER BY id LIMIT 1", new { org }, cancellationToken: ct));
        var a = new ProgrammeApplication
        {
            CallId = callId, OrgUnitId = org, EntityId = entity?.Id, ApplicantName = unit.Name, CreditCode = unit.CreditCode ?? entity?.CreditCode,
            RegionCode = unit.RegionCode ?? entity?.Region, CreatedBy = me.Id,
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        ApplicationWorkflow.Record(db, a, "create", me, null);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programmes/applications/{a.Id}", await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
