using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>The pool as an XLSX sheet (bureau), with the list's filters; ID numbers, phones and e-mail addresses masked.</summary>
public static class ExportExperts
{
    public static async Task<FileContentHttpResult> HandleAsync(string? q, string? specialty, string? region, bool? active, bool? investigator,
        NpgsqlDataSource ds, ZhichanDb db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        var (where, args) = ListExperts.Filter(q, specialty, region, active, investigator);
        long[] ids;
        await using (var conn = await ds.OpenConnectionAsync(ct))
            ids = (await conn.QueryAsync<long>($"SELECT e.id FROM experts e WHERE {where} ORDER BY e.is_active DESC, e.name, e.id LIMIT 20000", args)).ToArray();
        var experts = await db.Set<Expert>().AsNoTracking().Include(e => e.Relations).AsSplitQuery().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        var ordered = experts.OrderBy(e => Array.IndexOf(ids, e.Id));
        AuditLog.Add(db, me, "export", "experts", null, null, new { rows = ids.Length, q, specialty, region, active, investigator });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(ExpertSheet.Export(ordered, reference), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"专家库-{ChinaTime.Of(DateTimeOffset.UtcNow):yyyyMMdd}.xlsx");
    }
}
