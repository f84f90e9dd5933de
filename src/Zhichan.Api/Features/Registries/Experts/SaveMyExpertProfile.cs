using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>What an expert maintains about themself: the profile, employer history and declared relations.</summary>
public sealed record ExpertProfileRequest(string? Name, string? IdNumber, string? Phone, string? Email, string? Title, string? Employer, string? Position,
    string? RegionCode, string[]? Specialties, string? Bio, EmploymentInput[]? Employments, RelationInput[]? Relations) : IExpertProfile;

/// <summary>
/// An expert account creates or updates its own profile. The pool's own fields (在库/停用, 技术调查官, 聘期, 聘书) stay the bureau's;
/// a new profile enters the pool active but not as an investigator until the bureau says so.
/// </summary>
public static class SaveMyExpertProfile
{
    public static async Task<Ok<ExpertDetail>> HandleAsync(ExpertProfileRequest req, ZhichanDb db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        if (me.Role != Roles.Expert || me.Id is not { } uid) throw new DomainException("只有专家账号可以维护本人的专家档案", 403, "无权访问");
        var v = new Validation();
        ExpertRules.Validate(v, req, reference);
        v.ThrowIfInvalid();
        var e = await ExpertQueries.FindByUserAsync(db, uid, ct);
        if (e is null)
        {
            e = new Expert { UserId = uid, CreatedBy = uid };
            db.Set<Expert>().Add(e);
        }
        ExpertRules.Apply(e, req);
        await ExpertRules.EnsureIdNumberFreeAsync(db, e.IdNumber, e.Id == 0 ? null : e.Id, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ExpertQueries.DetailAsync(db, e, reference, masked: false, ct));
    }
}
