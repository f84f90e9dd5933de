using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record ReviewRequest(string? Decision, string? Comment);

/// <summary>The bureau accepts or returns a reported value.</summary>
public static class ReviewIndicatorValue
{
    public static async Task<Ok<IndicatorValueDto>> HandleAsync(long id, ReviewRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("decision", req.Decision, "审核结论").OneOf("decision", req.Decision, ["accept", "return"], "审核结论");
        if (req.Decision == "return") v.Required("comment", req.Comment, "退回理由");
        v.MaxLength("comment", req.Comment, 1000, "审核意见");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<(string Status, decimal? PendingValue, string? PendingNote, long? PendingBy, long? PendingUnit)?>(
            "SELECT status, pending_value, pending_note, pending_by, pending_unit_id FROM indicator_values WHERE id = @id FOR UPDATE", new { id }, tx)
            ?? throw new DomainException("指标数值不存在", 404);
        var status = current.Status;
        if (status == "reported")
        {
            var next = req.Decision == "accept" ? "accepted" : "returned";
            await conn.ExecuteAsync("UPDATE indicator_values SET status = @next, reviewed_by = @by, reviewed_at = now(), review_comment = @Comment WHERE id = @id",
                new { next, by = me.Id, req.Comment, id }, tx);
            await AuditLog.WriteAsync(conn, tx, me, "review", "indicator_values", id.ToString(), new { status }, new { status = next, req.Comment }, ct);
        }
        else if (current.PendingValue is { } pending)
        {
            if (req.Decision == "accept")
            {
                // the correction becomes the next value version; the value it replaces is kept in the history
                await ReportedValues.ArchiveAsync(conn, tx, id, null);
                await conn.ExecuteAsync("""
                    UPDATE indicator_values SET value = pending_value, note = pending_note, reported_by = pending_by, reported_unit_id = pending_unit_id,
                        status = 'accepted', reviewed_by = @by, reviewed_at = now(), review_comment = @Comment, computed_at = now(), progress_report_id = NULL,
                        value_version = value_version + 1, pending_value = NULL, pending_note = NULL, pending_by = NULL, pending_unit_id = NULL, pending_at = NULL
                    WHERE id = @id
                    """, new { by = me.Id, req.Comment, id }, tx);
            }
            else
                await conn.ExecuteAsync("""
                    UPDATE indicator_values SET pending_value = NULL, pending_note = NULL, pending_by = NULL, pending_unit_id = NULL, pending_at = NULL,
                        review_comment = @Comment WHERE id = @id
                    """, new { req.Comment, id }, tx);
            await AuditLog.WriteAsync(conn, tx, me, "review_correction", "indicator_values", id.ToString(), new { status, pending },
                new { decision = req.Decision, req.Comment }, ct);
        }
        else throw new DomainException("只有待审核的填报数值或更正可以审核", 409);
        await tx.CommitAsync(ct);
        var row = await LoadValueAsync(conn, id);
        var def = await conn.QuerySingleAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE id = @DefinitionId", new { row.DefinitionId });
        return TypedResults.Ok(ToValueDto(def, row));
    }
}
