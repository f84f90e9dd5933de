using System.Globalization;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Checks and helpers the four registers share: controlled lists, regions, dates, who sees which rows (ADR 0028).</summary>
public static class UnitRules
{
    /// <summary>Authorization policy of the reading endpoints: the staff and the districts (a district sees its own region's rows).</summary>
    public const string ReadPolicy = "registries-units-read";

    public static Validation Vocab(this Validation v, string field, string? code, IReadOnlyList<VocabularyItem> list, string label, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(code)) return required ? v.Add(field, $"请选择{label}") : v;
        return list.Any(i => i.Code == code) ? v : v.Add(field, $"{label}“{code}”无效，应为：{string.Join("、", list.Names())}");
    }

    public static Validation Text(this Validation v, string field, string? value, int max, string label, bool required = false)
    {
        if (required) v.Required(field, value, label);
        return v.MaxLength(field, value, max, label).PlainText(field, value, label);
    }

    public static Validation DateOrder(this Validation v, string field, DateOnly? from, DateOnly? to, string fromLabel, string toLabel) =>
        from is { } f && to is { } t && t < f ? v.Add(field, $"{toLabel}不能早于{fromLabel}") : v;

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Region codes that are not six digits or not in the 区划 reference (each with its error).</summary>
    public static async Task CheckRegionsAsync(NpgsqlConnection conn, Validation v, string field, IReadOnlyCollection<string> codes, string label)
    {
        if (codes.Count == 0) { v.Add(field, $"请选择{label}"); return; }
        var bad = codes.Where(c => c.Length != 6 || !c.All(char.IsAsciiDigit)).ToList();
        foreach (var b in bad) v.Add(field, $"{label}“{b}”应为 6 位行政区划代码");
        var arr = codes.Except(bad).Distinct().ToArray();
        if (arr.Length == 0) return;
        var known = (await conn.QueryAsync<string>("SELECT code FROM ref_regions WHERE code = ANY(@arr)", new { arr })).ToHashSet();
        foreach (var c in arr.Where(c => !known.Contains(c))) v.Add(field, $"{label}“{c}”不是有效的行政区划代码");
    }

    /// <summary>A district user may see a row only in its region; 404 otherwise (its existence is not revealed).</summary>
    public static bool Visible(CurrentUser me, IEnumerable<string> regionCodes) =>
        me.RegionPrefix is not { } p || regionCodes.Any(c => c.StartsWith(p, StringComparison.Ordinal));

    public static void EnsureVisible(CurrentUser me, IEnumerable<string> regionCodes, string what, long id)
    {
        if (!Visible(me, regionCodes)) throw new DomainException($"{what} {id} 不存在", 404);
    }

    public static async Task<Dictionary<string, string>> RegionNamesAsync(NpgsqlConnection conn, IEnumerable<string> codes)
    {
        var arr = codes.Distinct().ToArray();
        if (arr.Length == 0) return [];
        return (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE code = ANY(@arr)", new { arr }))
            .ToDictionary(x => x.Code, x => x.Name);
    }

    /// <summary>
    /// A date cell of an import: 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, or an Excel date (a day number since 1899-12-30).
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim().Replace('年', '-').Replace('月', '-').Replace("日", "").Replace('/', '-').Replace('.', '-');
        if (DateOnly.TryParseExact(t, ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { date = d; return true; }
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 80000 && serial == Math.Floor(serial))
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    /// <summary>Region cells of an import: codes, or names that are unique in the 区划 reference; separated by 、，,；; or spaces.</summary>
    public static async Task<(List<string> Codes, List<string> Errors)> ResolveRegionsAsync(NpgsqlConnection conn, string? text)
    {
        var codes = new List<string>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return (codes, errors);
        foreach (var part in text.Split(['、', '，', ',', '；', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length == 6 && part.All(char.IsAsciiDigit))
            {
                if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ref_regions WHERE code = @part)", new { part })) codes.Add(part);
                else errors.Add($"“{part}”不是有效的行政区划代码");
                continue;
            }
            var found = (await conn.QueryAsync<string>("SELECT code FROM ref_regions WHERE name = @part LIMIT 2", new { part })).ToList();
            if (found.Count == 1) codes.Add(found[0]);
            else errors.Add(found.Count == 0 ? $"找不到地区“{part}”" : $"地区名称“{part}”不唯一，请填写 6 位行政区划代码");
        }
        return (codes.Distinct().ToList(), errors);
    }

    public static string FormatDate(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
}
