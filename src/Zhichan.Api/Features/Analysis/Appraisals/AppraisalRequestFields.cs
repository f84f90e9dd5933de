using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>The fields of a request (评议申请) as the form sends them, for a new request and for a change.</summary>
/// <param name="OwnerEntityId">The owner as an entity of the register (staff); an enterprise's requests always belong to its own unit.</param>
/// <param name="OwnerName">The owner as free text when it is not in the register (staff).</param>
/// <param name="ActivityKind">investment, acquisition, talent, tech_import, tech_export or other.</param>
/// <param name="Amount">The amount of the project in 万元 (optional).</param>
/// <param name="SearchQ">A records search expression scoping the project's technology (the search page's syntax).</param>
/// <param name="TalentName">人才引进: the person, as named on patents.</param>
public sealed record AppraisalFields(string? ProjectName, long? OwnerEntityId, string? OwnerName, string? OwnerCreditCode, string? ActivityKind, string? Reason,
    string? Technologies, string[]? IpcCodes, string[]? ApplicationNumbers, string? SearchQ, string? TalentName, string[]? TalentEmployers, decimal? Amount,
    string? ContactName, string? ContactPhone, string? ContactEmail, long? AgencyId);

/// <summary>Checks the fields and writes them onto the row (owner resolved from the register or the enterprise's own unit).</summary>
public static class AppraisalRequestFields
{
    public static async Task ApplyAsync(AppraisalFields f, Appraisal a, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        string Clean(string? s) => s?.Trim() ?? "";
        var project = Clean(f.ProjectName);
        v.Required("projectName", project, "项目名称").MaxLength("projectName", project, 100, "项目名称").PlainText("projectName", project, "项目名称");
        v.Required("activityKind", f.ActivityKind, "活动类型").OneOf("activityKind", f.ActivityKind, AppraisalKinds.Names.Keys, "活动类型");
        var reason = Clean(f.Reason);
        v.Required("reason", reason, "评议事由").MaxLength("reason", reason, 2000, "评议事由").PlainText("reason", reason, "评议事由");
        var tech = Clean(f.Technologies);
        v.Required("technologies", tech, "涉及技术").MaxLength("technologies", tech, 2000, "涉及技术").PlainText("technologies", tech, "涉及技术");
        var ipc = AppraisalRules.IpcCodes(f.IpcCodes, v);
        var numbers = AppraisalRules.Numbers(f.ApplicationNumbers, v);
        if (f.Amount is < 0 or > 100_000_000) v.Add("amount", "项目金额应为 0 至 1 亿万元之间的数");
        var contact = Clean(f.ContactName);
        v.MaxLength("contactName", contact, 30, "联系人").PlainText("contactName", contact, "联系人");
        var phone = Clean(f.ContactPhone);
        if (phone.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(phone, @"^[0-9+\-() ]{7,20}$")) v.Add("contactPhone", "联系电话格式不正确");
        var email = Clean(f.ContactEmail);
        if (email.Length > 0) v.Email("contactEmail", email, "电子邮箱");
        var talent = Clean(f.TalentName);
        var employers = (f.TalentEmployers ?? []).Select(Clean).Where(s => s.Length > 0).Distinct().ToArray();
        if (f.ActivityKind == AppraisalKinds.Talent && talent.Length == 0) v.Add("talentName", "人才引进须填写引进人才的姓名");
        v.MaxLength("talentName", talent, 30, "引进人才").PlainText("talentName", talent, "引进人才");
        if (employers.Length > 10 || employers.Any(e => e.Length > 100)) v.Add("talentEmployers", "原单位最多 10 个，每个不超过 100 字");
        var q = Clean(f.SearchQ);
        if (q.Length > RecordFilter.MaxExpressionLength) v.Add("searchQ", $"检索式不超过 {RecordFilter.MaxExpressionLength} 字");
        v.ThrowIfInvalid();
        if (q.Length > 0)
        {
            try { await RecordFilter.CreateAsync(new RecordFilterParams { Q = q }, data, ct); }
            catch (RequestValidationException e) { throw new RequestValidationException("searchQ", $"检索式无法解析：{e.Errors.Values.SelectMany(x => x).FirstOrDefault() ?? e.Message}"); }
        }

        await OwnerAsync(f, a, db, data, me, ct);
        if (f.AgencyId is { } agencyId)
        {
            if (!await db.Set<Agency>().AnyAsync(x => x.Id == agencyId && x.Status == "active", ct)) throw new RequestValidationException("agencyId", $"服务机构 {agencyId} 不存在或已注销");
            a.AgencyId = agencyId;
        }
        else a.AgencyId = null;
        (a.ProjectName, a.ActivityKind, a.Reason, a.Technologies, a.IpcCodes, a.ApplicationNumbers, a.SearchQ) = (project, f.ActivityKind!, reason, tech, ipc, numbers, q.Length == 0 ? null : q);
        (a.TalentName, a.TalentEmployers, a.Amount) = (talent.Length == 0 ? null : talent, employers, f.Amount);
        (a.ContactName, a.ContactPhone, a.ContactEmail) = (contact.Length == 0 ? null : contact, phone.Length == 0 ? null : phone, email.Length == 0 ? null : email);
    }

    private static async Task OwnerAsync(AppraisalFields f, Appraisal a, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        if (me.Role == Roles.Enterprise)
        {
            var org = me.OrgUnitId ?? throw new DomainException("账号未关联企业，不能提交评议申请", 403);
            var own = await db.Set<InnovationEntity>().AsNoTracking().Where(e => e.OrgUnitId == org && e.MergedInto == null).OrderBy(e => e.Id).ToListAsync(ct);
            var entity = f.OwnerEntityId is { } eid ? own.FirstOrDefault(e => e.Id == eid) ?? throw new RequestValidationException("ownerEntityId", "只能为本企业申请评议")
                : own.FirstOrDefault();
            await using var conn = await data.OpenConnectionAsync(ct);
            var unit = await conn.QuerySingleAsync<(string Name, string? RegionCode, string? CreditCode)>(new CommandDefinition(
                "SELECT name, region_code, credit_code FROM org_units WHERE id = @org", new { org }, cancellationToken: ct));
            (a.OwnerOrgUnitId, a.OwnerEntityId, a.OwnerName) = (org, entity?.Id, unit.Name);
            (a.OwnerCreditCode, a.RegionCode) = (unit.CreditCode ?? entity?.CreditCode, unit.RegionCode ?? entity?.RegionCode);
            return;
        }
        if (f.OwnerEntityId is { } id)
        {
            var e = await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new RequestValidationException("ownerEntityId", $"创新主体 {id} 不存在");
            if (e.MergedInto is { } m) e = await db.Set<InnovationEntity>().AsNoTracking().FirstAsync(x => x.Id == m, ct);
            (a.OwnerEntityId, a.OwnerName, a.OwnerOrgUnitId, a.OwnerCreditCode, a.RegionCode) = (e.Id, e.Name, e.OrgUnitId, e.CreditCode, e.RegionCode);
            return;
        }
        var name = f.OwnerName?.Trim() ?? "";
        var v = new Validation();
        v.Required("ownerName", name, "项目主体").MaxLength("ownerName", name, 100, "项目主体").PlainText("ownerName", name, "项目主体");
        string? code = null;
        if (!string.IsNullOrWhiteSpace(f.OwnerCreditCode))
        {
            code = CreditCodes.Normalise(f.OwnerCreditCode);
            if (CreditCodes.Problem(code) is { } problem) v.Add("ownerCreditCode", problem);
        }
        v.ThrowIfInvalid();
        (a.OwnerEntityId, a.OwnerName, a.OwnerOrgUnitId, a.OwnerCreditCode, a.RegionCode) = (null, name, null, code, null);
    }
}
