namespace Zhichan.Api.Features.Registries.Training;

/// <summary>A participant's certificate as a Word document: the participant's own account, or the bureau; anyone else gets 404.</summary>
public static class DownloadTrainingCertificate
{
    public static async Task<FileContentHttpResult> HandleAsync(long registrationId, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var r = await db.Set<TrainingRegistration>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == registrationId, ct);
        if (r is null || !me.IsStaff && (r.UserId is null || r.UserId != me.Id)) throw new DomainException($"报名记录 {registrationId} 不存在", 404);
        if (r.CertificateNumber is null || r.CertificateIssuedAt is not { } issued) throw new DomainException("尚未颁发培训证书", 404);
        var e = await db.Set<TrainingEvent>().AsNoTracking().FirstAsync(x => x.Id == r.EventId, ct);
        var bytes = TrainingCertificate.Docx(e, r, DateOnly.FromDateTime(ChinaTime.Of(issued)));
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"培训证书-{r.CertificateNumber}-{r.Name}.docx");
    }
}
