namespace Zhichan.Api.Features.Registries.Training;

/// <summary>The caller's own trainings: registrations, check-ins, certificates and the hours earned (学时, once checked in).</summary>
public static class ListMyTrainingRegistrations
{
    public static async Task<Ok<MyTrainingSummary>> HandleAsync(ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var uid = me.Id ?? -1;
        var rows = await (from r in db.Set<TrainingRegistration>().AsNoTracking()
                          join e in db.Set<TrainingEvent>().AsNoTracking() on r.EventId equals e.Id
                          where r.UserId == uid
                          orderby e.StartsOn descending, e.Id descending
                          select new { r, e }).ToListAsync(ct);
        var items = rows.Select(x =>
        {
            var status = TrainingQueries.Status(x.e, today);
            return new MyTrainingDto(x.r.Id, x.e.Id, x.e.Title, x.e.Organiser, x.e.StartsOn, x.e.EndsOn, x.e.Hours, status, TrainingQueries.StatusLabels[status],
                x.r.CheckedInAt, x.r.CertificateNumber, x.r.CertificateNumber is null ? null : TrainingQueries.CertificateLink(x.r.Id));
        }).ToArray();
        var attended = rows.Where(x => x.r.CheckedInAt is not null && x.e.CancelledAt is null).ToList();
        return TypedResults.Ok(new MyTrainingSummary(items, attended.Count, attended.Sum(x => x.e.Hours)));
    }
}
