using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>An entities row as the structural operations lock and change it.</summary>
internal sealed class EntityState
{
    public long Id { get; set; }
    public string MatchKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? CreditCode { get; set; }
    public string? CreditCodeException { get; set; }
    public string? RegionCode { get; set; }
    public long? OrgUnitId { get; set; }
    public bool Master { get; set; }
    public long? MergedInto { get; set; }
    public string? NameKey { get; set; }
    public string? IndustryCode { get; set; }
    public string? Scale { get; set; }
    public string? Address { get; set; }

    public string CurrentKey => NameKey ?? MatchKey;
}

public sealed record MergeOutcome(long TargetId, long SourceId, int NamesMoved, int LabelsMoved, int ContactsMoved, ResolutionOutcome Resolution);

public sealed record SplitOutcome(long EntityId, long NewEntityId, ResolutionOutcome Resolution);

/// <summary>
/// Merges, splits and names (ADR 0022): the writes that change which entity a matching key resolves to. Each runs in the
/// caller's transaction, holds the records writers' lock (taken by <see cref="EntityResolution"/>; taken first here so the
/// entity rows are read under it), keeps the invariant "every name key of an entity has an entities row that is the entity or
/// redirects to it", re-resolves the records concerned, and writes the history and the audit log.
/// </summary>
internal static class EntityStructure
{
    public static async Task<EntityState> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        var e = await conn.QuerySingleOrDefaultAsync<EntityState>(new CommandDefinition("""
            SELECT id, match_key, name, kind, credit_code, credit_code_exception, region_code, org_unit_id, master, merged_into, name_key, industry_code, scale, address
            FROM entities WHERE id = @id FOR UPDATE
            """, new { id }, tx, cancellationToken: ct)) ?? throw EntityQueries.NotFound(id);
        return e;
    }

    public static async Task<EntityState?> LockByKeyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string key, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<EntityState>(new CommandDefinition("""
            SELECT id, match_key, name, kind, credit_code, credit_code_exception, region_code, org_unit_id, master, merged_into, name_key, industry_code, scale, address
            FROM entities WHERE match_key = @key FOR UPDATE
            """, new { key }, tx, cancellationToken: ct));

    public static Task TakeLockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(AdvisoryLocks.XactLock(AdvisoryLocks.RecordWrites), transaction: tx, commandTimeout: 600, cancellationToken: ct));

    /// <summary>Whether a bureau has put data on the entity (beyond what the records gave): then it is never merged silently.</summary>
    private static async Task<bool> HasMasterDataAsync(NpgsqlConnection conn, NpgsqlTransaction tx, EntityState e, CancellationToken ct) =>
        e.CreditCode is not null || e.OrgUnitId is not null || await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM entity_labels WHERE entity_id = @id) OR EXISTS (SELECT 1 FROM entity_contacts WHERE entity_id = @id)
                OR EXISTS (SELECT 1 FROM entity_names WHERE entity_id = @id)
            """, new { id = e.Id }, tx, cancellationToken: ct));

    /// <summary>
    /// Merges <paramref name="sourceId"/> into <paramref name="targetId"/>: the source becomes a redirect (its id keeps answering,
    /// with the target), its names, labels, contacts, decisions and pending requests move to the target, its name becomes an
    /// alias of the target (unless <paramref name="addSourceNameAsAlias"/> is false: the caller registers it itself), the target
    /// takes the credit code, account and master data it lacks, and the records of both are resolved again.
    /// </summary>
    public static async Task<MergeOutcome> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long targetId, long sourceId, string reason, CurrentUser actor,
        CancellationToken ct, bool addSourceNameAsAlias = true)
    {
        await TakeLockAsync(conn, tx, ct);
        if (targetId == sourceId) throw new RequestValidationException("sourceId", "不能把主体与自身合并");
        var target = await LockAsync(conn, tx, targetId, ct);
        var source = await LockAsync(conn, tx, sourceId, ct);
        if (target.MergedInto is { } t) throw new DomainException($"主体 {targetId} 已合并到主体 {t}，请在主体 {t} 上操作");
        if (source.MergedInto is { } s) throw new DomainException($"主体 {sourceId} 已合并到主体 {s}");
        if (target.CreditCode is not null && source.CreditCode is not null && target.CreditCode != source.CreditCode)
            throw new DomainException($"两个主体的统一社会信用代码不同（{target.CreditCode} / {source.CreditCode}），不是同一主体，不能合并");
        if (target.OrgUnitId is not null && source.OrgUnitId is not null && target.OrgUnitId != source.OrgUnitId)
            throw new DomainException("两个主体分别关联了不同的企业账号单位，不能合并");
        var before = new { target, source };

        await Exec(conn, tx, "UPDATE entities SET merged_into = @t, updated_at = now() WHERE id = @s OR merged_into = @s", new { t = targetId, s = sourceId }, ct);
        // the credit code and the account move (they are unique to one entity); the rest is copied where the target lacks it
        await Exec(conn, tx, """
            UPDATE entities t SET credit_code = COALESCE(t.credit_code, s.credit_code),
                credit_code_exception = CASE WHEN t.credit_code IS NULL THEN s.credit_code_exception ELSE t.credit_code_exception END,
                credit_code_exception_by = CASE WHEN t.credit_code IS NULL THEN s.credit_code_exception_by ELSE t.credit_code_exception_by END,
                credit_code_exception_at = CASE WHEN t.credit_code IS NULL THEN s.credit_code_exception_at ELSE t.credit_code_exception_at END,
                org_unit_id = COALESCE(t.org_unit_id, s.org_unit_id), region_code = COALESCE(t.region_code, s.region_code),
                industry_code = COALESCE(t.industry_code, s.industry_code), scale = COALESCE(t.scale, s.scale), address = COALESCE(t.address, s.address),
                master = t.master OR s.master, master_source = COALESCE(t.master_source, s.master_source), master_since = COALESCE(t.master_since, s.master_since),
                updated_at = now()
            FROM entities s WHERE t.id = @t AND s.id = @s
            """, new { t = targetId, s = sourceId }, ct);
        await Exec(conn, tx, "UPDATE entities SET credit_code = NULL, credit_code_exception = NULL, org_unit_id = NULL WHERE id = @s", new { s = sourceId }, ct);
        var names = await Exec(conn, tx, "UPDATE entity_names SET entity_id = @t, moved_from = COALESCE(moved_from, @s) WHERE entity_id = @s", new { t = targetId, s = sourceId }, ct);
        var labels = await Exec(conn, tx, "UPDATE entity_labels SET entity_id = @t, moved_from = COALESCE(moved_from, @s), updated_at = now() WHERE entity_id = @s",
            new { t = targetId, s = sourceId }, ct);
        var contacts = await Exec(conn, tx, "UPDATE entity_contacts SET entity_id = @t, moved_from = COALESCE(moved_from, @s), updated_at = now() WHERE entity_id = @s",
            new { t = targetId, s = sourceId }, ct);
        await Exec(conn, tx, "UPDATE entity_pins SET entity_id = @t WHERE entity_id = @s", new { t = targetId, s = sourceId }, ct);
        await Exec(conn, tx, "UPDATE entity_corrections SET entity_id = @t WHERE entity_id = @s AND status = 'pending'", new { t = targetId, s = sourceId }, ct);
        if (addSourceNameAsAlias)
        {
            var key = ApplicantName.NormaliseForMatching(source.Name);
            if (key.Length > 0 && key != target.MatchKey && key != target.CurrentKey)
                await Exec(conn, tx, """
                    INSERT INTO entity_names (entity_id, name, name_key, kind, source, moved_from, created_by)
                    VALUES (@t, @name, @key, 'alias', @src, @s, @actor) ON CONFLICT (name_key) DO NOTHING
                    """, new { t = targetId, s = sourceId, name = source.Name, key, src = $"合并自主体 {sourceId}", actor = actor.Name }, ct);
        }
        var resolution = await EntityResolution.RunAsync(conn, tx, new ResolutionScope.Entities([targetId, sourceId]), ct);
        var detail = new { reason, names, labels, contacts, links = resolution.LinksWritten, records = resolution.Records };
        await EntityAudit.HistoryAsync(conn, tx, targetId, sourceId, "merge",
            $"合并：主体 {sourceId}“{source.Name}”并入本主体（{reason}）；重新解析 {resolution.Records} 条记录", detail, actor, ct);
        await EntityAudit.HistoryAsync(conn, tx, sourceId, targetId, "merged_into", $"并入主体 {targetId}“{target.Name}”（{reason}）", detail, actor, ct);
        await EntityAudit.AuditAsync(conn, tx, actor, "merge", $"{sourceId}->{targetId}", before, detail, ct);
        return new MergeOutcome(targetId, sourceId, names, labels, contacts, resolution);
    }

    /// <summary>
    /// Splits the names <paramref name="nameIds"/> (former names, aliases) of an entity off into an entity of their own: the
    /// entities row of the first chosen name's key — the merged entity itself when undoing a merge, so its id comes back — is
    /// made an entity again under that name; the other chosen names, the chosen labels and contacts and the decisions about
    /// those names follow; the records of both are resolved again.
    /// </summary>
    public static async Task<SplitOutcome> SplitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long entityId, long[] nameIds, long[] labelIds, long[] contactIds,
        string reason, CurrentUser actor, CancellationToken ct)
    {
        await TakeLockAsync(conn, tx, ct);
        var a = await LockAsync(conn, tx, entityId, ct);
        if (a.MergedInto is { } m) throw new DomainException($"主体 {entityId} 已合并到主体 {m}，请在主体 {m} 上操作");
        var names = (await conn.QueryAsync<(long Id, string Name, string NameKey, long? MovedFrom)>(new CommandDefinition(
            "SELECT id, name, name_key, moved_from FROM entity_names WHERE id = ANY(@nameIds) AND entity_id = @entityId ORDER BY id",
            new { nameIds, entityId }, tx, cancellationToken: ct))).ToList();
        if (nameIds.Length == 0 || names.Count != nameIds.Distinct().Count())
            throw new RequestValidationException("nameIds", "请选择本主体的曾用名或别名（拆分出去的主体以所选名称为名）");
        var rows = new Dictionary<string, EntityState>();
        foreach (var n in names)
        {
            var row = await LockByKeyAsync(conn, tx, n.NameKey, ct);
            if (row is null)
            {
                var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO entities (match_key, name, kind, region_code, merged_into) VALUES (@key, @name, @kind, @region, @a) RETURNING id
                    """, new { key = n.NameKey, name = n.Name, kind = a.Kind, region = a.RegionCode, a = entityId }, tx, cancellationToken: ct));
                row = await LockAsync(conn, tx, id, ct);
            }
            if (row.Id == entityId) throw new RequestValidationException("nameIds", $"“{n.Name}”与本主体名称的匹配键相同，不能拆分");
            rows[n.NameKey] = row;
        }
        // undoing a merge: the merged entity's own row (its id comes back); else the first chosen name's row
        var primaryName = names.FirstOrDefault(n => n.MovedFrom is { } mf && rows[n.NameKey].Id == mf) is { Id: > 0 } undo ? undo : names[0];
        var primary = rows[primaryName.NameKey];
        var keys = names.Select(n => n.NameKey).ToArray();
        var before = new { entity = a, names, labelIds, contactIds };
        await Exec(conn, tx, """
            UPDATE entities SET merged_into = NULL, name = @name, name_key = CASE WHEN match_key = @key THEN NULL ELSE @key END, kind = @kind,
                region_code = COALESCE(region_code, @region), master = true, master_source = COALESCE(master_source, 'manual'),
                master_since = COALESCE(master_since, now()), updated_at = now()
            WHERE id = @id
            """, new { id = primary.Id, name = primaryName.Name, key = primaryName.NameKey, kind = a.Kind, region = a.RegionCode }, ct);
        await Exec(conn, tx, "UPDATE entities SET merged_into = @p, updated_at = now() WHERE match_key = ANY(@keys) AND id <> @p", new { p = primary.Id, keys }, ct);
        await Exec(conn, tx, "DELETE FROM entity_names WHERE id = @id", new { id = primaryName.Id }, ct);
        await Exec(conn, tx, "UPDATE entity_names SET entity_id = @p, moved_from = NULL WHERE id = ANY(@ids) AND id <> @first",
            new { p = primary.Id, ids = names.Select(n => n.Id).ToArray(), first = primaryName.Id }, ct);
        var labels = await Exec(conn, tx, "UPDATE entity_labels SET entity_id = @p, moved_from = NULL, updated_at = now() WHERE id = ANY(@labelIds) AND entity_id = @a",
            new { p = primary.Id, labelIds, a = entityId }, ct);
        var contacts = await Exec(conn, tx, "UPDATE entity_contacts SET entity_id = @p, moved_from = NULL, updated_at = now() WHERE id = ANY(@contactIds) AND entity_id = @a",
            new { p = primary.Id, contactIds, a = entityId }, ct);
        await Exec(conn, tx, "UPDATE entity_pins SET entity_id = @p WHERE entity_id = @a AND party_key = ANY(@keys)", new { p = primary.Id, a = entityId, keys }, ct);
        var resolution = await EntityResolution.RunAsync(conn, tx, new ResolutionScope.Entities([entityId, primary.Id]), ct);
        var detail = new { reason, names = names.Select(n => n.Name).ToArray(), labels, contacts, records = resolution.Records };
        var list = string.Join("、", names.Select(n => $"“{n.Name}”"));
        await EntityAudit.HistoryAsync(conn, tx, entityId, primary.Id, "split", $"拆分：名称 {list} 拆分为主体 {primary.Id}（{reason}）", detail, actor, ct);
        await EntityAudit.HistoryAsync(conn, tx, primary.Id, entityId, "split_from", $"自主体 {entityId}“{a.Name}”拆分而来（{reason}）", detail, actor, ct);
        await EntityAudit.AuditAsync(conn, tx, actor, "split", $"{entityId}->{primary.Id}", before, detail, ct);
        return new SplitOutcome(entityId, primary.Id, resolution);
    }

    /// <summary>
    /// Registers a former name or an alias: its key gets a redirect row to the entity (so later records under that name resolve
    /// to it at import); an entity the records made under that name is merged in (its records follow); a name that belongs to
    /// another entity the bureau keeps data on is refused — merge them first.
    /// </summary>
    public static async Task<long> AddNameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long entityId, string name, string kind, DateOnly? from, DateOnly? to,
        string? source, CurrentUser actor, CancellationToken ct)
    {
        await TakeLockAsync(conn, tx, ct);
        var a = await LockAsync(conn, tx, entityId, ct);
        if (a.MergedInto is { } m) throw new DomainException($"主体 {entityId} 已合并到主体 {m}，请在主体 {m} 上操作");
        var clean = ApplicantName.Clean(name);
        var key = ApplicantName.NormaliseForMatching(clean);
        if (key.Length == 0) throw new RequestValidationException("name", "名称不能为空");
        if (key == a.CurrentKey) throw new RequestValidationException("name", "与当前名称相同（忽略标点、空格和全半角）");
        var owner = await conn.QuerySingleOrDefaultAsync<(long EntityId, string Name)>(new CommandDefinition(
            "SELECT entity_id, name FROM entity_names WHERE name_key = @key", new { key }, tx, cancellationToken: ct));
        if (owner.EntityId == entityId) throw new DomainException($"“{owner.Name}”已登记为本主体的名称");
        if (owner.EntityId != 0) throw new DomainException($"“{owner.Name}”已登记为主体 {owner.EntityId} 的名称；如为同一主体，请先合并");
        var row = await LockByKeyAsync(conn, tx, key, ct);
        if (row is null)
            await Exec(conn, tx, "INSERT INTO entities (match_key, name, kind, region_code, merged_into) VALUES (@key, @name, @kind, @region, @a)",
                new { key, name = clean, kind = a.Kind, region = a.RegionCode, a = entityId }, ct);
        else if (row.MergedInto is { } other && other != entityId)
            throw new DomainException($"“{clean}”是主体 {other} 的名称；如为同一主体，请先合并");
        else if (row.MergedInto is null && row.Id != entityId)
        {
            if (await HasMasterDataAsync(conn, tx, row, ct))
                throw new DomainException($"“{clean}”是另一主体 {row.Id}（{row.Name}）的名称，该主体已有登记信息；如为同一主体，请先合并");
            await MergeAsync(conn, tx, entityId, row.Id, $"登记{EntityNameKinds.Names[kind]}“{clean}”", actor, ct, addSourceNameAsAlias: false);
        }
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO entity_names (entity_id, name, name_key, kind, valid_from, valid_to, source, created_by)
            VALUES (@entityId, @name, @key, @kind, @from, @to, @source, @actor) RETURNING id
            """, new { entityId, name = clean, key, kind, from, to, source, actor = actor.Name }, tx, cancellationToken: ct));
        // records already stored under that name (its row redirects now) get the rule of the name
        await EntityResolution.RunAsync(conn, tx, new ResolutionScope.Entities([entityId]), ct);
        await EntityAudit.HistoryAsync(conn, tx, entityId, null, "name_added", $"登记{EntityNameKinds.Names[kind]}“{clean}”{Dates(from, to)}", new { name = clean, kind, from, to, source }, actor, ct);
        await EntityAudit.AuditAsync(conn, tx, actor, "add_name", entityId.ToString(), null, new { name = clean, kind, from, to, source }, ct);
        return id;
    }

    /// <summary>
    /// Renames an entity: the current name becomes a former name (until <paramref name="since"/>), the new name's key resolves
    /// to the entity (an entity the records made under it is merged in, as for <see cref="AddNameAsync"/>).
    /// </summary>
    public static async Task RenameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long entityId, string newName, DateOnly? since, CurrentUser actor, CancellationToken ct)
    {
        await TakeLockAsync(conn, tx, ct);
        var a = await LockAsync(conn, tx, entityId, ct);
        var clean = ApplicantName.Clean(newName);
        var key = ApplicantName.NormaliseForMatching(clean);
        if (key.Length == 0) throw new RequestValidationException("name", "名称不能为空");
        if (clean == a.Name) return;
        if (key == a.CurrentKey)
        {
            // the same name written otherwise (punctuation, width): only the display changes
            await Exec(conn, tx, "UPDATE entities SET name = @clean, updated_at = now() WHERE id = @entityId", new { clean, entityId }, ct);
        }
        else
        {
            var own = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT id FROM entity_names WHERE name_key = @key AND entity_id = @entityId", new { key, entityId }, tx, cancellationToken: ct));
            if (own is { } nameId) await Exec(conn, tx, "DELETE FROM entity_names WHERE id = @nameId", new { nameId }, ct);
            else if (key != a.MatchKey) await AddNameAsync(conn, tx, entityId, clean, EntityNameKinds.Alias, null, null, null, actor, ct);
            await Exec(conn, tx, "DELETE FROM entity_names WHERE name_key = @key AND entity_id = @entityId", new { key, entityId }, ct);
            // the old name: a former name until the day before the new one
            await Exec(conn, tx, """
                INSERT INTO entity_names (entity_id, name, name_key, kind, valid_to, source, created_by) VALUES (@entityId, @name, @oldKey, 'former', @to, '更名', @actor)
                ON CONFLICT (name_key) DO NOTHING
                """, new { entityId, name = a.Name, oldKey = a.CurrentKey, to = since?.AddDays(-1), actor = actor.Name }, ct);
            await Exec(conn, tx, "UPDATE entities SET name = @clean, name_key = CASE WHEN match_key = @key THEN NULL ELSE @key END, updated_at = now() WHERE id = @entityId",
                new { clean, key, entityId }, ct);
            // the old current key must resolve here too (it may be the match key itself, which always does)
            await EntityResolution.RunAsync(conn, tx, new ResolutionScope.Entities([entityId]), ct);
        }
        await EntityAudit.HistoryAsync(conn, tx, entityId, null, "renamed", $"更名：“{a.Name}”→“{clean}”{(since is null ? "" : $"（{since:yyyy-MM-dd} 起）")}",
            new { from = a.Name, to = clean, since }, actor, ct);
        await EntityAudit.AuditAsync(conn, tx, actor, "rename", entityId.ToString(), new { name = a.Name }, new { name = clean, since }, ct);
    }

    private static string Dates(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? "" : $"（{from?.ToString("yyyy-MM-dd") ?? "…"} 至 {to?.ToString("yyyy-MM-dd") ?? "今"}）";

    private static Task<int> Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object? args, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(sql, args, tx, 600, cancellationToken: ct));
}
