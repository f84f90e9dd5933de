using Zhichan.Api.Features.Registries.Experts;
using static Zhichan.Api.Features.Protection.Cases.CaseExperts;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>The technical investigators of the expert pool a case may appoint, each with the avoidance check against its parties.</summary>
public static class ListCaseExperts
{
    public static async Task<Ok<ExpertDto[]>> HandleAsync(long id, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await CaseQueries.FindHandleableAsync(db, me, id, ct);
        var pool = await ExpertPool.InvestigatorsAsync(db, ct);
        var conflicts = await ConflictsAsync(db, c, pool.Select(e => e.Id).ToArray(), Deadlines.Today(clock), ct);
        var units = await AccountUnitsAsync(db, pool.Where(e => e.UserId is not null).Select(e => e.UserId!.Value), ct);
        return TypedResults.Ok(pool.Select(e => new ExpertDto(e.Id, e.UserId, e.Name, e.Title,
            e.Employer ?? (e.UserId is { } u ? units.GetValueOrDefault(u) : null), e.Specialties.Select(ExpertSpecialties.Label).ToArray(), e.IsExample,
            conflicts.GetValueOrDefault(e.Id))).ToArray());
    }
}
