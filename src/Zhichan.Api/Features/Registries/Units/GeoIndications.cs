using Zhichan.Api.Platform.Security;
using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record GeoIndicationRequest(string? Product, string? Kind, string[]? RegionCodes, string? AreaDescription, string? Holder, string? HolderCreditCode,
    string? RegistrationNumber, DateOnly? RegisteredOn, DateOnly? ValidUntil, DateOnly? EndedOn, string? Status, string? ApprovingBody, string? Notes);

public sealed record RegionRef(string Code, string Name);

public sealed record GeoIndicationDto(long Id, string Product, string Kind, string KindName, IReadOnlyList<RegionRef> Regions, string? AreaDescription,
    string Holder, string? HolderCreditCode, string? RegistrationNumber, DateOnly? RegisteredOn, DateOnly? ValidUntil, DateOnly? EndedOn, string Status,
    string StatusName, string? ApprovingBody, string? Notes, bool CountsAsTrademark, int UserCount, int FileCount);

public sealed record GeoIndicationUserDto(long Id, string Enterprise, string? CreditCode, DateOnly? AuthorisedOn, DateOnly? ValidUntil, string? Notes, bool Current);

public sealed record GeoIndicationDetail(GeoIndicationDto Item, IReadOnlyList<GeoIndicationUserDto> Users, IReadOnlyList<UnitFileDto> Files);

/// <summary>What the GI use cases share: validation (statuses that need a number and dates), the list query, the DTO.</summary>
public static class GeoIndications
{
    /// <summary>Statuses of a GI that was registered (or approved) at some time: it needs its number and date.</summary>
    public static readonly string[] WasRegistered = ["registered", "revoked", "cancelled", "expired"];

    internal static void Validate(Validation v, GeoIndicationRequest r)
    {
        v.Text("product", r.Product, 100, "产品名称", required: true).Vocab("kind", r.Kind, GiKinds, "类别").Vocab("status", r.Status, GiStatuses, "状态")
            .Text("holder", r.Holder, 200, "申请人/注册人", required: true).Text("registrationNumber", r.RegistrationNumber, 50, "注册号/批准文号")
            .Text("areaDescription", r.AreaDescription, 1000, "产地范围说明").Text("approvingBody", r.ApprovingBody, 100, "核准机关").Text("notes", r.Notes, 2000, "备注")
            .DateOrder("validUntil", r.RegisteredOn, r.ValidUntil, "注册（批准）日期", "专用权期限").DateOrder("endedOn", r.RegisteredOn, r.EndedOn, "注册（批准）日期", "终止日期");
        if (UnitRules.Clean(r.HolderCreditCode) is { } cc && CreditCodes.Problem(CreditCodes.Normalise(cc)) is { } p) v.Add("holderCreditCode", p);
        if (r.Status is { } s && WasRegistered.Contains(s))
        {
            if (string.IsNullOrWhiteSpace(r.RegistrationNumber)) v.Add("registrationNumber", "已注册（批准）的地理标志须填写注册号或批准公告号");
            if (r.RegisteredOn is null) v.Add("registeredOn", "已注册（批准）的地理标志须填写注册（批准）日期");
        }
        if (r.Status is "revoked" or "cancelled" && r.EndedOn is null) v.Add("endedOn", "已撤销或已注销的地理标志须填写终止日期");
        if (r.Status is "expired" && r.EndedOn is null && r.ValidUntil is null) v.Add("validUntil", "已失效的地理标志须填写专用权期限或终止日期");
        if (r.Status is "applied" && r.EndedOn is not null) v.Add("endedOn", "申请中的地理标志不应有终止日期");
    }

    internal static void Apply(GeoIndication g, GeoIndicationRequest r)
    {
        g.Product = r.Product!.Trim(); g.Kind = r.Kind!; g.RegionCodes = Regions(r); g.AreaDescription = UnitRules.Clean(r.AreaDescription);
        g.Holder = r.Holder!.Trim(); g.HolderCreditCode = UnitRules.Clean(r.HolderCreditCode) is { } cc ? CreditCodes.Normalise(cc) : null;
        g.RegistrationNumber = UnitRules.Clean(r.RegistrationNumber); g.RegisteredOn = r.RegisteredOn; g.ValidUntil = r.ValidUntil; g.EndedOn = r.EndedOn;
        g.Status = r.Status!; g.ApprovingBody = UnitRules.Clean(r.ApprovingBody); g.Notes = UnitRules.Clean(r.Notes); g.UpdatedAt = DateTimeOffset.UtcNow;
    }

    internal static string[] Regions(GeoIndicationRequest r) =>
        (r.RegionCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToArray();

    internal static async Task ValidateAsync(NpgsqlConnection conn, GeoIndicationRequest r)
    {
        var v = new Validation();
        Validate(v, r);
        await UnitRules.CheckRegionsAsync(conn, v, "regionCodes", Regions(r), "保护范围（地区）");
        v.ThrowIfInvalid();
    }

    internal sealed class Row
    {
        public long Id { get; set; }
        public string Product { get; set; } = "";
        public string Kind { get; set; } = "";
        public string[] RegionCodes { get; set; } = [];
        public string[] RegionNames { get; set; } = [];
        public string? AreaDescription { get; set; }
        public string Holder { get; set; } = "";
        public string? HolderCreditCode { get; set; }
        public string? RegistrationNumber { get; set; }
        public DateOnly? RegisteredOn { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public DateOnly? EndedOn { get; set; }
        public string Status { get; set; } = "";
        public string? ApprovingBody { get; set; }
        public string? Notes { get; set; }
        public int UserCount { get; set; }
        public int FileCount { get; set; }
    }

    internal static GeoIndicationDto ToDto(Row r) => new(r.Id, r.Product, r.Kind, NameOf(GiKinds, r.Kind)!,
        r.RegionCodes.Select((c, i) => new RegionRef(c, i < r.RegionNames.Length ? r.RegionNames[i] : c)).ToList(), r.AreaDescription, r.Holder,
        r.HolderCreditCode, r.RegistrationNumber, r.RegisteredOn, r.ValidUntil, r.EndedOn, r.Status, NameOf(GiStatuses, r.Status)!, r.ApprovingBody, r.Notes,
        GiKindCodes.Trademarks.Contains(r.Kind), r.UserCount, r.FileCount);

    internal const string Select = """
        SELECT g.id, g.product, g.kind, g.region_codes,
               ARRAY(SELECT COALESCE(rg.name, c) FROM unnest(g.region_codes) WITH ORDINALITY x(c, n) LEFT JOIN ref_regions rg ON rg.code = x.c ORDER BY x.n) AS region_names,
               g.area_description, g.holder, g.holder_credit_code, g.registration_number, g.registered_on, g.valid_until, g.ended_on, g.status,
               g.approving_body, g.notes,
               (SELECT count(*)::int FROM geo_indication_users gu WHERE gu.gi_id = g.id) AS user_count,
               (SELECT count(*)::int FROM registry_unit_files f WHERE f.owner = 'gi' AND f.owner_id = g.id) AS file_count
        FROM geo_indications g
        """;

    public sealed record Filter(string? Q, string? Kind, string? Status, string? Region);

    internal static (string Where, DynamicParameters Args) Where(Filter f, CurrentUser me)
    {
        var conds = new List<string> { "true" };
        var args = new DynamicParameters();
        if (me.RegionPrefix is { } p) { conds.Add("EXISTS (SELECT 1 FROM unnest(g.region_codes) c WHERE c LIKE @prefix)"); args.Add("prefix", p + "%"); }
        if (UnitRules.Clean(f.Q) is { } q)
        {
            conds.Add("(g.product ILIKE @q OR g.holder ILIKE @q OR g.registration_number ILIKE @q OR EXISTS (SELECT 1 FROM geo_indication_users u WHERE u.gi_id = g.id AND u.enterprise ILIKE @q))");
            args.Add("q", "%" + q.Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        if (UnitRules.Clean(f.Kind) is { } k) { conds.Add("g.kind = @kind"); args.Add("kind", k); }
        if (UnitRules.Clean(f.Status) is { } s) { conds.Add("g.status = @status"); args.Add("status", s); }
        if (UnitRules.Clean(f.Region) is { Length: 6 } rg)
        {
            conds.Add("EXISTS (SELECT 1 FROM unnest(g.region_codes) c WHERE c LIKE @region)");
            args.Add("region", CurrentUser.SignificantPrefix(rg) + "%");
        }
        return (string.Join(" AND ", conds), args);
    }

    internal static async Task<GeoIndicationDetail> DetailAsync(NpgsqlConnection conn, long id, CurrentUser me)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(Select + " WHERE g.id = @id", new { id }) ?? throw new DomainException($"地理标志 {id} 不存在", 404);
        UnitRules.EnsureVisible(me, row.RegionCodes, "地理标志", id);
        var today = ChinaTime.Today(TimeProvider.System);
        var users = (await conn.QueryAsync<GeoIndicationUser>("SELECT * FROM geo_indication_users WHERE gi_id = @id ORDER BY authorised_on NULLS LAST, enterprise", new { id }))
            .Select(u => new GeoIndicationUserDto(u.Id, u.Enterprise, u.CreditCode, u.AuthorisedOn, u.ValidUntil, u.Notes,
                (u.AuthorisedOn is null || u.AuthorisedOn <= today) && (u.ValidUntil is null || u.ValidUntil >= today))).ToList();
        var files = await UnitFiles.ForOwnersAsync(conn, "gi", [id]);
        return new GeoIndicationDetail(ToDto(row), users, files[id].ToList());
    }
}
