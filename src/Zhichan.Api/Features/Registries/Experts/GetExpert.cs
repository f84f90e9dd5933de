using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>One expert's file (bureau): profile, employer history, declared relations, documents; ID number, phone and e-mail masked.</summary>
public static class GetExpert
{
    public static async Task<Ok<ExpertDetail>> HandleAsync(long id, ZhichanDb db, RecordsReference reference, CancellationToken ct)
    {
        var e = await ExpertQueries.FindAsync(db, id, ct, tracking: false);
        return TypedResults.Ok(await ExpertQueries.DetailAsync(db, e, reference, masked: true, ct));
    }
}
