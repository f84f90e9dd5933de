using Zhichan.Api.Features.Indicators;
namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="Kind">high_tech | srdi | ip_demo | ip_advantage | ip_standard</param>
/// <param name="Level">national | province | city (专精特新, 示范, 优势)</param>
/// <param name="Source">the list, notice or certificate it comes from (e.g. 苏知发〔2024〕12号)</param>
public sealed record EntityLabelRequest(string? Kind, string? Level, DateOnly? ValidFrom, DateOnly? ValidTo, string? CertificateNumber, string? CertifyingBody,
    string? Source);

/// <summary>AddEntityLabel: a label with its dates and source, entered by the bureau (the programmes module will add its own the same way).</summary>
public static class AddEntityLabel
{
    public static async Task<Created<EntityLabelDto>> HandleAsync(long id, EntityLabelRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        IndicatorComputer computer, CancellationToken ct)
    {
        Validate(req);
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var l = new EntityLabel { EntityId = e.Id, CreatedBy = me.Name };
        Apply(l, req);
        ef.Set<EntityLabel>().Add(l);
        EntityAudit.History(ef, e.Id, "label_added", $"登记标签：{LabelKinds.Display(l.Kind, l.Level)}（{l.ValidFrom:yyyy-MM-dd} 至 {l.ValidTo?.ToString("yyyy-MM-dd") ?? "长期"}；{l.Source}）", me);
        await ef.SaveChangesAsync(ct);
        await LabelIndicator.RefreshAsync(computer, ct);
        return TypedResults.Created($"/api/registries/entities/{e.Id}", EntityQueries.ToDto(l, EntityQueries.Today()));
    }

    /// <summary>The label's checks: kind, level where the kind has one, dates, source, and the certificate of a 贯标 label.</summary>
    internal static void Validate(EntityLabelRequest req, Validation? into = null, string prefix = "")
    {
        var v = into ?? new Validation();
        v.Required(prefix + "kind", req.Kind, "标签").Required(prefix + "validFrom", req.ValidFrom?.ToString(), "生效日期").Required(prefix + "source", req.Source, "来源")
            .MaxLength(prefix + "source", req.Source, 300, "来源").PlainText(prefix + "source", req.Source, "来源")
            .MaxLength(prefix + "certificateNumber", req.CertificateNumber, 100, "证书编号").MaxLength(prefix + "certifyingBody", req.CertifyingBody, 200, "认证机构");
        if (req.Kind is not null) v.OneOf(prefix + "kind", req.Kind, LabelKinds.Names.Keys, "标签");
        if (req.Level is not null) v.OneOf(prefix + "level", req.Level, LabelLevels.Names.Keys, "级别");
        if (req.Kind is not null && LabelKinds.Levelled.Contains(req.Kind) && req.Level is null) v.Add(prefix + "level", "请选择级别（国家级/省级/市级）");
        if (req.ValidFrom is { } f && req.ValidTo is { } t && t < f) v.Add(prefix + "validTo", "到期日期不能早于生效日期");
        if (req.Kind == LabelKinds.IpStandard)
            v.Required(prefix + "certificateNumber", req.CertificateNumber, "贯标证书编号").Required(prefix + "certifyingBody", req.CertifyingBody, "认证机构")
                .Required(prefix + "validTo", req.ValidTo?.ToString(), "证书有效期至");
        if (into is null) v.ThrowIfInvalid();
    }

    internal static void Apply(EntityLabel l, EntityLabelRequest req)
    {
        l.Kind = req.Kind!;
        l.Level = LabelKinds.Levelled.Contains(req.Kind!) ? req.Level : null;
        l.ValidFrom = req.ValidFrom!.Value;
        l.ValidTo = req.ValidTo;
        l.CertificateNumber = EntityRules.Blank(req.CertificateNumber);
        l.CertifyingBody = EntityRules.Blank(req.CertifyingBody);
        l.Source = req.Source!.Trim();
        l.UpdatedAt = DateTimeOffset.UtcNow;
    }
}
