namespace Zhichan.Api.Features.Registries.Training;

public sealed record CertificatesIssued(long EventId, int Issued, int Certified, int CheckedIn);

/// <summary>
/// Issues certificates (bureau) to every checked-in participant of an event that has none yet: numbers PX{year}-{event}-{seq}, in
/// the order of check-in. Once the event has begun; only attendees get one.
/// </summary>
public static class IssueTrainingCertificates
{
    public static async Task<Ok<CertificatesIssued>> HandleAsync(long id, ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        var e = await db.Set<TrainingEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);
        if (e.CancelledAt is not null) throw new DomainException("培训已取消");
        if (ChinaTime.Today(clock) < e.StartsOn) throw new DomainException("培训尚未开始，不能颁发证书");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TrainingQueries.LockEventAsync(db, id, ct);
        var attendees = await db.Set<TrainingRegistration>().Where(r => r.EventId == id && r.CheckedInAt != null).OrderBy(r => r.CheckedInAt).ThenBy(r => r.Id).ToListAsync(ct);
        if (attendees.Count == 0) throw new DomainException("还没有人签到，没有可颁发的证书");
        var seq = attendees.Count(r => r.CertificateNumber is not null);
        var issued = 0;
        foreach (var r in attendees.Where(r => r.CertificateNumber is null))
        {
            r.CertificateNumber = TrainingCertificate.Number(e.StartsOn, e.Id, ++seq);
            r.CertificateIssuedAt = DateTimeOffset.UtcNow;
            issued++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CertificatesIssued(id, issued, seq, attendees.Count));
    }
}
