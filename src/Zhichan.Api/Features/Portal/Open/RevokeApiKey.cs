namespace Zhichan.Api.Features.Portal.Open;

/// <summary>Revokes a key at once (admin, audited): its next request answers 401. A revoked key cannot be restored; issue a new one.</summary>
public static class RevokeApiKey
{
    public static async Task<Ok<ApiKeyDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new DomainException("API 密钥不存在", 404);
        if (key.RevokedAt is not null) throw new DomainException($"该 API 密钥已于 {ChinaTime.Of(key.RevokedAt.Value):yyyy-MM-dd HH:mm} 撤销");
        key.RevokedAt = clock.GetUtcNow();
        key.RevokedBy = me.Name;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApiKeyViews.Dto(key, ChinaTime.Today(clock), 0));
    }
}
