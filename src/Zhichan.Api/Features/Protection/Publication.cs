using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Notifications;
using Zhichan.Api.Platform;

namespace Zhichan.Api.Features.Protection;

public sealed record DisclosureRequest(long? ComplaintId, string? Kind, string? DecisionNumber, string? Title, string? Text, string[]? PersonNames,
    string? Summary = null, long? SourceFileId = null);
public sealed record DisclosureDto(long Id, long? ComplaintId, string Kind, string? DecisionNumber, string Title, string MaskedText, string? OriginalText,
    string[] MaskedNames, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, string? Summary, string? MaskedSummary, DateTimeOffset? WithdrawnAt);
/// <summary>What a disclosure will look like in public, before it is saved (staff check the masking first).</summary>
public sealed record DisclosurePreview(string Title, string? Summary, string Text, string[] MaskedNames, string SourceText);
public sealed record PublicDisclosureDto(long Id, string Kind, string? DecisionNumber, string Title, string? Summary, string Text, DateTimeOffset PublishedAt);

public sealed record CreditListingRequest(long? ComplaintId, string? SubjectName, string? SubjectKind, string? CreditCode, string? DecisionNumber, string? Reason, DateOnly? ListedOn);
public sealed record CreditListingDto(long Id, long? ComplaintId, string SubjectName, string SubjectKind, string? CreditCode, string DecisionNumber, string Reason,
    string Status, string StatusLabel, DateOnly ListedOn, DateOnly ExpiresOn, DateTimeOffset? PublishedAt, string? RepairReason, DateTimeOffset? RepairRequestedAt,
    string? ReviewNote, DateOnly? RemovedOn);
public sealed record PublicCreditDto(long Id, string SubjectName, string? CreditCode, string DecisionNumber, string Reason, DateOnly ListedOn, DateOnly ExpiresOn);
public sealed record CreditRepairRequest(string? Reason);
public sealed record CreditReviewRequest(bool? Approve, string? Note);
public sealed record CreditExpiryResult(int Expired, DateOnly AsOf);

public sealed record ProtectionListRequest(string? Kind, string? Name, string? CreditCode, string? ApplicationNumber, string? Industry, string? RegionCode, string? Note, bool? IsActive);

/// <summary>Public disclosure with masking (ADR 0204), the credit list (严重违法失信名单) and the protection list (保护名录).</summary>
public static class Publication
{
    // ---------- disclosures ----------
    private static DisclosureDto ToDto(Disclosure d) => new(d.Id, d.ComplaintId, d.Kind, d.DecisionNumber, d.Title, d.MaskedText, d.OriginalText, d.MaskedNames,
        d.PublishedAt, d.CreatedAt, d.Summary, d.MaskedSummary, d.WithdrawnAt);

    private sealed record Prepared(string Title, string? Summary, string? MaskedSummary, string Text, string MaskedText, string[] MaskedNames);

    /// <summary>
    /// Validates a disclosure and masks it (ADR 0204, 0208): a typical case (典型案例) is an article about a closed case, with a
    /// summary; the body may be taken from a text document uploaded to the case (txt or docx) — only its masked rendering is
    /// ever served publicly, never the upload itself.
    /// </summary>
    private static async Task<Prepared> PrepareAsync(DisclosureRequest req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation();
        var kind = req.Kind ?? "penalty_decision";
        v.OneOf("kind", kind, ["penalty_decision", "typical_case"], "公开类型").Required("title", req.Title, "标题").MaxLength("title", req.Title, 200, "标题")
            .MaxLength("text", req.Text, 50000, "正文").MaxLength("summary", req.Summary, 1000, "摘要");
        if (req.SourceFileId is null) v.Required("text", req.Text, "正文");
        if (kind == "penalty_decision") v.Required("decisionNumber", req.DecisionNumber, "决定书文号");
        if (kind == "typical_case")
        {
            v.Required("summary", req.Summary, "摘要");
            if (req.ComplaintId is null) v.Add("complaintId", "典型案例须选择一件已结案的案件");
        }
        if (req.SourceFileId is not null && req.ComplaintId is null) v.Add("complaintId", "从文书提取正文须指明案件");
        v.ThrowIfInvalid();
        var names = new List<string>(req.PersonNames ?? []);
        var text = req.Text;
        if (req.ComplaintId is { } cid)
        {
            var c = await db.Set<Complaint>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == cid, ct) ?? throw new RequestValidationException("complaintId", $"案件 {cid} 不存在");
            if (kind == "typical_case" && c.Status != CaseStatus.Closed)
                throw new RequestValidationException("complaintId", $"案件 {c.ReceiptNumber} 尚未结案（{CaseStatus.Labels[c.Status]}），结案后才能作为典型案例发布");
            if (c.ComplainantKind == "person") names.Add(c.ComplainantName);
            // a respondent that reads as a person's name is masked; a shop or platform name (“某某网店”, “ABC旗舰店”) stays
            if (Masking.LooksLikePersonName(c.RespondentName)) names.Add(c.RespondentName);
            if (req.SourceFileId is { } fid)
            {
                var f = await db.Set<ComplaintFile>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid && x.ComplaintId == cid, ct)
                    ?? throw new RequestValidationException("sourceFileId", $"案件中没有文件 {fid}");
                if (string.IsNullOrWhiteSpace(text)) text = DocumentText.Extract(f.FileName, f.Content)
                    ?? throw new RequestValidationException("sourceFileId", $"无法从“{f.FileName}”提取正文（支持 txt、docx），请粘贴正文");
            }
        }
        if (text!.Length > 50000) throw new RequestValidationException("text", "正文不能超过 50000 个字符");
        var masked = Masking.MaskText(text, names, out var found);
        var all = names.Concat(found).ToList();
        var summary = req.Summary?.Trim() is { Length: > 0 } sm ? sm : null;
        return new Prepared(Masking.MaskText(req.Title!.Trim(), all), summary, summary is null ? null : Masking.MaskText(summary, all), text, masked, found.ToArray());
    }

    public static async Task<Ok<DisclosurePreview>> PreviewDisclosureAsync(DisclosureRequest req, ZhichanDb db, CancellationToken ct)
    {
        var p = await PrepareAsync(req, db, ct);
        return TypedResults.Ok(new DisclosurePreview(p.Title, p.MaskedSummary, p.MaskedText, p.MaskedNames, p.Text));
    }

    public static async Task<Created<DisclosureDto>> CreateDisclosureAsync(DisclosureRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var p = await PrepareAsync(req, db, ct);
        var d = new Disclosure
        {
            ComplaintId = req.ComplaintId, Kind = req.Kind ?? "penalty_decision", DecisionNumber = req.DecisionNumber?.Trim(), Title = p.Title,
            OriginalText = p.Text, MaskedText = p.MaskedText, MaskedNames = p.MaskedNames, Summary = p.Summary, MaskedSummary = p.MaskedSummary,
            SourceFileId = req.SourceFileId, CreatedBy = me.Id,
        };
        db.Set<Disclosure>().Add(d);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/protection/disclosures/{d.Id}", ToDto(d));
    }

    public static async Task<Ok<DisclosureDto[]>> ListDisclosuresAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Disclosure>().AsNoTracking().OrderByDescending(d => d.Id).ToListAsync(ct)).Select(ToDto).ToArray());

    public static async Task<Ok<DisclosureDto>> PublishDisclosureAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<Disclosure>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"公开信息 {id} 不存在", 404);
        if (d.PublishedAt is not null) throw new DomainException("已发布");
        d.PublishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(d));
    }

    public static async Task<Ok<DisclosureDto>> WithdrawDisclosureAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<Disclosure>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"公开信息 {id} 不存在", 404);
        if (d.PublishedAt is null) throw new DomainException("尚未发布");
        d.PublishedAt = null; d.WithdrawnAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(d));
    }

    // only the masked title, summary and text are ever selected for a public answer (ADR 0204, 0208)
    public static async Task<Ok<PublicDisclosureDto[]>> PublicDisclosuresAsync(string? kind, ZhichanDb db, CancellationToken ct)
    {
        if (kind is not null) new Validation().OneOf("kind", kind, ["penalty_decision", "typical_case"], "公开类型").ThrowIfInvalid();
        var q = db.Set<Disclosure>().AsNoTracking().Where(d => d.PublishedAt != null);
        if (kind is not null) q = q.Where(d => d.Kind == kind);
        return TypedResults.Ok(await q.OrderByDescending(d => d.PublishedAt)
            .Select(d => new PublicDisclosureDto(d.Id, d.Kind, d.DecisionNumber, d.Title, d.MaskedSummary, d.MaskedText, d.PublishedAt!.Value)).ToArrayAsync(ct));
    }

    public static async Task<Ok<PublicDisclosureDto>> PublicDisclosureAsync(long id, ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<Disclosure>().AsNoTracking().Where(d => d.Id == id && d.PublishedAt != null)
            .Select(d => new PublicDisclosureDto(d.Id, d.Kind, d.DecisionNumber, d.Title, d.MaskedSummary, d.MaskedText, d.PublishedAt!.Value)).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("公开信息不存在或未发布", 404));

    // ---------- credit list ----------
    public static readonly IReadOnlyDictionary<string, string> CreditStatusLabels = new Dictionary<string, string>
    {
        ["listed"] = "已列入", ["published"] = "已公示", ["repair_requested"] = "信用修复申请中", ["repaired"] = "已修复移出", ["expired"] = "期满移出",
    };

    private static CreditListingDto ToDto(CreditListing l) => new(l.Id, l.ComplaintId, l.SubjectName, l.SubjectKind, l.CreditCode, l.DecisionNumber, l.Reason,
        l.Status, CreditStatusLabels[l.Status], l.ListedOn, l.ExpiresOn, l.PublishedAt, l.RepairReason, l.RepairRequestedAt, l.ReviewNote, l.RemovedOn);

    public static async Task<Created<CreditListingDto>> ListSubjectAsync(CreditListingRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var v = new Validation();
        var kind = req.SubjectKind ?? "organisation";
        v.Required("subjectName", req.SubjectName, "失信主体").OneOf("subjectKind", kind, ["person", "organisation"], "主体类型")
            .Required("decisionNumber", req.DecisionNumber, "处罚决定书文号").Required("reason", req.Reason, "列入事由");
        var today = Deadlines.Today(clock);
        if (req.ListedOn is { } lo && lo > today) v.Add("listedOn", "列入日期不能晚于今天");
        if (req.ComplaintId is { } cid && !await db.Set<Complaint>().AnyAsync(c => c.Id == cid, ct)) v.Add("complaintId", $"案件 {cid} 不存在");
        v.ThrowIfInvalid();
        var years = (await ProtectionSettings.LoadAsync(db, ct)).CreditListingYears;
        var listed = req.ListedOn ?? today;
        var l = new CreditListing
        {
            ComplaintId = req.ComplaintId, SubjectName = req.SubjectName!.Trim(), SubjectKind = kind, CreditCode = req.CreditCode?.Trim(),
            DecisionNumber = req.DecisionNumber!.Trim(), Reason = req.Reason!.Trim(), ListedOn = listed, ExpiresOn = listed.AddYears(years), CreatedBy = me.Id,
        };
        db.Set<CreditListing>().Add(l);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/protection/credit/{l.Id}", ToDto(l));
    }

    public static async Task<Ok<CreditListingDto[]>> ListCreditAsync(string? status, ZhichanDb db, CancellationToken ct)
    {
        var q = db.Set<CreditListing>().AsNoTracking();
        if (status is not null) q = q.Where(l => l.Status == status);
        return TypedResults.Ok((await q.OrderByDescending(l => l.Id).ToListAsync(ct)).Select(ToDto).ToArray());
    }

    private static async Task<CreditListing> FindListingAsync(ZhichanDb db, long id, CancellationToken ct) =>
        await db.Set<CreditListing>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"名单记录 {id} 不存在", 404);

    public static async Task<Ok<CreditListingDto>> PublishCreditAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (l.Status != "listed") throw new DomainException($"当前状态为“{CreditStatusLabels[l.Status]}”，不能公示");
        l.Status = "published"; l.PublishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }

    /// <summary>The listings of the caller's own organisation (an enterprise account): by the org unit's exact name or its credit code.</summary>
    private static async Task<IQueryable<CreditListing>> OwnListingsAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var org = me.OrgUnitId ?? -1;
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == org).Select(u => new { u.Name, u.CreditCode }).FirstOrDefaultAsync(ct);
        if (me.Role != Roles.Enterprise || unit is null) return db.Set<CreditListing>().Where(_ => false);
        var name = unit.Name;
        var code = unit.CreditCode;
        return code is null ? db.Set<CreditListing>().Where(l => l.SubjectName == name)
            : db.Set<CreditListing>().Where(l => l.SubjectName == name || l.CreditCode == code);
    }

    /// <summary>ListMyCreditListings: an enterprise sees its own listings (every state, with the review result) and nobody else's.</summary>
    public static async Task<Ok<CreditListingDto[]>> ListMineAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        if (me.Role != Roles.Enterprise) throw new DomainException("本单位信用信息仅向企业账号提供；知识产权局请使用失信名单管理", 403, "禁止访问");
        var q = (await OwnListingsAsync(db, me, ct)).AsNoTracking();
        return TypedResults.Ok((await q.OrderByDescending(l => l.Id).ToListAsync(ct)).Select(ToDto).ToArray());
    }

    /// <summary>A repair application: by staff on the subject's paper application, or by the enterprise account of the listed subject.</summary>
    public static async Task<Ok<CreditListingDto>> RequestRepairAsync(long id, CreditRepairRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (!me.IsStaff && !await (await OwnListingsAsync(db, me, ct)).AnyAsync(x => x.Id == id, ct))
            throw new DomainException("只有失信主体本人或知识产权局可以申请信用修复", 403, "禁止访问");
        if (string.IsNullOrWhiteSpace(req.Reason)) throw new RequestValidationException("reason", "请说明已履行处罚决定、消除不良影响的情况");
        if (req.Reason.Length > 2000) throw new RequestValidationException("reason", "申请理由不能超过 2000 个字符");
        if (l.Status is not ("listed" or "published")) throw new DomainException($"当前状态为“{CreditStatusLabels[l.Status]}”，不能申请信用修复");
        l.Status = "repair_requested"; l.RepairReason = req.Reason.Trim(); l.RepairRequestedAt = DateTimeOffset.UtcNow;
        if (!me.IsStaff && await ProtectionAlerts.BureauAsync(db, ct) is { } bureau)
            await Notifier.ToUnitAsync(db, bureau, new NotificationMessage(ProtectionAlerts.CreditRepairType, $"信用修复申请：{l.SubjectName}",
                $"{l.SubjectName}（{l.DecisionNumber}）申请信用修复，请审核。", "/protection/credit", "credit_listings", l.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }

    public static async Task<Ok<CreditListingDto>> ReviewRepairAsync(long id, CreditReviewRequest req, ZhichanDb db, ProtectionClock clock, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (req.Approve is null) throw new RequestValidationException("approve", "请选择同意或不同意修复");
        if (string.IsNullOrWhiteSpace(req.Note)) throw new RequestValidationException("note", "请填写审核意见");
        if (l.Status != "repair_requested") throw new DomainException("没有待审核的信用修复申请");
        l.ReviewNote = req.Note.Trim(); l.ReviewedAt = DateTimeOffset.UtcNow;
        if (req.Approve.Value) { l.Status = "repaired"; l.RemovedOn = Deadlines.Today(clock); }
        else l.Status = l.PublishedAt is null ? "listed" : "published";
        // the subject's enterprise account learns the result (its org unit by exact name or credit code)
        var code = l.CreditCode;
        foreach (var unit in await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Enterprise && (u.Name == l.SubjectName || (code != null && u.CreditCode == code)))
                     .Select(u => u.Id).ToListAsync(ct))
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage(ProtectionAlerts.CreditReviewedType,
                req.Approve.Value ? "信用修复申请已通过" : "信用修复申请未通过",
                $"{l.DecisionNumber}：{(req.Approve.Value ? "已移出严重违法失信名单" : "仍在名单中")}。审核意见：{l.ReviewNote}", "/protection/my-credit",
                "credit_listings", l.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }

    /// <summary>Moves listings whose period has ended off the list (run by the deadline check job, <see cref="DeadlineChecks"/>, and on demand).</summary>
    public static async Task<int> ExpireAsync(ZhichanDb db, DateOnly today, CancellationToken ct)
    {
        var due = await db.Set<CreditListing>().Where(l => (l.Status == "listed" || l.Status == "published" || l.Status == "repair_requested") && l.ExpiresOn <= today).ToListAsync(ct);
        foreach (var l in due) { l.Status = "expired"; l.RemovedOn = today; }
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    public static async Task<Ok<CreditExpiryResult>> RunExpiryAsync(ZhichanDb db, ProtectionClock clock, CancellationToken ct)
    {
        var today = Deadlines.Today(clock);
        return TypedResults.Ok(new CreditExpiryResult(await ExpireAsync(db, today, ct), today));
    }

    public static async Task<Ok<PublicCreditDto[]>> PublicCreditAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<CreditListing>().AsNoTracking().Where(l => l.Status == "published").OrderByDescending(l => l.PublishedAt).ToListAsync(ct))
            .Select(l => new PublicCreditDto(l.Id, Masking.MaskName(l.SubjectName, l.SubjectKind == "person"),
                l.SubjectKind == "person" ? null : l.CreditCode, l.DecisionNumber, Masking.MaskText(l.Reason, l.SubjectKind == "person" ? [l.SubjectName] : []),
                l.ListedOn, l.ExpiresOn)).ToArray());

    // ---------- protection list ----------
    public static async Task<Ok<ProtectionListEntry[]>> ListProtectionAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<ProtectionListEntry>().AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Name).ToArrayAsync(ct));

    private static void Validate(ProtectionListRequest req)
    {
        var v = new Validation();
        v.Required("kind", req.Kind, "类别").OneOf("kind", req.Kind, ["entity", "right"], "类别").Required("name", req.Name, "名称").MaxLength("name", req.Name, 200, "名称");
        if (req.Kind == "right" && string.IsNullOrWhiteSpace(req.ApplicationNumber)) v.Add("applicationNumber", "权利类条目须填写申请号");
        v.ThrowIfInvalid();
    }

    private static string? Canonical(string? n) =>
        string.IsNullOrWhiteSpace(n) ? null : Records.Normalisation.ApplicationNumber.TryParse(n, out _)?.Canonical ?? n.Trim().ToUpperInvariant();

    public static async Task<Created<ProtectionListEntry>> AddProtectionAsync(ProtectionListRequest req, ZhichanDb db, CancellationToken ct)
    {
        Validate(req);
        var e = new ProtectionListEntry
        {
            Kind = req.Kind!, Name = req.Name!.Trim(), CreditCode = req.CreditCode?.Trim(), ApplicationNumber = Canonical(req.ApplicationNumber),
            Industry = req.Industry?.Trim(), RegionCode = req.RegionCode?.Trim(), Note = req.Note?.Trim(), IsActive = req.IsActive ?? true,
        };
        db.Set<ProtectionListEntry>().Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/protection/protection-list/{e.Id}", e);
    }

    public static async Task<Ok<ProtectionListEntry>> UpdateProtectionAsync(long id, ProtectionListRequest req, ZhichanDb db, CancellationToken ct)
    {
        Validate(req);
        var e = await db.Set<ProtectionListEntry>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"名录条目 {id} 不存在", 404);
        e.Kind = req.Kind!; e.Name = req.Name!.Trim(); e.CreditCode = req.CreditCode?.Trim(); e.ApplicationNumber = Canonical(req.ApplicationNumber);
        e.Industry = req.Industry?.Trim(); e.RegionCode = req.RegionCode?.Trim(); e.Note = req.Note?.Trim(); e.IsActive = req.IsActive ?? e.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(e);
    }

    internal static IReadOnlyList<string> OrgKindsForAssignment => [OrgUnitKinds.Bureau, OrgUnitKinds.District, OrgUnitKinds.Department];
}
