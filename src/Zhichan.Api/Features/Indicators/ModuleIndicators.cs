namespace Zhichan.Api.Features.Indicators;

/// <summary>
/// An indicator whose facts a business module owns (catalogue source <c>module</c>: 服务机构数, 培训人次, 贯标企业数, 示范/优势企业数,
/// 备案数 …). The owning module registers one implementation per catalogue code
/// (<c>services.AddSingleton&lt;IModuleIndicator, …&gt;()</c> in its module file); the recomputation writes its values under the
/// current definition version beside the records-based ones (status <c>computed</c>), and the drill-down lists the rows behind
/// a value with the same rule. Without an implementation the indicator stays reported by its owner unit.
/// </summary>
public interface IModuleIndicator
{
    /// <summary>The catalogue code (Seeds/catalogue.json).</summary>
    string Code { get; }

    /// <summary>
    /// Values per region and year. A fact counts in each level of its region (province, city and county code, as the records do);
    /// flows by the year of the fact, stocks at each year's end for the years where the module has facts up to the current year.
    /// </summary>
    Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct);

    /// <summary>The rows behind one value (by the same rule as <see cref="ComputeAsync"/>): total and one page.</summary>
    Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct);
}

/// <summary>One value of a module indicator; <paramref name="Note"/> says what the figure covers when that is not obvious.</summary>
public sealed record ModuleIndicatorValue(string RegionCode, int Year, decimal Value, string? Note = null);

/// <summary>
/// One row behind a module indicator's value: what it is (<paramref name="Kind"/>, Chinese, e.g. 服务机构, 培训签到), its id and
/// name, a short detail (grade, certificate number, hours …), its date and the app path of its page (e.g. /registries/agencies/12).
/// </summary>
public sealed record ModuleIndicatorRow(string Kind, long Id, string Name, string? Detail, DateOnly? Date, string? Link);

public sealed record ModuleIndicatorRows(long Total, IReadOnlyList<ModuleIndicatorRow> Rows);
