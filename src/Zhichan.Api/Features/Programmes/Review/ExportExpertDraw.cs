using Zhichan.Api.Features.Registries.Experts;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>The panel of a draw as an XLSX sheet for the bureau's files: phones and ID numbers masked, the export audited.</summary>
public static class ExportExpertDraw
{
    private static readonly string[] Header = ["序号", "身份", "状态", "姓名", "职称", "工作单位", "联系电话", "身份证号", "递补对象", "说明"];

    public static async Task<FileContentHttpResult> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var draw = await db.Set<ProgrammeDraw>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException($"专家抽取 {id} 不存在", 404);
        var members = await db.Set<ProgrammePanelMember>().AsNoTracking().Where(m => m.DrawId == id).OrderBy(m => m.Position).ToListAsync(ct);
        var ids = members.Select(m => m.ExpertId).ToArray();
        var experts = await db.Set<Expert>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var byId = members.ToDictionary(m => m.Id);
        var rows = members.Select(m =>
        {
            var e = experts[m.ExpertId];
            var replaces = m.Replaces is { } r && byId.TryGetValue(r, out var old) ? $"第 {old.Position} 位 {experts[old.ExpertId].Name}" : null;
            return (IReadOnlyList<string?>)[m.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), DrawLog.RoleLabels[m.Role], DrawLog.StatusLabels[m.Status],
                e.Name, e.Title, e.Employer, Masking.MaskPhone(e.Phone), Masking.MaskIdNumber(e.IdNumber), replaces, m.Note];
        });
        AuditLog.Add(db, me, "export", "programme_draws", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { rows = members.Count });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(SheetImport.Write(Header, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"评审专家组-{draw.CallId}-{draw.Id}.xlsx");
    }
}
