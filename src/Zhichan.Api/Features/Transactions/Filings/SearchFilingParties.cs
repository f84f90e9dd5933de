namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// The party picker of the form: entities of the register by name or credit code (names and 统一社会信用代码 of organisations
/// are public facts), at most 20, the caller's own unit's entity first.
/// </summary>
public static class SearchFilingParties
{
    public sealed record PartyOption(long Id, string Name, string? CreditCode, string? RegionCode, bool IsOwnUnit);

    public static async Task<Ok<IReadOnlyList<PartyOption>>> HandleAsync(string? q, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var text = q?.Trim() ?? "";
        if (text.Length < 2) throw new RequestValidationException("q", "请输入至少 2 个字的名称或统一社会信用代码");
        await using var conn = await data.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PartyOption>(new CommandDefinition("""
            SELECT id, name, credit_code AS creditcode, region_code AS regioncode, coalesce(org_unit_id = @org, false) AS isownunit
            FROM entities
            WHERE merged_into IS NULL AND (name LIKE '%' || @text || '%' OR credit_code = upper(@text))
            ORDER BY coalesce(org_unit_id = @org, false) DESC, (name = @text) DESC, record_count DESC, name
            LIMIT 20
            """, new { text, org = me.OrgUnitId ?? -1 }, cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<PartyOption>>(rows.ToList());
    }
}
