namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>Removes a document from an expert's file (bureau); the stored bytes go with it.</summary>
public static class DeleteExpertDocument
{
    public static async Task<NoContent> HandleAsync(long id, long documentId, ZhichanDb db, CancellationToken ct)
    {
        var doc = await db.Set<ExpertDocument>().FirstOrDefaultAsync(d => d.Id == documentId && d.ExpertId == id, ct)
            ?? throw new DomainException($"文件 {documentId} 不存在", 404);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<ExpertDocument>().Remove(doc);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM stored_files WHERE id = {doc.FileId}", ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
