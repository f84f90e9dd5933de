namespace Zhichan.Api.Features.Registries.Training;

/// <summary>Removes a registration (bureau); one with a certificate stays (the certificate was handed out).</summary>
public static class DeleteTrainingRegistration
{
    public static async Task<NoContent> HandleAsync(long id, long registrationId, ZhichanDb db, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var r = await db.Set<TrainingRegistration>().FirstOrDefaultAsync(x => x.Id == registrationId && x.EventId == id, ct)
            ?? throw new DomainException($"报名记录 {registrationId} 不存在", 404);
        if (r.CertificateNumber is not null) throw new DomainException($"已颁发证书 {r.CertificateNumber}，不能删除");
        db.Set<TrainingRegistration>().Remove(r);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TrainingAttendanceIndicator.CatalogueCode);
        return TypedResults.NoContent();
    }
}
