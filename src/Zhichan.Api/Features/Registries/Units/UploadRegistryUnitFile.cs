namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Attaches a file to a pilot unit, an evaluation, a GI, a plant variety or a 非遗 item.</summary>
public static class UploadRegistryUnitFile
{
    public static async Task<Created<UnitFileDto>> HandleAsync(string owner, long ownerId, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? description,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        if (!UnitFiles.Owners.TryGetValue(owner, out var what)) throw new DomainException($"附件所属类别“{owner}”不存在", 404);
        await using var conn = await db.OpenConnectionAsync(ct);
        _ = await UnitFiles.OwnerRegionsAsync(conn, owner, ownerId) ?? throw new DomainException($"{what} {ownerId} 不存在", 404);
        var dto = await UnitFiles.StoreAsync(conn, owner, ownerId, file, description, me, ct);
        return TypedResults.Created(dto.DownloadLink, dto);
    }
}
