using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// ImportEntities: the entity list users keep in Excel (Chinese headers, <see cref="EntitySheet.Columns"/>). A row matches its
/// entity by credit code, else by name (its matching key, former names and aliases included); it creates the entity otherwise.
/// Filled cells overwrite, empty ones keep; names, a contact and a label (one per row: several rows may name the same entity)
/// are added. A row with any error — a credit code failing GB 32100 among them — is rejected whole, with each reason.
/// </summary>
public static class ImportEntities
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, NpgsqlDataSource db, CurrentUser me, IndicatorComputer computer, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new RequestValidationException("file", "请选择 Excel 文件（.xlsx）");
        if (file.Length > MaxBytes) throw new RequestValidationException("file", "文件不能超过 10 MB");
        byte[] bytes;
        using (var ms = new MemoryStream())
        {
            await file.CopyToAsync(ms, ct);
            bytes = ms.ToArray();
        }
        var rows = SheetImport.Read(bytes, EntitySheet.Columns);
        await using var conn = await db.OpenConnectionAsync(ct);
        var regions = (await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition("SELECT code, name FROM ref_regions", cancellationToken: ct))).ToList();
        var industries = (await conn.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT code FROM ref_industries", cancellationToken: ct))).ToHashSet();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EntityStructure.TakeLockAsync(conn, tx, ct);
        int created = 0, updated = 0, rejected = 0;
        var errors = new List<SheetRowError>();
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string field, string reason) => rowErrors.Add(new SheetRowError(row.Number, EntitySheet.Label(field), row[field], reason));
            var parsed = Parse(row, regions, industries, Err);
            if (rowErrors.Count == 0)
            {
                await tx.SaveAsync("row", ct);
                try
                {
                    var isNew = await ApplyAsync(conn, tx, row, parsed!, me, ct);
                    await tx.ReleaseAsync("row", ct);
                    if (isNew) created++; else updated++;
                    continue;
                }
                catch (Exception e) when (e is DomainException or RequestValidationException)
                {
                    await tx.RollbackAsync("row", ct);
                    Err("name", e is RequestValidationException rv ? string.Join("；", rv.Errors.SelectMany(x => x.Value)) : e.Message);
                }
            }
            rejected++;
            errors.AddRange(rowErrors);
        }
        await AuditLog.WriteAsync(conn, tx, me, "import", "entities", null, null, new { file = file.FileName, created, updated, rejected }, ct);
        await tx.CommitAsync(ct);
        await LabelIndicator.RefreshAsync(computer, ct);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }

    private sealed record Parsed(string Name, string Key, string? Code, string? Kind, string? Region, string? Industry, string? Scale, EntityLabelRequest? Label);

    private static Parsed? Parse(SheetRow row, List<(string Code, string Name)> regions, HashSet<string> industries, Action<string, string> err)
    {
        var name = ApplicantName.Clean(row["name"]);
        var key = ApplicantName.NormaliseForMatching(name);
        if (key.Length == 0) err("name", "主体名称不能为空");
        else if (name.Length > 200) err("name", "主体名称不能超过 200 个字符");
        string? code = null;
        if (row["creditCode"] is { } rawCode)
        {
            code = CreditCodes.Normalise(rawCode);
            if (CreditCodes.Problem(code) is { } problem) err("creditCode", problem);
        }
        string? kind = null;
        if (row["kind"] is { } k && (kind = EntityKinds.Parse(k)) is null) err("kind", $"主体类型应为：{string.Join("、", EntityKinds.Names.Values)}");
        string? region = null;
        if (row["region"] is { } r)
        {
            if (regions.Any(x => x.Code == r)) region = r;
            else
            {
                var byName = regions.Where(x => x.Name == r).ToList();
                if (byName.Count == 1) region = byName[0].Code;
                else err("region", byName.Count > 1 ? $"“{r}”有重名，请填写 6 位行政区划代码" : $"行政区划“{r}”不存在（填写 6 位代码或区县全称）");
            }
        }
        var industry = row["industry"]?.ToUpperInvariant();
        if (industry is not null && !industries.Contains(industry)) err("industry", $"国民经济行业代码“{industry}”不存在（GB/T 4754，如 C27）");
        string? scale = null;
        if (row["scale"] is { } s && (scale = EntityScales.Parse(s)) is null) err("scale", "企业规模应为：大型、中型、小型、微型");
        EntityLabelRequest? label = null;
        if (row["label"] is { } l)
        {
            var labelKind = LabelKinds.Parse(l);
            if (labelKind is null) err("label", $"标签应为：{string.Join("、", LabelKinds.Names.Values)}");
            string? level = null;
            if (row["labelLevel"] is { } lv && (level = LabelLevels.Parse(lv)) is null) err("labelLevel", "级别应为：国家级、省级、市级");
            var from = EntitySheet.ParseDate(row["labelFrom"], out var okFrom);
            if (!okFrom) err("labelFrom", "日期格式应为 2024-01-31");
            var to = EntitySheet.ParseDate(row["labelTo"], out var okTo);
            if (!okTo) err("labelTo", "日期格式应为 2024-01-31");
            if (labelKind is not null && okFrom && okTo)
            {
                label = new EntityLabelRequest(labelKind, level, from, to, row["certificateNumber"], row["certifyingBody"], row["labelSource"]);
                var v = new Validation();
                AddEntityLabel.Validate(label, v);
                try { v.ThrowIfInvalid(); }
                catch (RequestValidationException e)
                {
                    foreach (var (field, messages) in e.Errors)
                        err(field switch { "validFrom" => "labelFrom", "validTo" => "labelTo", "source" => "labelSource", "level" => "labelLevel", "kind" => "label", _ => field },
                            string.Join("；", messages));
                }
            }
        }
        if (row["contactEmail"] is { } mail && !new Validation().Email("e", mail, "电子邮箱").IsValid) err("contactEmail", "电子邮箱格式不正确");
        if ((row["contactPhone"] is not null || row["contactEmail"] is not null) && row["contactName"] is null) err("contactName", "填写了联系方式时请填写联系人");
        return key.Length == 0 ? null : new Parsed(name, key, code, kind, region, industry, scale, label);
    }

    /// <summary>Creates or updates the row's entity with its names, contact and label; true when created.</summary>
    private static async Task<bool> ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SheetRow row, Parsed p, CurrentUser me, CancellationToken ct)
    {
        long? id = p.Code is null ? null : await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM entities WHERE credit_code = @code AND merged_into IS NULL", new { code = p.Code }, tx, cancellationToken: ct));
        var byKey = await EntityStructure.LockByKeyAsync(conn, tx, p.Key, ct);
        var keyEntity = byKey?.MergedInto ?? byKey?.Id;
        if (id is not null && keyEntity is not null && keyEntity != id)
        {
            // the code names one entity, the name another: the records' entity under this name joins the code's one unless it has data of its own
            var other = await EntityStructure.LockAsync(conn, tx, keyEntity.Value, ct);
            if (other.CreditCode is not null || other.Master && other.OrgUnitId is not null)
                throw new DomainException($"统一社会信用代码属于主体 {id}，名称却是主体 {keyEntity}（{other.Name}）");
        }
        var isNew = false;
        if (id is null && keyEntity is not null)
        {
            var e = await EntityStructure.LockAsync(conn, tx, keyEntity.Value, ct);
            if (p.Code is not null && e.CreditCode is not null && e.CreditCode != p.Code)
                throw new DomainException($"主体 {e.Id}（{e.Name}）已登记统一社会信用代码 {e.CreditCode}，与本行不同");
            id = e.Id;
        }
        if (id is null)
        {
            isNew = true;
            id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO entities (match_key, name, kind, credit_code, region_code, industry_code, scale, address, master, master_source, master_since)
                VALUES (@key, @name, @kind, @code, @region, @industry, @scale, @address, true, 'import', now()) RETURNING id
                """, new
            {
                key = p.Key, name = p.Name, kind = p.Kind ?? ApplicantName.Classify(p.Name), code = p.Code, region = p.Region, industry = p.Industry, scale = p.Scale,
                address = row["address"],
            }, tx, cancellationToken: ct));
        }
        else
        {
            var e = await EntityStructure.LockAsync(conn, tx, id.Value, ct);
            if (keyEntity is not null && keyEntity != id) await EntityStructure.MergeAsync(conn, tx, id.Value, keyEntity.Value, $"Excel 导入第 {row.Number} 行：同一统一社会信用代码", me, ct);
            else if (keyEntity is null) await EntityStructure.RenameAsync(conn, tx, id.Value, p.Name, null, me, ct);
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE entities SET credit_code = COALESCE(@code, credit_code), kind = COALESCE(@kind, kind), region_code = COALESCE(@region, region_code),
                    industry_code = COALESCE(@industry, industry_code), scale = COALESCE(@scale, scale), address = COALESCE(@address, address),
                    master = true, master_source = COALESCE(master_source, 'import'), master_since = COALESCE(master_since, now()), updated_at = now()
                WHERE id = @id
                """, new { code = p.Code, kind = p.Kind, region = p.Region, industry = p.Industry, scale = p.Scale, address = row["address"], id }, tx, cancellationToken: ct));
            _ = e;
        }
        var entityId = id.Value;
        var known = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT name_key FROM entity_names WHERE entity_id = @entityId UNION SELECT match_key FROM entities WHERE id = @entityId UNION SELECT name_key FROM entities WHERE id = @entityId AND name_key IS NOT NULL",
            new { entityId }, tx, cancellationToken: ct))).ToHashSet();
        foreach (var (field, kind) in new[] { ("formerNames", EntityNameKinds.Former), ("aliases", EntityNameKinds.Alias) })
            foreach (var n in EntitySheet.Names(row[field]))
                if (known.Add(ApplicantName.NormaliseForMatching(n)))
                    await EntityStructure.AddNameAsync(conn, tx, entityId, n, kind, null, null, $"Excel 导入第 {row.Number} 行", me, ct);
        if (row["contactName"] is { } contact)
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO entity_contacts (entity_id, name, phone, email)
                SELECT @entityId, @contact, @phone, @email WHERE NOT EXISTS (SELECT 1 FROM entity_contacts WHERE entity_id = @entityId AND name = @contact
                    AND phone IS NOT DISTINCT FROM @phone AND email IS NOT DISTINCT FROM @email)
                """, new { entityId, contact, phone = row["contactPhone"], email = row["contactEmail"] }, tx, cancellationToken: ct));
        if (p.Label is { } l)
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO entity_labels (entity_id, kind, level, valid_from, valid_to, certificate_number, certifying_body, source, origin, created_by)
                SELECT @entityId, @Kind, @level, @ValidFrom, @ValidTo, @cert, @body, @Source, 'import', @actor
                WHERE NOT EXISTS (SELECT 1 FROM entity_labels WHERE entity_id = @entityId AND kind = @Kind AND level IS NOT DISTINCT FROM @level
                    AND valid_from = @ValidFrom AND certificate_number IS NOT DISTINCT FROM @cert)
                """, new
            {
                entityId, l.Kind, level = LabelKinds.Levelled.Contains(l.Kind!) ? l.Level : null, l.ValidFrom, l.ValidTo, cert = EntityRules.Blank(l.CertificateNumber),
                body = EntityRules.Blank(l.CertifyingBody), Source = l.Source!.Trim(), actor = me.Name,
            }, tx, cancellationToken: ct));
        await EntityAudit.HistoryAsync(conn, tx, entityId, null, isNew ? "imported" : "import_updated", isNew ? $"Excel 导入第 {row.Number} 行：登记入主体库" : $"Excel 导入第 {row.Number} 行：更新主体信息",
            null, me, ct);
        return isNew;
    }
}
