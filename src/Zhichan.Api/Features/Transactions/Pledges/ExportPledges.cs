using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The pledges the caller may see, with the list's filters, as an XLSX sheet with the import's headers (so a sheet can go back in).</summary>
public static class ExportPledges
{
    public static async Task<FileContentHttpResult> HandleAsync(string? q, string? state, long? bank, string? region, int? year, NpgsqlDataSource db, ZhichanDb ef,
        CurrentUser me, RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var first = (await ListPledges.HandleAsync(q, state, bank, region, year, 1, 200, db, me, reference, ct)).Value!;
        var all = first.Items.ToList();
        for (var p = 2; all.Count < first.Total; p++)
            all.AddRange((await ListPledges.HandleAsync(q, state, bank, region, year, p, 200, db, me, reference, ct)).Value!.Items);
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = all.Select(p => p.Id).ToArray();
        var rights = (await conn.QueryAsync<(long PledgeId, string Kind, string Number)>(new CommandDefinition(
            "SELECT pledge_id, kind, number FROM pledge_rights WHERE pledge_id = ANY(@ids) ORDER BY id", new { ids }, cancellationToken: ct))).ToLookup(r => r.PledgeId);
        var released = (await conn.QueryAsync<(long Id, DateOnly? ReleasedOn, string? Note)>(new CommandDefinition(
            "SELECT id, released_on, note FROM pledges WHERE id = ANY(@ids)", new { ids }, cancellationToken: ct))).ToDictionary(r => r.Id);
        var rows = all.Select(p => (IReadOnlyList<string?>)
        [
            p.EntityName, p.BankName, string.Join("、", rights[p.Id].Where(r => r.Kind == "patent").Select(r => r.Number)),
            string.Join("、", rights[p.Id].Where(r => r.Kind == "trademark").Select(r => r.Number)), p.Amount.ToString("0.##"),
            p.TermFrom.ToString("yyyy-MM-dd"), p.TermTo.ToString("yyyy-MM-dd"), p.RegistrationNumber, p.RegisteredOn?.ToString("yyyy-MM-dd"), p.StateLabel,
            released[p.Id].ReleasedOn?.ToString("yyyy-MM-dd"), p.IsExample ? "示例" + (released[p.Id].Note is { } n ? "；" + n : "") : released[p.Id].Note,
        ]);
        var bytes = SheetImport.Write(ImportPledges.Columns.Select(c => c.Label).ToList(), rows);
        AuditLog.Add(ef, me, "export", "pledges", null, null, new { rows = all.Count, q, state, bank, region, year });
        await ef.SaveChangesAsync(ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"质押融资-{ChinaTime.Today(clock):yyyyMMdd}.xlsx");
    }
}
