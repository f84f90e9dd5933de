namespace Zhichan.Api.Features.Registries.Agencies;

public sealed record MyAnnualReportRequest(int? Year, string? Note);

/// <summary>An agency submits its annual report: dated today (after 30 June of the next year it counts as late).</summary>
public static class SubmitAnnualReport
{
    public static async Task<Created<AnnualReportDto>> HandleAsync(MyAnnualReportRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await AgencyRules.MineAsync(db, me, ct);
        return TypedResults.Created("/api/registries/agencies/mine", await RecordAnnualReport.SaveAsync(db, a, req.Year, ChinaTime.Today(clock), req.Note, me, clock, ct));
    }
}
