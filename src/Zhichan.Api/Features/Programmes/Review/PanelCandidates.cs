using System.Text.Json;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>The criteria of one draw: the type's <see cref="PanelRule"/> unless the bureau overrides them, and the applications reviewed.</summary>
public sealed record DrawCriteria(int Size, int Reserves, string[] Specialties, string[] Titles, string? RegionPrefix, bool AvoidSameRegion, long[] ApplicationIds);

/// <summary>An expert left out of a draw and every reason, in Chinese.</summary>
public sealed record PanelExclusion(long ExpertId, string[] Reasons);

/// <summary>What programme_draws.inputs holds: the algorithm's inputs plus what produced them (published with the draw).</summary>
public sealed record StoredDrawInputs(string Algorithm, string Seed, int Size, int Reserves, long[] EligibleExpertIds, long[] ApplicationIds,
    int PoolCount, PanelExclusion[] Exclusions)
{
    public PanelDrawInputs ForAlgorithm() => new(Algorithm, Seed, Size, Reserves, EligibleExpertIds);
}

/// <summary>
/// The candidates of a draw (ADR 0041): the active experts of the pool whose term has not ended, filtered by specialty, title and
/// region, minus those who must avoid any application of the panel — computed, not typed: (a) same employer now or within
/// <see cref="ExpertAvoidance.WindowYears"/> years and (c) declared relations, both by <see cref="ExpertAvoidance"/> against every
/// name of every applicant; (b) co-applicant or co-inventor with an applicant in the records; (d) same county when the rule says so.
/// </summary>
public static class PanelCandidates
{
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private sealed record AppRow(long Id, string ApplicantName, long? EntityId, string? RegionCode);

    private sealed class RecordHit
    {
        public string? ApplicationNumber { get; init; }
        public string? Title { get; init; }
        public string[] ApplicantKeys { get; init; } = [];
        public string[] Inventors { get; init; } = [];
        public long[] ApplicantEntityIds { get; init; } = [];
    }

    public static async Task<(long[] Eligible, int PoolCount, PanelExclusion[] Exclusions)> ComputeAsync(ZhichanDb db, NpgsqlDataSource ds,
        DrawCriteria c, DateOnly today, CancellationToken ct)
    {
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => c.ApplicationIds.Contains(a.Id))
            .Select(a => new AppRow(a.Id, a.ApplicantName, a.EntityId, a.RegionCode)).ToListAsync(ct);
        var pool = await db.Set<Expert>().AsNoTracking().Include(e => e.Employments).AsSplitQuery()
            .Where(e => e.IsActive && (e.TermEndsOn == null || e.TermEndsOn >= today)).OrderBy(e => e.Id).ToListAsync(ct);
        pool = pool.Where(e => (c.Specialties.Length == 0 || e.Specialties.Intersect(c.Specialties).Any())
                               && (c.Titles.Length == 0 || e.Title is not null && c.Titles.Contains(e.Title))
                               && (c.RegionPrefix is null || e.RegionCode is not null && e.RegionCode.StartsWith(c.RegionPrefix, StringComparison.Ordinal))).ToList();
        var reasons = pool.ToDictionary(e => e.Id, _ => new List<string>());

        // (a) and (c): employers, employments, the account's unit and declared relations against every name of every applicant
        var entityIds = apps.Where(a => a.EntityId is not null).Select(a => a.EntityId!.Value).Distinct().ToArray();
        await using var conn = await ds.OpenConnectionAsync(ct);
        var otherNames = (await conn.QueryAsync<(long EntityId, string Name)>(
                "SELECT id, name FROM entities WHERE id = ANY(@ids) UNION SELECT entity_id, name FROM entity_names WHERE entity_id = ANY(@ids)", new { ids = entityIds }))
            .ToLookup(x => x.EntityId, x => x.Name);
        var parties = apps.Select(a => new AvoidanceParty($"申报单位“{a.ApplicantName}”", a.ApplicantName,
            a.EntityId is { } eid ? otherNames[eid].Where(n => n != a.ApplicantName).ToArray() : null)).ToList();
        foreach (var r in await ExpertAvoidance.CheckAsync(db, pool.Select(e => e.Id).ToArray(), parties, today, "本批次评审", ct))
            reasons[r.ExpertId].AddRange(r.Conflicts.Select(x => x.Reason));

        // (b) co-applicant or co-inventor: a record of an applicant (by its entity, or its name's matching key) that names the
        // expert among the inventors or an employer of the expert among the applicants
        var since = today.AddYears(-ExpertAvoidance.WindowYears);
        var employers = pool.ToDictionary(e => e.Id, e => new[] { e.Employer }.Concat(e.Employments.Where(j => j.ToOn is null || j.ToOn >= since).Select(j => j.Employer))
            .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => (Name: n!, Key: ApplicantName.NormaliseForMatching(n))).Where(x => x.Key.Length > 0).DistinctBy(x => x.Key).ToArray());
        var appKeys = apps.ToDictionary(a => a.Id, a => ApplicantName.NormaliseForMatching(a.ApplicantName));
        var hits = (await conn.QueryAsync<RecordHit>(
            """
            SELECT r.application_number, r.title, r.applicant_keys, r.inventors, r.applicant_entity_ids
            FROM records r
            WHERE (r.applicant_entity_ids && @entityIds OR r.applicant_keys && @appKeys)
              AND (r.inventors && @names OR r.applicant_keys && @employerKeys)
            ORDER BY r.application_date DESC NULLS LAST, r.id
            LIMIT 5000
            """, new
            {
                entityIds, appKeys = appKeys.Values.Where(k => k.Length > 0).Distinct().ToArray(),
                names = pool.Select(e => e.Name).Distinct().ToArray(), employerKeys = employers.Values.SelectMany(x => x).Select(x => x.Key).Distinct().ToArray(),
            })).ToList();
        foreach (var e in pool)
        foreach (var a in apps)
        {
            var mine = hits.Where(h => a.EntityId is { } eid && h.ApplicantEntityIds.Contains(eid) || appKeys[a.Id].Length > 0 && h.ApplicantKeys.Contains(appKeys[a.Id])).ToList();
            if (mine.FirstOrDefault(h => h.Inventors.Contains(e.Name)) is { } inv)
                reasons[e.Id].Add($"专家本人是申报单位“{a.ApplicantName}”专利 {inv.ApplicationNumber}（{inv.Title}）的共同发明人");
            foreach (var emp in employers[e.Id].Where(x => x.Key != appKeys[a.Id]))
                if (mine.FirstOrDefault(h => h.ApplicantKeys.Contains(emp.Key)) is { } co)
                    reasons[e.Id].Add($"专家{(emp.Name == e.Employer ? "现任职单位" : "曾任职单位")}“{emp.Name}”与申报单位“{a.ApplicantName}”共同申请专利 {co.ApplicationNumber}（{co.Title}）");
        }

        // (d) same county as an applicant
        if (c.AvoidSameRegion)
        {
            var names = (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE level = 'county'")).ToDictionary(x => x.Code, x => x.Name);
            foreach (var e in pool.Where(e => e.RegionCode is { Length: 6 }))
            foreach (var a in apps.Where(a => a.RegionCode is { Length: >= 6 } && a.RegionCode[..6] == e.RegionCode))
                reasons[e.Id].Add($"专家所在县区（{names.GetValueOrDefault(e.RegionCode!, "同一县区")}）与申报单位“{a.ApplicantName}”相同，本项目要求同县区回避");
        }

        var exclusions = reasons.Where(r => r.Value.Count > 0).Select(r => new PanelExclusion(r.Key, r.Value.Distinct().ToArray())).OrderBy(x => x.ExpertId).ToArray();
        var eligible = pool.Select(e => e.Id).Where(id => reasons[id].Count == 0).Order().ToArray();
        return (eligible, pool.Count, exclusions);
    }
}
