using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Transactions.Pledges.PledgeQueries;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The pledges the caller may see, filtered by state, bank, region, year of registration and text, with counts per state.</summary>
public static class ListPledges
{
    public static async Task<Ok<PledgeList>> HandleAsync(string? q, string? state, long? bank, string? region, int? year, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        PledgeAccess.EnsurePledgeReader(me);
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var v = new Validation();
        v.MaxLength("q", q, 100, "关键词").OneOf("state", state, PledgeStates.All, "状态");
        if (region is not null && (region.Length != 6 || !region.All(char.IsAsciiDigit))) v.Add("region", "地区应为 6 位行政区划代码");
        if (year is < 2000 or > 2100) v.Add("year", "年度应在 2000–2100 之间");
        v.ThrowIfInvalid();
        var (where, args) = Where(me, q, bank, region, year);
        await using var conn = await db.OpenConnectionAsync(ct);
        var counts = (await conn.QueryAsync<(string State, long N, decimal Amount)>(new CommandDefinition(
            $"SELECT p.state, count(*), sum(p.amount) FROM pledges p JOIN entities e ON e.id = p.entity_id WHERE {where} GROUP BY p.state", args, cancellationToken: ct))).ToList();
        if (state is not null) { where += " AND p.state = @state"; args.Add("state", state); }
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM pledges p JOIN entities e ON e.id = p.entity_id WHERE {where}", args, cancellationToken: ct));
        args.Add("offset", offset);
        args.Add("size", size);
        var rows = await conn.QueryAsync<RowData>(new CommandDefinition(
            $"{RowSelect} WHERE {where} ORDER BY p.is_example, coalesce(p.registered_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) DESC, p.id DESC OFFSET @offset LIMIT @size",
            args, cancellationToken: ct));
        var byState = PledgeStates.All.ToDictionary(s => s, s => counts.Where(c => c.State == s).Sum(c => c.N));
        var effective = counts.Where(c => c.State != PledgeStates.Applied).Sum(c => c.Amount);
        return TypedResults.Ok(new PledgeList(rows.Select(r => ToRow(r, reference)).ToList(), total, byState, effective));
    }

    /// <summary>The row filter of the caller plus the list filters (state apart: the counts are per state).</summary>
    internal static (string Where, DynamicParameters Args) Where(CurrentUser me, string? q, long? bank, string? region, int? year)
    {
        var where = PledgeAccess.PledgeFilter(me);
        var args = Merge(me);
        if (!string.IsNullOrWhiteSpace(q))
        {
            where += " AND (e.name LIKE '%' || @q || '%' OR p.registration_number LIKE '%' || @q || '%' OR EXISTS (SELECT 1 FROM pledge_rights r WHERE r.pledge_id = p.id AND r.number LIKE '%' || @q || '%'))";
            args.Add("q", q.Trim());
        }
        if (bank is not null) { where += " AND p.bank_unit_id = @bank"; args.Add("bank", bank); }
        if (region is not null)
        {
            where += " AND p.region_code LIKE @regionPrefix || '%'";
            args.Add("regionPrefix", CurrentUser.SignificantPrefix(region));
        }
        if (year is not null)
        {
            where += " AND extract(year FROM coalesce(p.registered_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date)) = @year";
            args.Add("year", year);
        }
        return (where, args);
    }
}
