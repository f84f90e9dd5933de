using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// Regions of the registers of people (experts, talent, training events): a 6-digit 国家统计局 code checked against the official
/// divisions when they are loaded, its display name, and the name a sheet may write instead of the code (海州区, 连云港市海州区).
/// </summary>
public static class RegistryRegions
{
    /// <summary>Null when the code is acceptable, else the reason.</summary>
    public static string? Problem(RecordsReference reference, string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return $"地区代码“{code}”应为 6 位行政区划代码";
        if (reference.Gazetteer is { } g && g.Find(code) is null) return $"地区代码“{code}”不在行政区划表中";
        return null;
    }

    /// <summary>连云港市海州区 for 320706, 连云港市 for 320700; the code itself when the divisions are not loaded.</summary>
    public static string? Label(RecordsReference reference, string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        if (reference.Gazetteer is not { } g || g.Find(code) is not { } r) return code;
        return r.ParentCode is { } p && g.Find(p) is { } parent && r.Level == RegionLevel.County ? parent.Name + r.Name : r.Name;
    }

    /// <summary>The code of what a sheet wrote: a code, a name (unique in the divisions) or a city + county name.</summary>
    public static string? Parse(RecordsReference reference, string text)
    {
        var t = text.Trim();
        if (t.Length == 6 && t.All(char.IsAsciiDigit)) return Problem(reference, t) is null ? t : null;
        if (reference.Gazetteer is not { } g) return null;
        var matches = g.Regions.Where(r => r.Name == t || Label(reference, r.Code) == t).Select(r => r.Code).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>SQL condition: the region column lies in the region @region (the region itself or, for a city or province, below it).</summary>
    public static string Within(string column) => $"({column} = @region OR {column} LIKE @regionPrefix || '%')";

    public static object Args(string region) => new { region, regionPrefix = CurrentUser.SignificantPrefix(region) };
}
