using System.Text.Json;
using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Registries.Entities.EntityCorrections;

namespace Zhichan.Api.Features.Registries.Entities;

public sealed record CorrectionReview(bool? Accept, string? Note);

/// <summary>
/// ReviewEntityCorrection: the bureau accepts or rejects a correction request. Accepting a claim links each named applicant to
/// the entity (rule 更正申请); accepting a disclaim links each of them to an entity of its own (a namesake, which the bureau can
/// later merge where it belongs). Either way the decision is kept for the record, so a later import does not undo it
/// (ADR 0023); the records are resolved again at once and the enterprise is notified.
/// </summary>
public static class ReviewEntityCorrection
{
    public static async Task<Ok<EntityCorrectionDto>> HandleAsync(long id, CorrectionReview req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.Accept is null) v.Add("accept", "请选择接受或驳回");
        if (req.Accept == false) v.Required("note", req.Note, "驳回理由");
        v.MaxLength("note", req.Note, 2000, "审核意见").PlainText("note", req.Note, "审核意见");
        v.ThrowIfInvalid();
        var c = await ef.Set<EntityCorrection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"更正申请 {id} 不存在", 404);
        if (c.Status != CorrectionStatus.Pending) throw new DomainException($"该申请已{CorrectionStatus.Names[c.Status]}");
        var entity = await ef.Set<InnovationEntity>().AsNoTracking().FirstAsync(e => e.Id == c.EntityId, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EntityStructure.TakeLockAsync(conn, tx, ct);
        // the request's entity may have been merged since: the decision goes to the entity it is now
        var target = (await EntityStructure.LockAsync(conn, tx, c.EntityId, ct)) is { MergedInto: { } m } ? m : c.EntityId;
        object? result = null;
        if (req.Accept == true)
        {
            var items = Items(c);
            var current = (await PartiesAsync(conn, tx, items.Select(i => i.RecordId).Distinct().ToArray(), ct)).ToDictionary(p => (p.RecordId, (int)p.Pos));
            // an item whose record changed since the request (another applicant at that place now) is skipped and said so
            var stale = items.Where(i => !current.TryGetValue((i.RecordId, i.Position), out var p) || p.Key != i.PartyKey).ToList();
            var apply = items.Except(stale).ToList();
            var namesakes = new Dictionary<string, long>();
            foreach (var i in apply)
            {
                long to = target;
                if (c.Kind == CorrectionKinds.Disclaim && !namesakes.TryGetValue(i.PartyKey, out to))
                {
                    // an entity of its own for the party that is not this one: same name, a key no importer produces
                    to = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                        INSERT INTO entities (match_key, name, kind) VALUES (@key, @name, @kind) RETURNING id
                        """, new { key = $"{i.PartyKey}#correction-{c.Id}", name = i.PartyName, kind = entity.Kind }, tx, cancellationToken: ct));
                    namesakes[i.PartyKey] = to;
                    await EntityAudit.HistoryAsync(conn, tx, to, target, "namesake",
                        $"更正申请 {c.Id}：“{i.PartyName}”的这些记录经认定不属于主体 {target}（{entity.Name}），另立为同名主体", null, me, ct);
                }
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO entity_pins (record_id, party_key, entity_id, rule, correction_id, decided_by) VALUES (@record, @key, @to, 'correction', @cid, @actor)
                    ON CONFLICT (record_id, party_key) DO UPDATE SET entity_id = EXCLUDED.entity_id, rule = 'correction', correction_id = EXCLUDED.correction_id,
                        decided_by = EXCLUDED.decided_by, decided_at = now()
                    """, new { record = i.RecordId, key = i.PartyKey, to, cid = c.Id, actor = me.Name }, tx, cancellationToken: ct));
            }
            var resolution = await EntityResolution.RunAsync(conn, tx, new ResolutionScope.Records(apply.Select(i => i.RecordId).Distinct().ToArray()), ct);
            result = new { applied = apply.Count, skipped = stale.Select(s => s.RecordId).ToArray(), namesakes = namesakes.Values.ToArray(), records = resolution.Records };
            foreach (var from in apply.Select(i => i.FromEntityId).Where(x => x is not null && x != target).Distinct())
                await EntityAudit.HistoryAsync(conn, tx, from!.Value, target, "correction_moved", $"更正申请 {c.Id}（主体 {target}“{entity.Name}”）：{apply.Count(i => i.FromEntityId == from)} 条记录改为关联主体 {target}", null, me, ct);
        }
        var summary = req.Accept == true
            ? $"接受更正申请 {c.Id}（{CorrectionKinds.Names[c.Kind]}）{(req.Note is null ? "" : "：" + req.Note.Trim())}"
            : $"驳回更正申请 {c.Id}（{CorrectionKinds.Names[c.Kind]}）：{req.Note!.Trim()}";
        await EntityAudit.HistoryAsync(conn, tx, target, null, req.Accept == true ? "correction_accepted" : "correction_rejected", summary, result, me, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE entity_corrections SET status = @status, reviewed_by = @by, reviewed_by_name = @name, reviewed_at = now(), review_note = @note, result = @result::jsonb
            WHERE id = @id
            """, new
        {
            status = req.Accept == true ? CorrectionStatus.Accepted : CorrectionStatus.Rejected, by = me.Id, name = me.Name, note = EntityRules.Blank(req.Note),
            result = result is null ? null : JsonSerializer.Serialize(result), id,
        }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, me, "review", "entity_corrections", id.ToString(), new { c.Status }, new { accept = req.Accept, req.Note, result }, ct);
        await tx.CommitAsync(ct);

        var reviewed = await ef.Set<EntityCorrection>().FirstAsync(x => x.Id == id, ct);
        if (reviewed.OrgUnitId is { } unit)
        {
            await Notifier.ToUnitAsync(ef, unit, new NotificationMessage(ReviewedType, req.Accept == true ? "更正申请已接受" : "更正申请已驳回",
                $"{CorrectionKinds.Names[c.Kind]}（{Items(c).Count} 条记录）：{(req.Accept == true ? "已按申请调整关联" : "未调整")}。{(req.Note is null ? "" : "审核意见：" + req.Note.Trim())}",
                "/registries/mine", "entity_corrections", id.ToString()), ct);
            await ef.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToDto(reviewed, entity.Name));
    }
}
