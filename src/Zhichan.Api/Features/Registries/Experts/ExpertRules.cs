using System.Text.RegularExpressions;
using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

public sealed record EmploymentInput(string? Employer, string? Position, DateOnly? FromOn, DateOnly? ToOn);

public sealed record RelationInput(string? Kind, string? Party, string? Detail, DateOnly? FromOn, DateOnly? ToOn);

/// <summary>What an expert maintains about themself (and the bureau about any expert).</summary>
public interface IExpertProfile
{
    string? Name { get; }
    string? IdNumber { get; }
    string? Phone { get; }
    string? Email { get; }
    string? Title { get; }
    string? Employer { get; }
    string? Position { get; }
    string? RegionCode { get; }
    string[]? Specialties { get; }
    string? Bio { get; }
    EmploymentInput[]? Employments { get; }
    RelationInput[]? Relations { get; }
}

/// <summary>
/// The checks of an expert's profile and how it is written onto the row. Contacts follow one rule everywhere: null leaves the
/// stored value, an empty string clears it, a value with * (the masked form a list showed) leaves it too.
/// </summary>
public static partial class ExpertRules
{
    public const int MaxEmployments = 20, MaxRelations = 50;

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    private static partial Regex PhonePattern();

    /// <summary>居民身份证号码 (GB 11643): 17 digits and a check character over the weights 2^(17−i) mod 11.</summary>
    public static string? IdNumberProblem(string id)
    {
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
            return "身份证号应为 18 位（最后一位可为 X）";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * weights[i];
        var check = "10X98765432"[sum % 11];
        return check == id[17] ? null : $"身份证号校验位错误：第 18 位应为 {check}，请核对";
    }

    public static string? PhoneProblem(string phone) =>
        PhonePattern().IsMatch(phone) ? null : $"电话“{phone}”格式不正确（手机 11 位，固定电话如 0518-85800000）";

    /// <summary>A contact as the request gives it: null or masked → keep; empty → clear; else the trimmed value.</summary>
    public static (bool Change, string? Value) Contact(string? given, string? stored) =>
        given is null || given.Contains('*') ? (false, stored) : (true, given.Trim().Length == 0 ? null : given.Trim());

    public static void Validate(Validation v, IExpertProfile p, RecordsReference reference)
    {
        v.Required("name", p.Name, "姓名").MaxLength("name", p.Name?.Trim(), 50, "姓名").PlainText("name", p.Name, "姓名");
        if (p.IdNumber is { } id && !id.Contains('*') && id.Trim().Length > 0 && IdNumberProblem(id.Trim().ToUpperInvariant()) is { } idp) v.Add("idNumber", idp);
        if (p.Phone is { } ph && !ph.Contains('*') && ph.Trim().Length > 0 && PhoneProblem(ph.Trim()) is { } pp) v.Add("phone", pp);
        if (p.Email is { } em && !em.Contains('*')) v.Email("email", em, "电子邮箱");
        v.MaxLength("title", p.Title?.Trim(), 50, "职称").MaxLength("employer", p.Employer?.Trim(), 100, "工作单位")
            .MaxLength("position", p.Position?.Trim(), 50, "职务").MaxLength("bio", p.Bio?.Trim(), 2000, "简介").PlainText("bio", p.Bio, "简介");
        if (!string.IsNullOrWhiteSpace(p.RegionCode) && RegistryRegions.Problem(reference, p.RegionCode.Trim()) is { } rp) v.Add("regionCode", rp);
        var specialties = p.Specialties ?? [];
        if (specialties.Length == 0) v.Add("specialties", "请至少选择一个专业领域");
        foreach (var s in specialties.Where(s => !ExpertSpecialties.IsKnown(s)))
            v.Add("specialties", $"专业领域“{s}”不在专业领域目录中");
        var employments = p.Employments ?? [];
        if (employments.Length > MaxEmployments) v.Add("employments", $"工作经历最多 {MaxEmployments} 条");
        for (var i = 0; i < employments.Length; i++)
        {
            var e = employments[i];
            if (string.IsNullOrWhiteSpace(e.Employer)) v.Add($"employments[{i}].employer", $"第 {i + 1} 条工作经历缺少单位名称");
            else v.MaxLength($"employments[{i}].employer", e.Employer.Trim(), 100, "单位名称");
            if (e.FromOn is { } f && e.ToOn is { } t && t < f) v.Add($"employments[{i}].toOn", $"第 {i + 1} 条工作经历的结束日期早于开始日期");
        }
        var relations = p.Relations ?? [];
        if (relations.Length > MaxRelations) v.Add("relations", $"利害关系最多 {MaxRelations} 条");
        for (var i = 0; i < relations.Length; i++)
        {
            var r = relations[i];
            if (r.Kind is null || !RelationKinds.Labels.ContainsKey(r.Kind))
                v.Add($"relations[{i}].kind", $"第 {i + 1} 条利害关系的类型无效，应为：{string.Join("、", RelationKinds.Labels.Values)}");
            if (string.IsNullOrWhiteSpace(r.Party)) v.Add($"relations[{i}].party", $"第 {i + 1} 条利害关系缺少相关单位或人员");
            else v.MaxLength($"relations[{i}].party", r.Party.Trim(), 100, "相关单位或人员");
            v.MaxLength($"relations[{i}].detail", r.Detail?.Trim(), 200, "说明");
            if (r.FromOn is { } f && r.ToOn is { } t && t < f) v.Add($"relations[{i}].toOn", $"第 {i + 1} 条利害关系的结束日期早于开始日期");
        }
    }

    /// <summary>Writes a validated profile onto the row (replacing its employment history and relations).</summary>
    public static void Apply(Expert e, IExpertProfile p)
    {
        e.Name = p.Name!.Trim();
        var id = Contact(p.IdNumber, e.IdNumber);
        if (id.Change) e.IdNumber = id.Value?.ToUpperInvariant();
        var phone = Contact(p.Phone, e.Phone);
        if (phone.Change) e.Phone = phone.Value;
        var email = Contact(p.Email, e.Email);
        if (email.Change) e.Email = email.Value;
        e.Title = Clean(p.Title);
        e.Employer = Clean(p.Employer);
        e.Position = Clean(p.Position);
        e.RegionCode = Clean(p.RegionCode);
        e.Specialties = (p.Specialties ?? []).Distinct().OrderBy(s => ExpertSpecialtiesOrder(s)).ToArray();
        e.Bio = Clean(p.Bio);
        e.Employments.Clear();
        e.Employments.AddRange((p.Employments ?? []).Select(x => new ExpertEmployment
        {
            Employer = x.Employer!.Trim(), Position = Clean(x.Position), FromOn = x.FromOn, ToOn = x.ToOn,
        }));
        e.Relations.Clear();
        e.Relations.AddRange((p.Relations ?? []).Select(x => new ExpertRelation
        {
            Kind = x.Kind!, Party = x.Party!.Trim(), Detail = Clean(x.Detail), FromOn = x.FromOn, ToOn = x.ToOn,
        }));
        e.UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Another expert already holds this ID number: a clear 409 instead of the unique index's.</summary>
    public static async Task EnsureIdNumberFreeAsync(ZhichanDb db, string? idNumber, long? exceptId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(idNumber)) return;
        var other = await db.Set<Expert>().Where(x => x.IdNumber == idNumber && x.Id != exceptId).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
        if (other is { } o) throw new DomainException($"该身份证号已登记在专家库中（专家编号 {o}），请勿重复登记");
    }

    private static int ExpertSpecialtiesOrder(string code)
    {
        for (var i = 0; i < ExpertSpecialties.All.Count; i++) if (ExpertSpecialties.All[i].Code == code) return i;
        return int.MaxValue;
    }

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
