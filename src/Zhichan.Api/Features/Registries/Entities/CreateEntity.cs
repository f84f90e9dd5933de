using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// CreateEntity: registers an entity by hand. When the records already name it (same matching key) that entity — with its id
/// and its records — enters the register instead of a duplicate; a name that is another entity's former name or alias, or an
/// entity already registered, is a conflict.
/// </summary>
public static class CreateEntity
{
    public static async Task<Created<EntityDetail>> HandleAsync(EntityRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var code = await EntityRules.ValidateAsync(conn, req, null, ct);
        var name = ApplicantName.Clean(req.Name);
        var key = ApplicantName.NormaliseForMatching(name);
        if (key.Length == 0) throw new RequestValidationException("name", "主体名称不能只有标点");
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EntityStructure.TakeLockAsync(conn, tx, ct);
        var existing = await EntityStructure.LockByKeyAsync(conn, tx, key, ct);
        if (existing?.MergedInto is { } owner) throw new DomainException($"“{name}”是主体 {owner} 的曾用名、别名或已并入该主体，请在主体 {owner} 上维护");
        if (existing is { Master: true }) throw new DomainException($"主体库中已有“{existing.Name}”（主体 {existing.Id}）");
        await EntityRules.CheckUniqueAsync(conn, tx, existing?.Id, code, req.OrgUnitId, ct);
        var args = new
        {
            key, name, kind = req.Kind, code, region = EntityRules.Blank(req.RegionCode), industry = EntityRules.Blank(req.IndustryCode), scale = req.Scale,
            address = EntityRules.Blank(req.Address), note = EntityRules.Blank(req.Note), unit = req.OrgUnitId,
        };
        long id;
        if (existing is null)
            id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO entities (match_key, name, kind, credit_code, region_code, industry_code, scale, address, note, org_unit_id, master, master_source, master_since)
                VALUES (@key, @name, @kind, @code, @region, @industry, @scale, @address, @note, @unit, true, 'manual', now()) RETURNING id
                """, args, tx, cancellationToken: ct));
        else
        {
            id = existing.Id;
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE entities SET name = @name, kind = @kind, credit_code = @code, region_code = COALESCE(@region, region_code), industry_code = @industry,
                    scale = @scale, address = @address, note = @note, org_unit_id = @unit, master = true, master_source = 'manual', master_since = now(), updated_at = now()
                WHERE id = @id
                """, new { args.name, args.kind, args.code, args.region, args.industry, args.scale, args.address, args.note, args.unit, id }, tx, cancellationToken: ct));
        }
        await EntityAudit.HistoryAsync(conn, tx, id, null, "registered", existing is null ? "登记入主体库" : "登记入主体库（记录中已有该申请人，沿用其主体编号）", null, me, ct);
        await EntityAudit.AuditAsync(conn, tx, me, "create", id.ToString(), existing, args, ct);
        await tx.CommitAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        return TypedResults.Created($"/api/registries/entities/{id}", await EntityQueries.DetailAsync(conn, ef, e, null, false, ct));
    }
}
