using Zhichan.Api.Features.Indicators;
namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="NameIds">former names or aliases of this entity that belong to another one (the first names it)</param>
/// <param name="LabelIds">labels that go with them</param>
/// <param name="ContactIds">contacts that go with them</param>
public sealed record SplitRequest(long[]? NameIds, long[]? LabelIds, long[]? ContactIds, string? Reason);

public sealed record SplitResult(long EntityId, long NewEntityId, long RecordsResolved);

/// <summary>
/// SplitEntity: names wrongly taken for this entity become an entity of their own, with the records under those names. Undoing
/// a merge gives the merged entity its id back.
/// </summary>
public static class SplitEntity
{
    public static async Task<Ok<SplitResult>> HandleAsync(long id, SplitRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, IndicatorComputer computer,
        CancellationToken ct)
    {
        var v = new Validation();
        if (req.NameIds is not { Length: > 0 }) v.Add("nameIds", "请选择要拆分出去的名称");
        v.Required("reason", req.Reason, "拆分原因").MaxLength("reason", req.Reason, 500, "拆分原因").PlainText("reason", req.Reason, "拆分原因");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var o = await EntityStructure.SplitAsync(conn, tx, e.Id, req.NameIds!, req.LabelIds ?? [], req.ContactIds ?? [], req.Reason!.Trim(), me, ct);
        await tx.CommitAsync(ct);
        await LabelIndicator.RefreshAsync(computer, ct);
        return TypedResults.Ok(new SplitResult(o.EntityId, o.NewEntityId, o.Resolution.Records));
    }
}
