using System.Text.RegularExpressions;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <param name="ApplicationId">The application on the list the objection concerns; null: the whole list.</param>
public sealed record RaiseObjectionRequest(long? ApplicationId, string? Name, string? Phone, string? Email, string? Content);

public sealed record ObjectionReceipt(long Id, DateTimeOffset ReceivedAt, string Message);

/// <summary>
/// Anyone raises an objection (异议) to a notice during its window, naming an application on the list or the whole list, with a name
/// and a phone number or e-mail address (ADR 0044). Outside the window, or for a call not publicised, refused with the reason.
/// Rate-limited per address (ZHICHAN_OBJECTION_RATE).
/// </summary>
public static partial class RaiseObjection
{
    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    private static partial Regex PhonePattern();

    public static async Task<Created<ObjectionReceipt>> HandleAsync(long callId, RaiseObjectionRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var call = await db.Set<ProgrammeCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null || call.PublicityFrom is null || call.PublicityTo is null || await OutcomeRules.PublishedAtAsync(db, callId, ct) is null)
            throw new DomainException("公示不存在", 404);
        var v = new Validation();
        var name = req.Name?.Trim();
        var phone = req.Phone?.Replace(" ", "").Trim();
        var email = req.Email?.Trim();
        var content = req.Content?.Trim();
        v.Required("name", name, "姓名或单位名称").MaxLength("name", name, 100, "姓名或单位名称").PlainText("name", name, "姓名或单位名称");
        if (string.IsNullOrEmpty(phone) && string.IsNullOrEmpty(email)) v.Add("phone", "请填写联系电话或电子邮箱（至少一项），以便答复");
        if (!string.IsNullOrEmpty(phone) && (phone.Length > 30 || !PhonePattern().IsMatch(phone)))
            v.Add("phone", $"联系电话“{(phone.Length > 30 ? phone[..30] + "…" : phone)}”格式不正确，应为 11 位手机号或带区号的固定电话");
        v.Email("email", email, "电子邮箱");
        v.Required("content", content, "异议内容").MaxLength("content", content, 2000, "异议内容").PlainText("content", content, "异议内容");
        if (req.ApplicationId is { } appId && !await OutcomeRules.ListedIds(db, callId).AnyAsync(x => x == appId, ct))
            v.Add("applicationId", "所选申报不在本次公示名单中");
        v.ThrowIfInvalid();
        var today = ChinaTime.Today(clock);
        if (today < call.PublicityFrom || today > call.PublicityTo)
            throw new DomainException($"公示期为 {call.PublicityFrom:yyyy-MM-dd} 至 {call.PublicityTo:yyyy-MM-dd}，现已不在公示期内，不能提出异议");
        var o = new ProgrammeObjection
        {
            CallId = callId, ApplicationId = req.ApplicationId, Name = name!, Phone = string.IsNullOrEmpty(phone) ? null : phone,
            Email = string.IsNullOrEmpty(email) ? null : email, Content = content!,
        };
        db.Add(o);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programmes/outcomes/calls/{callId}/objections",
            new ObjectionReceipt(o.Id, o.CreatedAt, $"异议已收到（编号 {o.Id}），知识产权局将在作出决定前答复"));
    }
}
