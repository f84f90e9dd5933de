using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

/// <summary>Publishes a disclosure.</summary>
public static class PublishDisclosure
{
    public static async Task<Ok<DisclosureDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<Disclosure>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"公开信息 {id} 不存在", 404);
        if (d.PublishedAt is not null) throw new DomainException("已发布");
        d.PublishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(d));
    }
}
