using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>Reads of the pool several use cases share: the detail of one expert (masked or not) and the row filter of the list.</summary>
public static class ExpertQueries
{
    public static string DocumentLink(long expertId, long documentId) => $"/api/registries/experts/{expertId}/documents/{documentId}";

    public static async Task<Expert> FindAsync(ZhichanDb db, long id, CancellationToken ct, bool tracking = true)
    {
        var q = db.Set<Expert>().Include(e => e.Employments).Include(e => e.Relations).AsSplitQuery();
        if (!tracking) q = q.AsNoTracking();
        return await q.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new DomainException($"专家 {id} 不存在", 404);
    }

    public static async Task<Expert?> FindByUserAsync(ZhichanDb db, long userId, CancellationToken ct) =>
        await db.Set<Expert>().Include(e => e.Employments).Include(e => e.Relations).AsSplitQuery().FirstOrDefaultAsync(e => e.UserId == userId, ct);

    public static async Task<ExpertDetail> DetailAsync(ZhichanDb db, Expert e, RecordsReference reference, bool masked, CancellationToken ct)
    {
        var username = e.UserId is { } uid ? await db.Users.Where(u => u.Id == uid).Select(u => u.Username).FirstOrDefaultAsync(ct) : null;
        var docs = await DocumentsAsync(db, e.Id, ct);
        return new ExpertDetail(e.Id, e.UserId, username, e.Name,
            masked ? NullIfEmpty(Masking.MaskIdNumber(e.IdNumber)) : e.IdNumber,
            masked ? NullIfEmpty(Masking.MaskPhone(e.Phone)) : e.Phone,
            masked ? NullIfEmpty(Masking.MaskEmail(e.Email)) : e.Email, masked,
            e.Title, e.Employer, e.Position, e.RegionCode, RegistryRegions.Label(reference, e.RegionCode), e.Specialties,
            e.Specialties.Select(ExpertSpecialties.Label).ToArray(), e.Bio, e.IsActive, e.IsInvestigator, e.AppointedOn, e.TermEndsOn, e.IsExample, e.Note,
            e.Employments.OrderByDescending(x => x.FromOn).ThenBy(x => x.Id).Select(x => new EmploymentDto(x.Id, x.Employer, x.Position, x.FromOn, x.ToOn)).ToArray(),
            e.Relations.OrderBy(x => x.Id).Select(x => new RelationDto(x.Id, x.Kind, RelationKinds.Labels.GetValueOrDefault(x.Kind, x.Kind), x.Party, x.Detail, x.FromOn, x.ToOn)).ToArray(),
            docs, e.UpdatedAt);
    }

    public static async Task<ExpertDocumentDto[]> DocumentsAsync(ZhichanDb db, long expertId, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, string Kind, string FileName, long SizeBytes, DateOnly? IssuedOn, DateTime UploadedAt)>("""
            SELECT d.id, d.kind, s.file_name, s.size_bytes, d.issued_on, d.uploaded_at
            FROM expert_documents d JOIN stored_files s ON s.id = d.file_id WHERE d.expert_id = @expertId ORDER BY d.id
            """, new { expertId });
        return rows.Select(r => new ExpertDocumentDto(r.Id, r.Kind, ExpertDocumentKinds.Labels.GetValueOrDefault(r.Kind, r.Kind), r.FileName, r.SizeBytes,
            r.IssuedOn, new DateTimeOffset(DateTime.SpecifyKind(r.UploadedAt, DateTimeKind.Utc)), DocumentLink(expertId, r.Id))).ToArray();
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
