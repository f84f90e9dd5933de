using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>The participants of an event (bureau): registration, check-in, certificate; phones masked.</summary>
public static class ListTrainingRegistrations
{
    public static async Task<Ok<RegistrationDto[]>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        if (!await db.Set<TrainingEvent>().AnyAsync(e => e.Id == id, ct)) throw new DomainException($"培训活动 {id} 不存在", 404);
        var rows = await db.Set<TrainingRegistration>().AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ToDto).ToArray());
    }

    internal static RegistrationDto ToDto(TrainingRegistration r) =>
        new(r.Id, r.Name, r.UnitName, r.Phone is null ? null : Masking.MaskPhone(r.Phone), r.UserId is not null, r.Source,
            RegistrationSources.Labels.GetValueOrDefault(r.Source, r.Source), r.RegisteredAt, r.CheckedInAt, r.CheckInMethod,
            r.CheckInMethod is null ? null : CheckInMethods.Labels.GetValueOrDefault(r.CheckInMethod, r.CheckInMethod), r.CertificateNumber,
            r.CertificateNumber is null ? null : TrainingQueries.CertificateLink(r.Id));
}
