using System.Text.Json.Nodes;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Programmes;

/// <param name="Outcome">pass, fail or unknown (the platform lacks the data: shown, never blocking).</param>
/// <param name="Evidence">What the platform found (counts, numbers, the listing), in Chinese.</param>
/// <param name="Items">The rows behind the evidence (patent numbers and titles, decision numbers …), at most 20.</param>
public sealed record EligibilityResult(string Kind, string Text, string Outcome, string OutcomeName, string Evidence, string Source, IReadOnlyList<string> Items);

/// <summary>
/// Evaluates a definition's eligibility rules against the platform's data for one application (ADR 0040): the applicant is the
/// entity of the applying unit (entities.org_unit_id); patents come from the records through the entity links, labels from the
/// entity register, 失信 listings from protection, earlier recognitions from this engine. A rule the data cannot decide is
/// "unknown": shown to the applicant and the bureau, but not blocking.
/// </summary>
public static class EligibilityEngine
{
    public const string Pass = "pass", Fail = "fail", Unknown = "unknown";
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Pass] = "符合", [Fail] = "不符合", [Unknown] = "无法核验" };
    private const int MaxItems = 20;

    public static async Task<IReadOnlyList<EligibilityResult>> EvaluateAsync(ZhichanDb db, NpgsqlDataSource data, ProgrammeApplication a, ProgrammeCall call,
        ProgrammeDefinition d, DateOnly today, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var results = new List<EligibilityResult>();
        var form = JsonNode.Parse(a.Form) as JsonObject ?? [];
        foreach (var rule in d.Eligibility)
        {
            EligibilityResult R(string outcome, string evidence, IReadOnlyList<string>? items = null) =>
                new(rule.Kind, rule.Text, outcome, Names[outcome], evidence, rule.Source, (items ?? []).Take(MaxItems).ToList());
            const string noEntity = "本单位账号尚未关联创新主体名录中的主体，无法从数据中心核验（请联系知识产权局关联主体）";
            switch (rule.Kind)
            {
                case "registered_in_region":
                {
                    var prefix = CurrentUser.SignificantPrefix(call.RegionCode);
                    var names = await ProgrammeViews.RegionNamesAsync(db, [a.RegionCode, call.RegionCode], ct);
                    string Name(string? c) => c is null ? "未登记" : names.TryGetValue(c, out var n) ? $"{n}（{c}）" : c;
                    var evidence = $"申报单位所在地区：{Name(a.RegionCode)}；批次范围：{Name(call.RegionCode)}";
                    results.Add(a.RegionCode is null ? R(Unknown, evidence) : R(a.RegionCode.StartsWith(prefix, StringComparison.Ordinal) ? Pass : Fail, evidence));
                    break;
                }
                case "valid_inventions" or "patents_held":
                {
                    if (a.EntityId is not { } id) { results.Add(R(Unknown, noEntity)); break; }
                    var type = rule.Kind == "valid_inventions" ? RightTypes.Invention : "patent%";
                    var rows = (await conn.QueryAsync<(string? Number, string? Title)>(new CommandDefinition("""
                        SELECT application_number, title FROM records
                        WHERE applicant_entity_ids @> ARRAY[@id]::bigint[] AND right_type LIKE @type AND status = @inForce ORDER BY application_date DESC NULLS LAST, id
                        """, new { id, type, inForce = RecordStatus.InForce }, cancellationToken: ct))).ToList();
                    var min = rule.Min ?? 1;
                    var what = rule.Kind == "valid_inventions" ? "有效发明专利" : "有效专利";
                    results.Add(R(rows.Count >= min ? Pass : Fail, $"数据中心记录本单位持有{what} {rows.Count} 件（要求不少于 {min} 件）",
                        rows.Select(r => $"{r.Number} {r.Title}").ToList()));
                    break;
                }
                case "entity_label":
                {
                    if (a.EntityId is not { } id) { results.Add(R(Unknown, noEntity)); break; }
                    var labels = (await conn.QueryAsync<(string? Certificate, string? Body, DateOnly From, DateOnly? To)>(new CommandDefinition("""
                        SELECT certificate_number, certifying_body, valid_from, valid_to FROM entity_labels
                        WHERE entity_id = @id AND kind = @kind AND revoked_at IS NULL AND valid_from <= @today AND (valid_to IS NULL OR valid_to >= @today)
                        ORDER BY valid_to DESC NULLS FIRST
                        """, new { id, kind = rule.Label, today }, cancellationToken: ct))).ToList();
                    results.Add(labels.Count > 0
                        ? R(Pass, $"创新主体名录中有效的标签 {labels.Count} 个", labels.Select(l => $"证书 {l.Certificate ?? "—"}（{l.Body ?? "—"}），有效期 {l.From:yyyy-MM-dd} 至 {(l.To is { } t ? t.ToString("yyyy-MM-dd") : "长期")}").ToList())
                        : R(Fail, "创新主体名录中没有本单位在有效期内的相应标签（证书），请先向知识产权局登记"));
                    break;
                }
                case "no_dishonesty":
                {
                    var since = rule.Years is { } y ? today.AddYears(-y) : DateOnly.MinValue;
                    var listings = (await conn.QueryAsync<(string Number, DateOnly Listed, string Status)>(new CommandDefinition("""
                        SELECT decision_number, listed_on, status FROM credit_listings
                        WHERE (subject_name = @name OR (@code::text IS NOT NULL AND credit_code = @code)) AND listed_on >= @since AND status <> 'repaired'
                        ORDER BY listed_on DESC
                        """, new { name = a.ApplicantName, code = a.CreditCode, since }, cancellationToken: ct))).ToList();
                    results.Add(listings.Count == 0
                        ? R(Pass, $"保护模块失信名单中 {since:yyyy-MM-dd} 以来没有本单位的记录")
                        : R(Fail, $"保护模块失信名单中 {since:yyyy-MM-dd} 以来有本单位的记录 {listings.Count} 条", listings.Select(l => $"{l.Number}（{l.Listed:yyyy-MM-dd} 列入）").ToList()));
                    break;
                }
                case "no_recent_recognition":
                {
                    var q = db.Set<ProgrammeApplication>().AsNoTracking()
                        .Where(x => x.Id != a.Id && x.Status == ApplicationStates.Approved
                                    && ((a.EntityId != null && x.EntityId == a.EntityId) || (a.OrgUnitId != null && x.OrgUnitId == a.OrgUnitId)));
                    if (rule.Years is { } years)
                    {
                        var since = DateTimeOffset.UtcNow.AddYears(-years);
                        q = q.Where(x => x.DecidedAt >= since);
                    }
                    var earlier = await q.Join(db.Set<ProgrammeCall>().Where(c => c.TypeId == call.TypeId), x => x.CallId, c => c.Id, (x, c) => new { c.Title, x.DecidedAt })
                        .ToListAsync(ct);
                    var window = rule.Years is { } yy ? $"近 {yy} 年" : "以往";
                    results.Add(earlier.Count == 0 ? R(Pass, $"{window}未获本项目认定/资助")
                        : R(Fail, $"{window}已获本项目认定/资助 {earlier.Count} 次", earlier.Select(e => $"{e.Title}（{e.DecidedAt:yyyy-MM-dd}）").ToList()));
                    break;
                }
                case "form_patents_held":
                {
                    var numbers = FormRules.Patents(form[rule.Field ?? ""]);
                    if (numbers.Count == 0) { results.Add(R(Pass, "表单未填写专利，本条不适用")); break; }
                    if (a.EntityId is not { } id) { results.Add(R(Unknown, noEntity)); break; }
                    var refs = await RightReferences.ResolveAsync(numbers.Select(n => (RightKinds.Patent, n)).ToList(), data, ct);
                    var ids = refs.Where(r => r.RecordId is not null).Select(r => r.RecordId!.Value).ToArray();
                    var held = (await conn.QueryAsync<long>(new CommandDefinition("SELECT id FROM records WHERE id = ANY(@ids) AND applicant_entity_ids @> ARRAY[@id]::bigint[]",
                        new { ids, id }, cancellationToken: ct))).ToHashSet();
                    var items = refs.Select(r => r.RecordId is null ? $"{r.Input}：{r.Error}"
                        : !held.Contains(r.RecordId.Value) ? $"{r.Number} {r.Title}：权利人不是本单位（{string.Join("、", r.Holders)}）"
                        : r.Status != RecordStatus.InForce ? $"{r.Number} {r.Title}：法律状态为“{r.StatusName ?? "未知"}”，不是有效专利"
                        : $"{r.Number} {r.Title}：本单位持有，有效").ToList();
                    var ok = refs.All(r => r.RecordId is { } rid && held.Contains(rid) && r.Status == RecordStatus.InForce);
                    results.Add(R(ok ? Pass : Fail, ok ? $"所填 {refs.Count} 件专利均为本单位持有且有效" : "所填专利中有不属于本单位或不是有效专利的", items));
                    break;
                }
                default:
                    results.Add(R(Unknown, $"平台不认识的资格条件类型“{rule.Kind}”"));
                    break;
            }
        }
        return results;
    }
}
