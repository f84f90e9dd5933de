using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>
/// Rights named in a contract or a watch, checked against the records (<see cref="RightReferences"/>), and for a contract
/// against its enterprise: a warning (not an error) when the record's applicants do not include it, since an assignment may
/// not be in the data centre yet.
/// </summary>
public static class CustodyRightChecks
{
    public static async Task<List<CheckedRight>> CheckAsync(IReadOnlyList<RightInput> rights, InnovationEntity? entity, NpgsqlDataSource data, CancellationToken ct)
    {
        var refs = await RightReferences.ResolveAsync(rights.Select(r => (r.Kind ?? "", r.Number ?? "")).ToList(), data, ct);
        var held = new HashSet<long>();
        if (entity is not null)
        {
            var ids = refs.Where(r => r.RecordId is not null).Select(r => r.RecordId!.Value).Distinct().ToArray();
            if (ids.Length > 0)
            {
                await using var conn = await data.OpenConnectionAsync(ct);
                held = (await conn.QueryAsync<long>(new CommandDefinition(
                    "SELECT id FROM records WHERE id = ANY(@ids) AND @entity = ANY(applicant_entity_ids)", new { ids, entity = entity.Id }, cancellationToken: ct))).ToHashSet();
            }
        }
        return refs.Select(r => new CheckedRight(r.Kind, RightKinds.Names.GetValueOrDefault(r.Kind, r.Kind), r.Input, r.Number, r.RecordId, r.Title, r.RightTypeName,
            r.StatusName, r.ApplicationDate, r.GrantDate, r.Holders, r.Error, r.IsValid ? Warning(r, entity, held) : null)).ToList();
    }

    private static string? Warning(RightRef r, InnovationEntity? entity, HashSet<long> held)
    {
        if (r.RecordId is null) return "数据中心无该商标记录，无法核对权利人，也无法计算续展期限";
        if (entity is null || held.Contains(r.RecordId.Value)) return null;
        var key = Key(entity.Name);
        if (r.Holders.Any(h => Key(h) == key)) return null;
        return $"记录的申请人/权利人（{string.Join("、", r.Holders.DefaultIfEmpty("无"))}）不含“{entity.Name}”，请确认该权利已转让给或由该企业持有";
    }

    private static string Key(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).Select(c => c switch { '（' => '(', '）' => ')', _ => c }).ToArray());

    /// <summary>Field errors for the rights (one per number that cannot be accepted, empty list, duplicates).</summary>
    public static void Validate(Validation v, IReadOnlyList<CheckedRight> rights)
    {
        if (rights.Count == 0) v.Add("rights", "请至少填写一项专利或商标");
        if (rights.Count > RightReferences.MaxRights) v.Add("rights", $"一次最多填写 {RightReferences.MaxRights} 项权利");
        for (var i = 0; i < rights.Count; i++)
            if (rights[i].Error is { } e) v.Add($"rights[{i}].number", e);
        foreach (var dup in rights.Where(r => r.Error is null).GroupBy(r => (r.Kind, r.Number)).Where(g => g.Count() > 1))
            v.Add("rights", $"{RightKinds.Names[dup.Key.Kind]}“{dup.Key.Number}”重复填写");
    }
}
