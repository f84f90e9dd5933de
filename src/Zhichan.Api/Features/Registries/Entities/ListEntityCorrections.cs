using static Zhichan.Api.Features.Registries.Entities.EntityCorrections;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>ListEntityCorrections: the bureau's correction queue (every request), an enterprise's own requests.</summary>
public static class ListEntityCorrections
{
    public static async Task<Ok<Page<EntityCorrectionDto>>> HandleAsync(string? status, long? entityId, int? page, int? pageSize, ZhichanDb ef, CurrentUser me,
        CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        if (status is not null) new Validation().OneOf("status", status, CorrectionStatus.Names.Keys, "状态").ThrowIfInvalid();
        var q = ef.Set<EntityCorrection>().AsNoTracking();
        if (me.Role == Roles.Enterprise)
        {
            var own = await EntityQueries.OwnAsync(ef, me, ct);
            var ownId = own?.Id ?? -1;
            q = q.Where(c => c.OrgUnitId == me.OrgUnitId || c.EntityId == ownId);
        }
        else if (!me.IsStaff) throw new DomainException("更正申请仅向知识产权局和提出申请的企业提供", 403, "禁止访问");
        if (status is not null) q = q.Where(c => c.Status == status);
        if (entityId is not null) q = q.Where(c => c.EntityId == entityId);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderBy(c => c.Status == CorrectionStatus.Pending ? 0 : 1).ThenByDescending(c => c.RequestedAt).ThenByDescending(c => c.Id)
            .Skip(offset).Take(size).ToListAsync(ct);
        var ids = rows.Select(r => r.EntityId).Distinct().ToList();
        var names = await ef.Set<InnovationEntity>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var people = await EntityQueries.DisplayNamesAsync(ef, rows.SelectMany(c => new[] { c.RequestedByName, c.ReviewedByName }), ct);
        return TypedResults.Ok(new Page<EntityCorrectionDto>(rows.Select(c => ToDto(c, names.GetValueOrDefault(c.EntityId, "")) with
        {
            RequestedByName = people.GetValueOrDefault(c.RequestedByName, c.RequestedByName),
            ReviewedByName = c.ReviewedByName is null ? null : people.GetValueOrDefault(c.ReviewedByName, c.ReviewedByName),
        }).ToList(), total));
    }
}
