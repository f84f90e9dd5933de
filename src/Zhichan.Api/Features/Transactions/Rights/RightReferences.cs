using System.Text.RegularExpressions;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Transactions.Rights;

/// <summary>The kinds of right a transaction can concern.</summary>
public static class RightKinds
{
    public const string Patent = "patent", Trademark = "trademark";
    public static readonly string[] All = [Patent, Trademark];
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Patent] = "专利", [Trademark] = "商标" };
}

/// <summary>
/// A right named in a filing, pledge, offer or custody contract, as checked against the data centre: the number as the user
/// wrote it, and for a patent the record it found (canonical application number, title, type, status, dates, holders).
/// </summary>
/// <param name="Number">Canonical: the application number for a patent (201710447290.8), the registration number for a trademark.</param>
/// <param name="RecordId">The record in the data centre, or null (a trademark not held, or a number not found: then Error says why).</param>
/// <param name="Error">Why the number cannot be accepted (Chinese), or null.</param>
public sealed record RightRef(string Kind, string Input, string Number, long? RecordId, string? Title, string? RightType, string? RightTypeName,
    string? Status, string? StatusName, DateOnly? ApplicationDate, DateOnly? GrantDate, IReadOnlyList<string> Holders, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks the rights users name against the records (one owner of the fact "which patents exist": Records). A patent is
/// given by any number form users paste (application, publication or grant number, with or without CN/ZL, dot, check digit or
/// kind code — NumberForms) and must be a record of the data centre; a trademark by its registration number (digits, as
/// CNIPA's 商标局 issues them), matched to a trademark record when the data centre holds one.
/// </summary>
public static partial class RightReferences
{
    public const int MaxRights = 200;

    [GeneratedRegex(@"^[0-9]{1,9}$")]
    private static partial Regex TrademarkShape();

    public static async Task<IReadOnlyList<RightRef>> ResolveAsync(IReadOnlyList<(string Kind, string Number)> rights, NpgsqlDataSource db, CancellationToken ct)
    {
        var result = new RightRef?[rights.Count];
        var patentKeys = new List<(int Index, NumberKeys Keys)>();
        var trademarks = new List<(int Index, string Number)>();
        for (var i = 0; i < rights.Count; i++)
        {
            var (kind, raw) = (rights[i].Kind, (rights[i].Number ?? "").Trim());
            if (kind == RightKinds.Patent)
            {
                var keys = NumberForms.Parse(raw, NumberKinds.Application | NumberKinds.Publication);
                if (!keys.IsValid) result[i] = Invalid(kind, raw, keys.Error ?? $"专利号“{raw}”无法识别");
                else patentKeys.Add((i, keys));
            }
            else if (kind == RightKinds.Trademark)
            {
                var n = raw.Replace(" ", "").TrimStart('第').TrimEnd('号');
                if (!TrademarkShape().IsMatch(n)) result[i] = Invalid(kind, raw, $"商标注册号“{raw}”无法识别（应为 1–9 位数字）");
                else trademarks.Add((i, n));
            }
            else result[i] = Invalid(kind, raw, $"权利类型“{kind}”无效（应为 专利 或 商标）");
        }

        if (patentKeys.Count > 0)
        {
            var apps = patentKeys.Select(p => p.Keys.Application).OfType<string>().Distinct().ToArray();
            var pubs = patentKeys.Select(p => p.Keys.Publication).OfType<string>().Distinct().SelectMany(NumberForms.PublicationVariants).ToArray();
            var rows = await ReadAsync(db, """
                WHERE r.right_type LIKE 'patent%' AND (r.application_number = ANY($1) OR r.publication_number = ANY($2) OR r.grant_number = ANY($2))
                """, apps, pubs, ct);
            foreach (var (index, keys) in patentKeys)
            {
                var row = rows.FirstOrDefault(r => keys.Application is not null && r.App == keys.Application)
                          ?? rows.FirstOrDefault(r => keys.Publication is not null && (Stem(r.Pub) == keys.Publication || Stem(r.Grant) == keys.Publication));
                result[index] = row is null
                    ? Invalid(RightKinds.Patent, keys.Text, $"专利“{keys.Text}”在数据中心中不存在，请核对号码")
                    : Found(RightKinds.Patent, keys.Text, row.App ?? keys.Application ?? keys.Text, row);
            }
        }
        if (trademarks.Count > 0)
        {
            var numbers = trademarks.Select(t => t.Number).Distinct().ToArray();
            var rows = await ReadAsync(db, "WHERE r.right_type = 'trademark' AND r.application_number = ANY($1)", numbers, Array.Empty<string>(), ct);
            foreach (var (index, number) in trademarks)
            {
                var row = rows.FirstOrDefault(r => r.App == number);
                result[index] = row is null
                    ? new RightRef(RightKinds.Trademark, rights[index].Number, number, null, null, RightTypes.Trademark, RightTypes.Names[RightTypes.Trademark],
                        null, null, null, null, [], null)
                    : Found(RightKinds.Trademark, rights[index].Number, number, row);
            }
        }
        return result.Select(r => r!).ToList();
    }

    /// <summary>Adds one field error per right that cannot be accepted (field "rights[i].number"), and one for an empty or too long list.</summary>
    public static void Check(Validation v, IReadOnlyList<RightRef> refs, string field = "rights")
    {
        if (refs.Count == 0) v.Add(field, "请至少填写一项专利或商标");
        if (refs.Count > MaxRights) v.Add(field, $"一次最多填写 {MaxRights} 项权利");
        for (var i = 0; i < refs.Count; i++)
            if (refs[i].Error is { } e) v.Add($"{field}[{i}].number", e);
        foreach (var dup in refs.Where(r => r.IsValid).GroupBy(r => (r.Kind, r.Number)).Where(g => g.Count() > 1))
            v.Add(field, $"{RightKinds.Names[dup.Key.Kind]}“{dup.Key.Number}”重复填写");
    }

    private static string? Stem(string? number) => number is null ? null : StemPattern().Match(number).Value;

    [GeneratedRegex(@"^[A-Z]{2}[0-9]+")]
    private static partial Regex StemPattern();

    private static RightRef Invalid(string kind, string raw, string error) =>
        new(kind, raw, raw, null, null, null, null, null, null, null, null, [], error);

    private static RightRef Found(string kind, string input, string number, Row r) =>
        new(kind, input, number, r.Id, r.Title, r.Type, RightTypes.Names.GetValueOrDefault(r.Type, r.Type), r.Status,
            r.Status is null ? null : RecordStatus.Names.GetValueOrDefault(r.Status, r.Status), r.AppDate, r.GrantDate, r.Holders, null);

    private sealed class Row
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string? App { get; init; }
        public string? Pub { get; init; }
        public string? Grant { get; init; }
        public string? Title { get; init; }
        public string? Status { get; init; }
        public DateOnly? AppDate { get; init; }
        public DateOnly? GrantDate { get; init; }
        public string[] Holders { get; init; } = [];
    }

    private static async Task<List<Row>> ReadAsync(NpgsqlDataSource db, string where, string[] first, string[] second, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            SELECT r.id, r.right_type AS type, r.application_number AS app, r.publication_number AS pub, r.grant_number AS grant, r.title, r.status,
                   r.application_date AS appdate, r.grant_date AS grantdate, r.applicants AS holders
            FROM records r {where.Replace("$1", "@first").Replace("$2", "@second")}
            LIMIT 1000
            """, new { first, second }, cancellationToken: ct));
        return rows.ToList();
    }
}
