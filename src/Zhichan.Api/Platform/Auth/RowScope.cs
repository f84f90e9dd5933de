namespace Zhichan.Api.Platform.Auth;

/// <summary>
/// The one row filter most registers share (ADR 0039): the bureau and admin see every row, a district the rows of its region,
/// an enterprise the rows of its own entities, an agency or bank the rows of its own unit, anyone else none. A module names its
/// columns once (as SQL over its alias) and gets the condition and its parameters (@org, @prefix) here, so the rule is written
/// in one place.
/// </summary>
/// <param name="Region">SQL of the row's region code column, e.g. <c>p.region_code</c>.</param>
/// <param name="Enterprise">SQL of the row's entity id column (an enterprise sees rows of entities linked to its unit), or null.</param>
/// <param name="Unit">SQL of the row's org-unit id column for agencies and banks (and other unit roles) — or of a list or subquery
/// of them when a row belongs to several units (a filing: its owner, its agency and its parties) — or null.</param>
/// <param name="UnitRoles">The roles that see rows of their own unit through <paramref name="Unit"/>.</param>
public sealed record RowScope(string Region, string? Enterprise = null, string? Unit = null, params string[] UnitRoles)
{
    /// <summary>The SQL condition for the user; bind <see cref="Args"/>.</summary>
    public string Sql(CurrentUser me) => me.Role switch
    {
        Roles.Admin or Roles.Bureau => "TRUE",
        Roles.District when me.RegionPrefix is not null => $"{Region} LIKE @prefix || '%'",
        Roles.Enterprise when Enterprise is not null => $"{Enterprise} IN (SELECT id FROM entities WHERE org_unit_id = @org)",
        _ when Unit is not null && me.Role is { } r && UnitRoles.Contains(r) => $"@org IN ({Unit})",
        _ => "FALSE",
    };

    /// <summary>
    /// The rows of an EF set the user sees: <paramref name="table"/> under <paramref name="alias"/> filtered by <see cref="Sql"/>
    /// (or by <paramref name="alsoVisible"/>, a condition that opens rows to everyone, e.g. published listings), composable with LINQ.
    /// </summary>
    public IQueryable<T> Rows<T>(DbSet<T> set, string table, string alias, CurrentUser me, string? alsoVisible = null) where T : class
    {
        // table, alias and conditions are the module's constants; the user's values travel only as @org and @prefix
        var sql = $"SELECT {alias}.* FROM {table} {alias} WHERE {(alsoVisible is null ? "" : $"({alsoVisible}) OR ")}({Sql(me)})";
        return set.FromSqlRaw(sql, new NpgsqlParameter("org", me.OrgUnitId ?? -1L), new NpgsqlParameter("prefix", me.RegionPrefix ?? ""));
    }

    /// <summary>The parameters of <see cref="Sql"/>: @org (the user's unit, -1 without) and @prefix (the district's region prefix).</summary>
    public static object Args(CurrentUser me) => new { org = me.OrgUnitId ?? -1, prefix = me.RegionPrefix ?? "" };

    /// <summary>Whether the user sees a row with these values (for a row already loaded; the same rule as <see cref="Sql"/>).</summary>
    public static bool Sees(CurrentUser me, string? regionCode, bool ownEntity = false, long? unitId = null, params string[] unitRoles) => me.Role switch
    {
        Roles.Admin or Roles.Bureau => true,
        Roles.District => me.RegionPrefix is { } p && regionCode is not null && regionCode.StartsWith(p, StringComparison.Ordinal),
        Roles.Enterprise => ownEntity,
        _ => unitId is not null && unitId == me.OrgUnitId && me.Role is { } r && unitRoles.Contains(r),
    };
}
