using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>The pool (bureau): filtered by text, specialty, region, status and the investigator flag; phones masked.</summary>
public static class ListExperts
{
    public static async Task<Ok<Page<ExpertRow>>> HandleAsync(string? q, string? specialty, string? region, bool? active, bool? investigator,
        int? page, int? pageSize, NpgsqlDataSource db, RecordsReference reference, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var (where, args) = Filter(q, specialty, region, active, investigator);
        args.Add("limit", size);
        args.Add("offset", offset);
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM experts e WHERE {where}", args);
        var rows = await conn.QueryAsync<(long Id, string Name, string? Title, string? Employer, string? RegionCode, string[] Specialties, bool IsActive,
            bool IsInvestigator, bool IsExample, string? Phone, bool HasAccount, DateOnly? TermEndsOn, int Documents)>($"""
            SELECT e.id, e.name, e.title, e.employer, e.region_code, e.specialties, e.is_active, e.is_investigator, e.is_example, e.phone,
                   e.user_id IS NOT NULL, e.term_ends_on, (SELECT count(*)::int FROM expert_documents d WHERE d.expert_id = e.id)
            FROM experts e WHERE {where}
            ORDER BY e.is_active DESC, e.is_example, e.name, e.id LIMIT @limit OFFSET @offset
            """, args);
        return TypedResults.Ok(new Page<ExpertRow>(rows.Select(r => new ExpertRow(r.Id, r.Name, r.Title, r.Employer, r.RegionCode,
            RegistryRegions.Label(reference, r.RegionCode), r.Specialties, r.Specialties.Select(ExpertSpecialties.Label).ToArray(), r.IsActive, r.IsInvestigator,
            r.IsExample, r.Phone is null ? null : Masking.MaskPhone(r.Phone), r.HasAccount, r.TermEndsOn, r.Documents)).ToList(), total));
    }

    /// <summary>The row filter shared by the list and the export.</summary>
    internal static (string Where, DynamicParameters Args) Filter(string? q, string? specialty, string? region, bool? active, bool? investigator)
    {
        var v = new Validation();
        v.MaxLength("q", q, 100, "关键词");
        if (specialty is not null && !ExpertSpecialties.IsKnown(specialty)) v.Add("specialty", $"专业领域“{specialty}”不在目录中");
        if (region is not null && (region.Length != 6 || !region.All(char.IsAsciiDigit))) v.Add("region", "地区应为 6 位行政区划代码");
        v.ThrowIfInvalid();
        var where = new List<string> { "true" };
        var args = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(q))
        {
            where.Add("(strpos(e.name, @q) > 0 OR strpos(coalesce(e.employer, ''), @q) > 0 OR strpos(coalesce(e.title, ''), @q) > 0)");
            args.Add("q", q.Trim());
        }
        if (specialty is not null) { where.Add("@specialty = ANY(e.specialties)"); args.Add("specialty", specialty); }
        if (region is not null)
        {
            where.Add(RegistryRegions.Within("e.region_code"));
            args.AddDynamicParams(RegistryRegions.Args(region));
        }
        if (active is not null) { where.Add("e.is_active = @active"); args.Add("active", active.Value); }
        if (investigator is not null) { where.Add("e.is_investigator = @investigator"); args.Add("investigator", investigator.Value); }
        return (string.Join(" AND ", where), args);
    }
}
