using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Transactions.Rights;
using static Zhichan.Api.Features.Transactions.Pledges.PledgeQueries;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>One pledge with its rights, valuation, timeline, linked gazette events, claims and the actions the caller may take.</summary>
public static class GetPledge
{
    public static async Task<Ok<PledgeDetail>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await VisibleRowAsync(conn, me, id, ct);
        return TypedResults.Ok(await DetailAsync(conn, me, row, reference, ct));
    }

    internal static async Task<PledgeDetail> DetailAsync(NpgsqlConnection conn, CurrentUser me, RowData row, RecordsReference reference, CancellationToken ct)
    {
        var id = row.Id;
        var p = await conn.QuerySingleAsync<(long? ValuationId, DateOnly? ReleasedOn, DateOnly? DefaultedOn, decimal? OutstandingPrincipal, decimal? RecoveredAmount,
            DateOnly? DisposedOn, string? Note)>(new CommandDefinition(
            "SELECT valuation_id, released_on, defaulted_on, outstanding_principal, recovered_amount, disposed_on, note FROM pledges WHERE id = @id", new { id },
            cancellationToken: ct));
        var rights = (await conn.QueryAsync<(string Kind, string Number, long? RecordId, string? Title)>(new CommandDefinition(
                "SELECT kind, number, record_id, title FROM pledge_rights WHERE pledge_id = @id ORDER BY id", new { id }, cancellationToken: ct)))
            .Select(r => new PledgeRightDto(r.Kind, RightKinds.Names.GetValueOrDefault(r.Kind, r.Kind), r.Number, r.RecordId, r.Title)).ToList();
        ValuationSummary? valuation = null;
        if (p.ValuationId is { } vid)
        {
            var vr = await conn.QuerySingleOrDefaultAsync<(long Id, string AgencyName, string Method, decimal Value, DateOnly ValuedOn)>(new CommandDefinition(
                "SELECT v.id, a.name, v.method, v.value, v.valued_on FROM pledge_valuations v JOIN agencies a ON a.id = v.agency_id WHERE v.id = @vid",
                new { vid }, cancellationToken: ct));
            if (vr.Id != 0) valuation = new ValuationSummary(vr.Id, vr.AgencyName, vr.Method, ValuationMethods.Labels[vr.Method], vr.Value, vr.ValuedOn);
        }
        var events = (await conn.QueryAsync<(long Id, string Action, string? FromState, string ToState, string? Note, string ActorName, DateTime At)>(new CommandDefinition(
                """
                SELECT ev.id, ev.action, ev.from_state, ev.to_state, ev.note, coalesce(u.display_name, ev.actor_name), ev.at
                FROM pledge_events ev LEFT JOIN users u ON u.id = ev.actor_id WHERE ev.pledge_id = @id ORDER BY ev.at, ev.id
                """, new { id }, cancellationToken: ct)))
            .Select(e => (e.Id, v: WorkflowEventView.Of(new PledgeEvent
            {
                Action = e.Action, FromState = e.FromState, ToState = e.ToState, Note = e.Note, ActorName = e.ActorName,
                At = new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)),
            }, PledgeStateMachine.Machine)))
            .Select(x => new PledgeEventDto(x.Id, x.v.Action, x.v.ActionLabel, x.v.FromState, x.v.FromLabel, x.v.ToState ?? "", x.v.ToLabel ?? "", x.v.Note,
                x.v.ActorName, x.v.At)).ToList();
        var gazette = (await conn.QueryAsync<GazetteRow>(new CommandDefinition($"""
                SELECT g.id, g.record_id, g.application_number, g.event_date, g.code, g.status_text, g.info_text, p.id AS pledge_id
                FROM records_transaction_events g JOIN pledges p ON p.id = @id
                WHERE g.kind = 'pledge' AND {GazetteMatch} ORDER BY g.event_date, g.id
                """, new { id }, cancellationToken: ct))).Select(g => g.ToDto()).ToList();
        var claims = (await conn.QueryAsync<(long Id, int Year, string State, decimal Loss, decimal FundShare, decimal Paid)>(new CommandDefinition("""
                SELECT c.id, pl.year, c.state, c.loss, c.fund_share, coalesce((SELECT sum(amount) FROM pledge_claim_payouts o WHERE o.claim_id = c.id), 0)
                FROM pledge_claims c JOIN pledge_pools pl ON pl.id = c.pool_id WHERE c.pledge_id = @id ORDER BY c.id
                """, new { id }, cancellationToken: ct)))
            .Select(c => new ClaimSummary(c.Id, c.Year, c.State, ClaimStates.Labels[c.State], c.Loss, c.FundShare, c.Paid)).ToList();
        var actors = PledgeStateMachine.ActorsOf(me, row.BankUnitId);
        var isBank = actors.Count > 0;
        var actions = PledgeStateMachine.Machine.Allowed(row.State, actors).Select(t => new ActionDto(t.Action, t.Label)).ToList();
        var canClaim = isBank && row.State is PledgeStates.Defaulted or PledgeStates.Disposed && claims.All(c => c.State == ClaimStates.Rejected);
        return new PledgeDetail(ToRow(row, reference), rights, valuation, p.ReleasedOn, p.DefaultedOn, p.OutstandingPrincipal, p.RecoveredAmount, p.DisposedOn,
            p.Note, events, gazette, claims, actions, canClaim);
    }

    public sealed class GazetteRow
    {
        public long Id { get; set; }
        public long? RecordId { get; set; }
        public string ApplicationNumber { get; set; } = "";
        public DateOnly EventDate { get; set; }
        public string Code { get; set; } = "";
        public string StatusText { get; set; } = "";
        public string InfoText { get; set; } = "";
        public long? PledgeId { get; set; }

        public GazetteEventDto ToDto() => new(Id, RecordId, ApplicationNumber, EventDate, Code, GazetteCodes.GetValueOrDefault(Code, Code), StatusText, InfoText, PledgeId);
    }
}
