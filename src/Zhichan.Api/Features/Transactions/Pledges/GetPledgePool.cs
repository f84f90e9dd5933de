namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// The risk-compensation pool of a year: rules, members, contributions, claims (a bank sees its own unit's, an enterprise its own) and the
/// balance — contributions minus payouts — with its history. A year without a pool answers its empty view (Rules null), not 404.
/// </summary>
public static class GetPledgePool
{
    public static async Task<Ok<PoolView>> HandleAsync(int year, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        EnsureReader(me);
        var years = await db.Set<PledgePool>().OrderByDescending(p => p.Year).Select(p => p.Year).ToListAsync(ct);
        var pool = await db.Set<PledgePool>().AsNoTracking().FirstOrDefaultAsync(p => p.Year == year, ct);
        if (pool is null) return TypedResults.Ok(new PoolView(null, years, [], [], [], 0, 0, 0, 0, [], me.IsStaff));
        await using var conn = await ds.OpenConnectionAsync(ct);
        var members = (await conn.QueryAsync<(long Id, string Kind, long PartyId, string Name, DateOnly JoinedOn, DateOnly? LeftOn, string? Note)>(new CommandDefinition("""
                SELECT m.id, m.kind, coalesce(m.bank_unit_id, m.entity_id), coalesce(b.name, e.name), m.joined_on, m.left_on, m.note
                FROM pledge_pool_members m LEFT JOIN org_units b ON b.id = m.bank_unit_id LEFT JOIN entities e ON e.id = m.entity_id
                WHERE m.pool_id = @id ORDER BY m.kind, m.joined_on, m.id
                """, new { id = pool.Id }, cancellationToken: ct)))
            .Select(m => new PoolMemberDto(m.Id, m.Kind, m.Kind == "bank" ? "入池银行" : "入池企业", m.PartyId, m.Name, m.JoinedOn, m.LeftOn, m.Note)).ToList();
        var contributions = await db.Set<PledgePoolContribution>().AsNoTracking().Where(c => c.PoolId == pool.Id).OrderBy(c => c.PaidOn).ThenBy(c => c.Id)
            .Select(c => new ContributionDto(c.Id, c.Contributor, c.Amount, c.PaidOn, c.Note)).ToListAsync(ct);
        var claimFilter = me.Role switch
        {
            Roles.Bank => "p.bank_unit_id = @org",
            Roles.Enterprise => "p.entity_id IN (SELECT id FROM entities WHERE org_unit_id = @org)",
            Roles.District => "p.region_code LIKE @prefix || '%'",
            _ => "TRUE",
        };
        var claims = (await conn.QueryAsync<ClaimData>(new CommandDefinition($"""
                SELECT c.*, e.name AS entity_name, b.name AS bank_name, p.registration_number,
                       coalesce((SELECT sum(o.amount) FROM pledge_claim_payouts o WHERE o.claim_id = c.id), 0) AS paid
                FROM pledge_claims c JOIN pledges p ON p.id = c.pledge_id JOIN entities e ON e.id = p.entity_id JOIN org_units b ON b.id = p.bank_unit_id
                WHERE c.pool_id = @pool AND {claimFilter} ORDER BY c.submitted_at DESC, c.id DESC
                """, PledgeQueries.Merge(me, new { pool = pool.Id }), cancellationToken: ct))).Select(c => c.ToDto()).ToList();
        var payouts = (await conn.QueryAsync<(DateOnly PaidOn, decimal Amount, string EntityName, long ClaimId)>(new CommandDefinition("""
            SELECT o.paid_on, o.amount, e.name, o.claim_id FROM pledge_claim_payouts o JOIN pledge_claims c ON c.id = o.claim_id
            JOIN pledges p ON p.id = c.pledge_id JOIN entities e ON e.id = p.entity_id WHERE c.pool_id = @pool
            """, new { pool = pool.Id }, cancellationToken: ct))).ToList();
        var moves = contributions.Select(c => (c.PaidOn, Kind: "in", What: c.Contributor, c.Amount, Order: 0))
            .Concat(payouts.Select(o => (o.PaidOn, Kind: "out", What: $"补偿支出（{o.EntityName}，申请 {o.ClaimId}）", Amount: -o.Amount, Order: 1)))
            .OrderBy(m => m.PaidOn).ThenBy(m => m.Order).ToList();
        var history = new List<BalancePoint>();
        var balance = 0m;
        foreach (var m in moves)
        {
            balance += m.Amount;
            history.Add(new BalancePoint(m.PaidOn, m.Kind, m.What, m.Amount, balance));
        }
        var contributed = contributions.Sum(c => c.Amount);
        var paidOut = payouts.Sum(o => o.Amount);
        var approved = await ClaimRules.ApprovedFundSharesAsync(db, pool.Id, null, ct);
        return TypedResults.Ok(new PoolView(ToRules(pool), years, members, contributions, claims, contributed, paidOut, contributed - paidOut, approved, history,
            me.IsStaff));
    }

    public static void EnsureReader(CurrentUser me)
    {
        if (me.Role is not (Roles.Admin or Roles.Bureau or Roles.District or Roles.Bank or Roles.Enterprise))
            throw new DomainException("风险补偿资金池仅向知识产权局、县区、金融机构和企业开放", 403, "禁止访问");
    }

    public static PoolRules ToRules(PledgePool p) =>
        new(p.Year, p.FundSize, p.ShareFund, p.ShareBank, p.ShareInsurer, p.ShareValuer, p.CapPerLoan, p.CapPerYear, p.Note, p.IsExample);

    public sealed class ClaimData
    {
        public long Id { get; set; }
        public long PledgeId { get; set; }
        public string EntityName { get; set; } = "";
        public string BankName { get; set; } = "";
        public string? RegistrationNumber { get; set; }
        public decimal OutstandingPrincipal { get; set; }
        public decimal Recovered { get; set; }
        public decimal Loss { get; set; }
        public decimal FundShare { get; set; }
        public decimal BankShare { get; set; }
        public decimal InsurerShare { get; set; }
        public decimal ValuerShare { get; set; }
        public decimal FundExcess { get; set; }
        public string? SplitNote { get; set; }
        public string State { get; set; } = "";
        public string? Reason { get; set; }
        public DateTime SubmittedAt { get; set; }
        public DateTime? ReviewedAt { get; set; }
        public decimal Paid { get; set; }
        public string? Note { get; set; }

        public ClaimDto ToDto() => new(Id, PledgeId, EntityName, BankName, RegistrationNumber, OutstandingPrincipal, Recovered, Loss, FundShare, BankShare,
            InsurerShare, ValuerShare, FundExcess, SplitNote, State, ClaimStates.Labels[State], Reason, Utc(SubmittedAt), ReviewedAt is { } r ? Utc(r) : null, Paid, Note);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
