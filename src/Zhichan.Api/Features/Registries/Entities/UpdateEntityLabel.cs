using Zhichan.Api.Features.Indicators;
namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="RevokedReason">set to revoke the label (撤销/取消资格) from today; the label stays in the history</param>
public sealed record EntityLabelUpdate(string? Kind, string? Level, DateOnly? ValidFrom, DateOnly? ValidTo, string? CertificateNumber, string? CertifyingBody,
    string? Source, string? RevokedReason);

/// <summary>UpdateEntityLabel: corrects a label's dates, certificate or source, or revokes it (with the reason).</summary>
public static class UpdateEntityLabel
{
    public static async Task<Ok<EntityLabelDto>> HandleAsync(long id, long labelId, EntityLabelUpdate req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        IndicatorComputer computer, CancellationToken ct)
    {
        var r = new EntityLabelRequest(req.Kind, req.Level, req.ValidFrom, req.ValidTo, req.CertificateNumber, req.CertifyingBody, req.Source);
        AddEntityLabel.Validate(r);
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var l = await ef.Set<EntityLabel>().FirstOrDefaultAsync(x => x.Id == labelId && x.EntityId == e.Id, ct) ?? throw new DomainException($"标签 {labelId} 不存在", 404);
        if (l.Origin == LabelOrigins.Programmes) throw new DomainException("该标签由申报评审模块登记，请在申报评审中修改");
        AddEntityLabel.Apply(l, r);
        if (!string.IsNullOrWhiteSpace(req.RevokedReason) && l.RevokedAt is null)
        {
            l.RevokedAt = DateTimeOffset.UtcNow;
            l.RevokedReason = req.RevokedReason.Trim();
            EntityAudit.History(ef, e.Id, "label_revoked", $"撤销标签：{LabelKinds.Display(l.Kind, l.Level)}（{l.RevokedReason}）", me);
        }
        else EntityAudit.History(ef, e.Id, "label_updated", $"修改标签：{LabelKinds.Display(l.Kind, l.Level)}", me);
        await ef.SaveChangesAsync(ct);
        await LabelIndicator.RefreshAsync(computer, ct);
        return TypedResults.Ok(EntityQueries.ToDto(l, EntityQueries.Today()));
    }
}
