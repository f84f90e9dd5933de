namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="Position">the applicant's position in the record (1 = first-named)</param>
/// <param name="EntityId">the entity the applicant is; null to drop the person's decision (the rules decide again)</param>
public sealed record EntityLinkRequest(long? RecordId, int? Position, long? EntityId, string? Reason);

public sealed record EntityLinkResult(long RecordId, int Position, string PartyName, long EntityId, string Rule, string RuleLabel);

/// <summary>
/// SetEntityLink: the bureau links one applicant of one record to an entity by hand (rule 人工关联), or drops that decision.
/// The decision outlives later imports of the record (ADR 0023).
/// </summary>
public static class SetEntityLink
{
    public static async Task<Ok<EntityLinkResult>> HandleAsync(EntityLinkRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.RecordId is null) v.Add("recordId", "请指定记录");
        if (req.Position is null or < 1) v.Add("position", "请指定申请人位置（1 为第一申请人）");
        v.MaxLength("reason", req.Reason, 500, "原因").PlainText("reason", req.Reason, "原因");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EntityStructure.TakeLockAsync(conn, tx, ct);
        var party = await conn.QuerySingleOrDefaultAsync<(string? Key, string? Name)>(new CommandDefinition(
            "SELECT applicant_keys[@pos], applicants[@pos] FROM records WHERE id = @id", new { id = req.RecordId, pos = req.Position }, tx, cancellationToken: ct));
        if (party.Key is null && party.Name is null && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM records WHERE id = @id)",
                new { id = req.RecordId }, tx, cancellationToken: ct)))
            throw new DomainException($"记录 {req.RecordId} 不存在", 404);
        if (string.IsNullOrEmpty(party.Key)) throw new RequestValidationException("position", $"记录 {req.RecordId} 没有第 {req.Position} 申请人");
        long? target = null;
        if (req.EntityId is { } eid)
        {
            var t = await EntityStructure.LockAsync(conn, tx, eid, ct);
            target = t.MergedInto ?? t.Id;
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO entity_pins (record_id, party_key, entity_id, rule, decided_by) VALUES (@record, @key, @target, 'manual', @actor)
                ON CONFLICT (record_id, party_key) DO UPDATE SET entity_id = EXCLUDED.entity_id, rule = 'manual', correction_id = NULL,
                    decided_by = EXCLUDED.decided_by, decided_at = now()
                """, new { record = req.RecordId, key = party.Key, target, actor = me.Name }, tx, cancellationToken: ct));
        }
        else await conn.ExecuteAsync(new CommandDefinition("DELETE FROM entity_pins WHERE record_id = @record AND party_key = @key",
            new { record = req.RecordId, key = party.Key }, tx, cancellationToken: ct));
        var previous = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT entity_id FROM entity_links WHERE record_id = @record AND position = @pos",
            new { record = req.RecordId, pos = req.Position }, tx, cancellationToken: ct));
        await EntityResolution.RunAsync(conn, tx, new ResolutionScope.Records([req.RecordId!.Value]), ct);
        var now = await conn.QuerySingleAsync<(long EntityId, string Rule)>(new CommandDefinition(
            "SELECT entity_id, rule FROM entity_links WHERE record_id = @record AND position = @pos", new { record = req.RecordId, pos = req.Position }, tx, cancellationToken: ct));
        var summary = $"记录 {req.RecordId} 第 {req.Position} 申请人“{party.Name}”{(target is null ? "恢复按规则匹配" : "人工关联")}{(req.Reason is null ? "" : $"（{req.Reason.Trim()}）")}";
        foreach (var entity in new[] { previous, now.EntityId }.Where(x => x is not null).Distinct())
            await EntityAudit.HistoryAsync(conn, tx, entity!.Value, entity == now.EntityId ? previous : now.EntityId, "link_set", summary, null, me, ct);
        await EntityAudit.AuditAsync(conn, tx, me, "set_link", $"{req.RecordId}:{req.Position}", new { entity = previous }, new { entity = now.EntityId, now.Rule }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new EntityLinkResult(req.RecordId.Value, req.Position!.Value, party.Name ?? "", now.EntityId, now.Rule,
            LinkRules.Names.GetValueOrDefault(now.Rule, now.Rule)));
    }
}
