using Zhichan.Api.Features.Indicators;
namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="SourceId">the entity merged into this one (it becomes a redirect: its id keeps answering with this entity)</param>
public sealed record MergeRequest(long? SourceId, string? Reason);

public sealed record MergeResult(long EntityId, long MergedId, int NamesMoved, int LabelsMoved, int ContactsMoved, long RecordsResolved);

/// <summary>
/// MergeEntities: two entities that are one (a misspelt name, a subsidiary recorded under the group …) become one: links,
/// names, labels and contacts move here, the merged id stays as a redirect, history and audit log say who did it and why.
/// A split sends the merged entity's name back out with its id.
/// </summary>
public static class MergeEntities
{
    public static async Task<Ok<MergeResult>> HandleAsync(long id, MergeRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, IndicatorComputer computer,
        CancellationToken ct)
    {
        var v = new Validation();
        if (req.SourceId is null) v.Add("sourceId", "请选择要并入的主体");
        v.Required("reason", req.Reason, "合并原因").MaxLength("reason", req.Reason, 500, "合并原因").PlainText("reason", req.Reason, "合并原因");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (target, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var o = await EntityStructure.MergeAsync(conn, tx, target.Id, req.SourceId!.Value, req.Reason!.Trim(), me, ct);
        await tx.CommitAsync(ct);
        await LabelIndicator.RefreshAsync(computer, ct);
        return TypedResults.Ok(new MergeResult(o.TargetId, o.SourceId, o.NamesMoved, o.LabelsMoved, o.ContactsMoved, o.Resolution.Records));
    }
}
