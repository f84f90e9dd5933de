using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Features.Admin;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Protection;

public sealed record DisclosureRequest(long? ComplaintId, string? Kind, string? DecisionNumber, string? Title, string? Text, string[]? PersonNames);
public sealed record DisclosureDto(long Id, long? ComplaintId, string Kind, string? DecisionNumber, string Title, string MaskedText, string? OriginalText,
    string[] MaskedNames, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt);
public sealed record PublicDisclosureDto(long Id, string Kind, string? DecisionNumber, string Title, string Text, DateTimeOffset PublishedAt);

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
    private static DisclosureDto ToDto(Disclosure d) => new(d.Id, d.ComplaintId, d.Kind, d.DecisionNumber, d.Title, d.MaskedText, d.OriginalText, d.MaskedNames, d.PublishedAt, d.CreatedAt);

    public static async Task<Created<DisclosureDto>> CreateDisclosureAsync(DisclosureRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        var kind = req.Kind ?? "penalty_decision";
        v.OneOf("kind", kind, ["penalty_decision", "typical_case"], "公开类型").Required("title", req.Title, "标题").MaxLength("title", req.Title, 200, "标题")
            .Required("text", req.Text, "正文").MaxLength("text", req.Text, 50000, "正文");
        if (kind == "penalty_decision") v.Required("decisionNumber", req.DecisionNumber, "决定书文号");
        v.ThrowIfInvalid();
        var names = new List<string>(req.PersonNames ?? []);
        if (req.ComplaintId is { } cid)
        {
            var c = await db.Set<Complaint>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == cid, ct) ?? throw new RequestValidationException("complaintId", $"案件 {cid} 不存在");
            if (c.ComplainantKind == "person") names.Add(c.ComplainantName);
            if (!Masking.LooksLikeOrganisation(c.RespondentName)) names.Add(c.RespondentName);
        }
        var masked = Masking.MaskText(req.Text!, names, out var found);
        var d = new Disclosure
        {
            ComplaintId = req.ComplaintId, Kind = kind, DecisionNumber = req.DecisionNumber?.Trim(), Title = Masking.MaskText(req.Title!.Trim(), names.Concat(found)),
            OriginalText = req.Text!, MaskedText = masked, MaskedNames = found.ToArray(), CreatedBy = me.Id,
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

    public static async Task<Ok<PublicDisclosureDto[]>> PublicDisclosuresAsync(string? kind, ZhichanDb db, CancellationToken ct)
    {
        var q = db.Set<Disclosure>().AsNoTracking().Where(d => d.PublishedAt != null);
        if (kind is not null) q = q.Where(d => d.Kind == kind);
        return TypedResults.Ok(await q.OrderByDescending(d => d.PublishedAt)
            .Select(d => new PublicDisclosureDto(d.Id, d.Kind, d.DecisionNumber, d.Title, d.MaskedText, d.PublishedAt!.Value)).ToArrayAsync(ct));
    }

    public static async Task<Ok<PublicDisclosureDto>> PublicDisclosureAsync(long id, ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<Disclosure>().AsNoTracking().Where(d => d.Id == id && d.PublishedAt != null)
            .Select(d => new PublicDisclosureDto(d.Id, d.Kind, d.DecisionNumber, d.Title, d.MaskedText, d.PublishedAt!.Value)).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("公开信息不存在或未发布", 404));

    // ---------- credit list ----------
    public static readonly IReadOnlyDictionary<string, string> CreditStatusLabels = new Dictionary<string, string>
    {
        ["listed"] = "已列入", ["published"] = "已公示", ["repair_requested"] = "信用修复申请中", ["repaired"] = "已修复移出", ["expired"] = "期满移出",
    };

    private static CreditListingDto ToDto(CreditListing l) => new(l.Id, l.ComplaintId, l.SubjectName, l.SubjectKind, l.CreditCode, l.DecisionNumber, l.Reason,
        l.Status, CreditStatusLabels[l.Status], l.ListedOn, l.ExpiresOn, l.PublishedAt, l.RepairReason, l.RepairRequestedAt, l.ReviewNote, l.RemovedOn);

    public static async Task<Created<CreditListingDto>> ListSubjectAsync(CreditListingRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
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

    /// <summary>A repair application: by staff on the subject's paper application, or by the enterprise account of the listed subject.</summary>
    public static async Task<Ok<CreditListingDto>> RequestRepairAsync(long id, CreditRepairRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (!me.IsStaff && !(me.Role == Roles.Enterprise && me.OrgUnitName == l.SubjectName)) throw new DomainException("只有失信主体本人或知识产权局可以申请信用修复", 403, "禁止访问");
        if (string.IsNullOrWhiteSpace(req.Reason)) throw new RequestValidationException("reason", "请说明已履行处罚决定、消除不良影响的情况");
        if (l.Status is not ("listed" or "published")) throw new DomainException($"当前状态为“{CreditStatusLabels[l.Status]}”，不能申请信用修复");
        l.Status = "repair_requested"; l.RepairReason = req.Reason.Trim(); l.RepairRequestedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }

    public static async Task<Ok<CreditListingDto>> ReviewRepairAsync(long id, CreditReviewRequest req, ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (req.Approve is null) throw new RequestValidationException("approve", "请选择同意或不同意修复");
        if (string.IsNullOrWhiteSpace(req.Note)) throw new RequestValidationException("note", "请填写审核意见");
        if (l.Status != "repair_requested") throw new DomainException("没有待审核的信用修复申请");
        l.ReviewNote = req.Note.Trim(); l.ReviewedAt = DateTimeOffset.UtcNow;
        if (req.Approve.Value) { l.Status = "repaired"; l.RemovedOn = Deadlines.Today(clock); }
        else l.Status = l.PublishedAt is null ? "listed" : "published";
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }

    /// <summary>Moves listings whose period has ended off the list (run by <see cref="ProtectionSweeper"/> and on demand).</summary>
    public static async Task<int> ExpireAsync(ZhichanDb db, DateOnly today, CancellationToken ct)
    {
        var due = await db.Set<CreditListing>().Where(l => (l.Status == "listed" || l.Status == "published" || l.Status == "repair_requested") && l.ExpiresOn <= today).ToListAsync(ct);
        foreach (var l in due) { l.Status = "expired"; l.RemovedOn = today; }
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    public static async Task<Ok<CreditExpiryResult>> RunExpiryAsync(ZhichanDb db, TimeProvider clock, CancellationToken ct)
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
