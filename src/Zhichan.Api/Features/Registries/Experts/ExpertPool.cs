namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>An expert as other modules see the pool: no contacts, no ID number.</summary>
public sealed record PoolExpert(long Id, long? UserId, string Name, string? Title, string? Employer, string[] Specialties, bool IsActive, bool IsInvestigator,
    bool IsExample);

/// <summary>
/// The pool's public reads for other modules (protection's technical investigators, programmes' expert draws): they read the
/// pool through these and never write it (ADR 0026).
/// </summary>
public static class ExpertPool
{
    /// <summary>The technical investigators: active experts with the investigator flag.</summary>
    public static async Task<List<PoolExpert>> InvestigatorsAsync(ZhichanDb db, CancellationToken ct) =>
        await Project(db.Set<Expert>().Where(e => e.IsActive && e.IsInvestigator).OrderBy(e => e.Name).ThenBy(e => e.Id)).ToListAsync(ct);

    public static async Task<PoolExpert?> FindAsync(ZhichanDb db, long expertId, CancellationToken ct) =>
        await Project(db.Set<Expert>().Where(e => e.Id == expertId)).FirstOrDefaultAsync(ct);

    /// <summary>The expert row an account maintains.</summary>
    public static async Task<PoolExpert?> FindByUserAsync(ZhichanDb db, long userId, CancellationToken ct) =>
        await Project(db.Set<Expert>().Where(e => e.UserId == userId)).FirstOrDefaultAsync(ct);

    /// <summary>The ids of the expert rows an account maintains (for row filters: the cases an expert investigates).</summary>
    public static IQueryable<long> IdsOfUser(ZhichanDb db, long userId) => db.Set<Expert>().Where(e => e.UserId == userId).Select(e => e.Id);

    private static IQueryable<PoolExpert> Project(IQueryable<Expert> q) =>
        q.AsNoTracking().Select(e => new PoolExpert(e.Id, e.UserId, e.Name, e.Title, e.Employer, e.Specialties, e.IsActive, e.IsInvestigator, e.IsExample));
}
