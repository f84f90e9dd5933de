using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

/// <summary>Withdraws a published disclosure.</summary>
public static class WithdrawDisclosure
{
    public static async Task<Ok<DisclosureDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<Disclosure>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"公开信息 {id} 不存在", 404);
        if (d.PublishedAt is null) throw new DomainException("尚未发布");
        d.PublishedAt = null; d.WithdrawnAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(d));
    }

    // only the masked title, summary and text are ever selected for a public answer (ADR 0204, 0208)
}
