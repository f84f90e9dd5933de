using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>An expert as the bureau enters it: the profile, the pool's own fields (status, investigator flag, term), the account link.</summary>
public sealed record ExpertRequest(string? Name, string? IdNumber, string? Phone, string? Email, string? Title, string? Employer, string? Position,
    string? RegionCode, string[]? Specialties, string? Bio, EmploymentInput[]? Employments, RelationInput[]? Relations,
    bool? IsActive, bool? IsInvestigator, DateOnly? AppointedOn, DateOnly? TermEndsOn, string? Note, long? UserId) : IExpertProfile;

/// <summary>Adds an expert to the pool (bureau).</summary>
public static class CreateExpert
{
    public static async Task<Created<ExpertDetail>> HandleAsync(ExpertRequest req, ZhichanDb db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        await ValidateAsync(req, null, db, reference, ct);
        var e = new Expert { CreatedBy = me.Id };
        Write(e, req);
        await ExpertRules.EnsureIdNumberFreeAsync(db, e.IdNumber, null, ct);
        db.Set<Expert>().Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/experts/{e.Id}", await ExpertQueries.DetailAsync(db, e, reference, masked: true, ct));
    }

    internal static async Task ValidateAsync(ExpertRequest req, long? expertId, ZhichanDb db, RecordsReference reference, CancellationToken ct)
    {
        var v = new Validation();
        ExpertRules.Validate(v, req, reference);
        v.MaxLength("note", req.Note?.Trim(), 1000, "备注");
        if (req.AppointedOn is { } a && req.TermEndsOn is { } t && t < a) v.Add("termEndsOn", "聘期结束日期早于聘任日期");
        if (req.UserId is { } uid)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.Role }).FirstOrDefaultAsync(ct);
            if (user is null) v.Add("userId", $"用户 {uid} 不存在");
            else if (user.Role != Roles.Expert) v.Add("userId", "只能关联专家角色的账号");
            else if (await db.Set<Expert>().AnyAsync(x => x.UserId == uid && x.Id != expertId, ct)) v.Add("userId", "该账号已关联其他专家");
        }
        v.ThrowIfInvalid();
    }

    internal static void Write(Expert e, ExpertRequest req)
    {
        ExpertRules.Apply(e, req);
        e.IsActive = req.IsActive ?? e.IsActive;
        e.IsInvestigator = req.IsInvestigator ?? e.IsInvestigator;
        e.AppointedOn = req.AppointedOn;
        e.TermEndsOn = req.TermEndsOn;
        e.Note = ExpertRules.Clean(req.Note);
        e.UserId = req.UserId;
    }
}
