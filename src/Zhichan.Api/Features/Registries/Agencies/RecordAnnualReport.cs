namespace Zhichan.Api.Features.Registries.Agencies;

public sealed record AnnualReportRequest(int? Year, DateOnly? SubmittedOn, string? Note);

/// <summary>The bureau records an agency's annual report and the day it was submitted (late ones count in the grade).</summary>
public static class RecordAnnualReport
{
    public static async Task<Created<AnnualReportDto>> HandleAsync(long id, AnnualReportRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await AgencyRules.FindAsync(db, id, ct);
        return TypedResults.Created($"/api/registries/agencies/{id}", await SaveAsync(db, a, req.Year, req.SubmittedOn ?? ChinaTime.Today(clock), req.Note, me, clock, ct));
    }

    internal static async Task<AnnualReportDto> SaveAsync(ZhichanDb db, Agency a, int? year, DateOnly submittedOn, string? note, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var v = new Validation();
        if (year is not { } y || y < 2000 || y >= today.Year + 1) v.Add("year", $"报告年度应在 2000 至 {today.Year} 之间");
        if (submittedOn > today) v.Add("submittedOn", "报送日期不能晚于今天");
        if (year is { } yy && submittedOn.Year < yy) v.Add("submittedOn", "报送日期不能早于报告年度");
        v.MaxLength("note", note, 500, "备注");
        v.ThrowIfInvalid();
        var id = a.Id;
        if (await db.Set<AgencyAnnualReport>().AnyAsync(r => r.AgencyId == id && r.Year == year, ct)) throw new DomainException($"{year} 年度报告已报送");
        var r = new AgencyAnnualReport { AgencyId = a.Id, Year = year!.Value, SubmittedOn = submittedOn, DueOn = AgencyRules.AnnualReportDue(year.Value), Note = note?.Trim(), RecordedBy = me.Id };
        db.Set<AgencyAnnualReport>().Add(r);
        await db.SaveChangesAsync(ct);
        return new AnnualReportDto(r.Id, r.Year, r.SubmittedOn, r.DueOn, r.SubmittedOn > r.DueOn, r.Note);
    }
}
