namespace Zhichan.Api.Features.Programmes;

/// <summary>One programme type with its whole definition (form, attachments, declarations, rules with their sources, scoring sheet,
/// levels) and its calls; an inactive type is visible to the bureau only.</summary>
public static class GetProgramme
{
    public sealed record ProgrammeDetail(ProgrammeSummary Programme, ProgrammeDefinition Definition);

    public static async Task<Ok<ProgrammeDetail>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var t = await db.Set<ProgrammeType>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (me.IsStaff || x.IsActive), ct)
                ?? throw new DomainException("申报项目不存在", 404);
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => c.TypeId == id && (me.IsStaff ? c.Status != "cancelled" : c.Status == "open"))
            .OrderByDescending(c => c.Year).ThenBy(c => c.Id).ToListAsync(ct);
        var regions = await ProgrammeViews.RegionNamesAsync(db, calls.Select(c => c.RegionCode), ct);
        var today = ChinaTime.Today(clock);
        return TypedResults.Ok(new ProgrammeDetail(ProgrammeViews.Summary(t, calls.Select(c => ProgrammeViews.Call(c, t, regions, today)).ToList()), t.Parsed()));
    }
}
