namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The valuation row read by the list, the detail and the creation.</summary>
public static class ValuationQueries
{
    public const string Select = """
        SELECT v.id, v.agency_id, a.name AS agency_name, v.entity_id, e.name AS entity_name, v.method, v.value, v.valued_on, v.rights::text AS rights,
               v.report_file_id, f.file_name AS report_file_name, v.note, v.is_example,
               (SELECT count(*) FROM pledges p WHERE p.valuation_id = v.id)::int AS pledge_count
        FROM pledge_valuations v JOIN agencies a ON a.id = v.agency_id JOIN entities e ON e.id = v.entity_id
        LEFT JOIN stored_files f ON f.id = v.report_file_id
        """;

    public sealed class Data
    {
        public long Id { get; set; }
        public long AgencyId { get; set; }
        public string AgencyName { get; set; } = "";
        public long EntityId { get; set; }
        public string EntityName { get; set; } = "";
        public string Method { get; set; } = "";
        public decimal Value { get; set; }
        public DateOnly ValuedOn { get; set; }
        public string Rights { get; set; } = "[]";
        public long? ReportFileId { get; set; }
        public string? ReportFileName { get; set; }
        public string? Note { get; set; }
        public bool IsExample { get; set; }
        public int PledgeCount { get; set; }

        public ValuationRow ToRow() => new(Id, AgencyId, AgencyName, EntityId, EntityName, Method, ValuationMethods.Labels[Method], Value, ValuedOn,
            PledgeQueries.ParseRights(Rights), ReportFileId, ReportFileName, Note, IsExample, PledgeCount);
    }

    public static void EnsureReader(CurrentUser me)
    {
        if (me.Role is Roles.Department or Roles.Expert || me.Role is null)
            throw new DomainException("评估报告仅向知识产权局、县区、评估机构、委托企业和使用该评估的银行开放", 403, "禁止访问");
    }

    public static async Task<Data> VisibleAsync(NpgsqlConnection conn, CurrentUser me, long id, CancellationToken ct)
    {
        EnsureReader(me);
        return await conn.QuerySingleOrDefaultAsync<Data>(new CommandDefinition($"{Select} WHERE v.id = @id AND {PledgeAccess.ValuationFilter(me)}",
                   PledgeQueries.Merge(me, new { id }), cancellationToken: ct))
               ?? throw new DomainException($"评估报告 {id} 不存在", 404);
    }
}
