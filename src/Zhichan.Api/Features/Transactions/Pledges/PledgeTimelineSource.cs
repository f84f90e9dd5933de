using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>A right's pledges on its record page: each step of each pledge the caller may see, linked to the pledge's page.</summary>
public sealed class PledgeTimelineSource(NpgsqlDataSource db) : IRecordTimelineSource
{
    public async Task<IReadOnlyList<TimelineEventView>> ForRecordAsync(long recordId, CurrentUser user, CancellationToken ct)
    {
        if (user.Role is not (Roles.Admin or Roles.Bureau or Roles.District or Roles.Enterprise or Roles.Bank)) return [];
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, string Action, string ToState, string? Note, DateTime At, string BankName, decimal Amount)>(new CommandDefinition($"""
            SELECT p.id, ev.action, ev.to_state, ev.note, ev.at, b.name, p.amount
            FROM pledges p JOIN pledge_events ev ON ev.pledge_id = p.id JOIN org_units b ON b.id = p.bank_unit_id
            WHERE EXISTS (SELECT 1 FROM pledge_rights r WHERE r.pledge_id = p.id AND r.record_id = @recordId) AND {PledgeAccess.PledgeFilter(user)}
            ORDER BY ev.at, ev.id
            """, PledgeQueries.Merge(user, new { recordId }), cancellationToken: ct));
        return rows.Select(r => new TimelineEventView(DateOnly.FromDateTime(ChinaTime.Of(new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)))),
            "pledge_" + r.Action, $"质押融资：{PledgeStateMachine.Machine.ActionLabel(r.Action)}",
            $"质权人 {r.BankName}，担保金额 {PledgeAccess.Yuan(r.Amount)}（{PledgeStates.Labels[r.ToState]}）" + (r.Note is { } n ? "：" + n : ""),
            "pledge", Href: $"/transactions/pledges/{r.Id}")).ToList();
    }
}
