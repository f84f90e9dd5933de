using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Zhichan.Api.Features.Protection.Settings;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Protection.Intake;

public sealed record EvidenceUpload(string? FileName, string? ContentType, string? ContentBase64);

public sealed record ComplaintReceipt(string ReceiptNumber, string Code, string Status, string StatusLabel, DateOnly ReceivedOn, DateOnly AcceptDue,
    bool RightFound, string Message);

public sealed record PublicEvent(DateTimeOffset At, string Label, string? Note);

public sealed record ComplaintStatusDto(string ReceiptNumber, string Type, string TypeLabel, string Status, string StatusLabel,
    DateOnly ReceivedOn, DateOnly AcceptDue, string ComplainantName, string RespondentName, string? RightNumber,
    string? RejectReason, string? Outcome, DateOnly? ClosedOn, bool CanRate, int? Satisfaction, PublicEvent[] Events);

/// <summary>Public intake (SubmitComplaint, GetComplaintStatus, satisfaction) and staff registration (ADR 0202).</summary>
public static partial class IntakeRules
{
    public const long MaxFileBytes = UploadedFiles.MaxFileBytes, MaxTotalBytes = 10L * 1024 * 1024;

    public const int MaxFiles = 10;

    internal const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private const RegexOptions Safe = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    internal static readonly Regex Mobile = new(@"^1[3-9]\d{9}$", Safe), Landline = new(@"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$", Safe),
        IdNumber = new(@"^\d{17}[\dXx]$", Safe), Region = new(@"^\d{6}$", Safe);

    internal static void CheckFiles(List<(string Name, string Type, byte[] Bytes)> files, Validation v)
    {
        if (files.Count > MaxFiles) v.Add("evidence", $"证据文件最多 {MaxFiles} 个");
        if (files.Sum(f => (long)f.Bytes.Length) > MaxTotalBytes) v.Add("evidence", $"证据文件合计不能超过 {MaxTotalBytes / 1024 / 1024} MB");
        foreach (var (name, _, bytes) in files)
        {
            var ext = Path.GetExtension(name);
            if (string.IsNullOrWhiteSpace(name)) v.Add("evidence", "证据文件缺少文件名");
            else if (!UploadedFiles.ContentTypeOf(ext, out _)) v.Add("evidence", $"文件“{name}”的类型不允许，仅接受 {UploadedFiles.ExtensionList}");
            else if (bytes.Length == 0) v.Add("evidence", $"文件“{name}”为空");
            else if (bytes.Length > MaxFileBytes) v.Add("evidence", $"文件“{name}”超过单个文件上限 {MaxFileBytes / 1024 / 1024} MB");
            else if (!MagicMatches(ext, bytes)) v.Add("evidence", $"文件“{name}”的内容与扩展名不符");
        }
    }

    // the checks are shared with every upload of the platform (Platform/Files)

    internal static bool ContentTypeOf(string ext, out string contentType) => UploadedFiles.ContentTypeOf(ext, out contentType);

    internal static bool MagicMatches(string ext, byte[] b) => UploadedFiles.MagicMatches(ext, b);

    internal static async Task<Complaint> BuildAsync(ZhichanDb db, string? type, string? kind, string? name, string? idNumber, string? phone,
        string? email, string? address, string? rightType, string? rightNumber, string? respondent, string? respondentAddress, string? platform,
        string? url, string? facts, string? region, string? industry, Validation v, CancellationToken ct)
    {
        type = type?.Trim();
        kind = string.IsNullOrWhiteSpace(kind) ? "person" : kind.Trim();
        v.Required("type", type, "投诉类型").OneOf("type", type, ComplaintTypes.Labels.Keys, "投诉类型");
        v.OneOf("complainantKind", kind, ["person", "organisation"], "投诉人类型");
        v.Required("complainantName", name, "投诉人姓名或名称").MaxLength("complainantName", name, 100, "投诉人姓名或名称");
        // lengths and control characters first: no pattern below ever sees a long or binary value
        foreach (var (field, value, label) in new[]
                 {
                     ("complainantName", name, "投诉人姓名或名称"), ("complainantIdNumber", idNumber, "身份证号码"), ("complainantPhone", phone, "联系电话"),
                     ("complainantEmail", email, "电子邮箱"), ("complainantAddress", address, "联系地址"), ("rightType", rightType, "权利类型"),
                     ("rightNumber", rightNumber, "权利号"), ("respondentName", respondent, "被投诉人"), ("respondentAddress", respondentAddress, "被投诉人地址"),
                     ("respondentPlatform", platform, "电商平台"), ("respondentUrl", url, "侵权链接"), ("facts", facts, "事实与理由"),
                     ("regionCode", region, "地区代码"), ("industry", industry, "所属行业"),
                 })
            v.PlainText(field, value, label);
        v.MaxLength("complainantIdNumber", idNumber, 18, "身份证号码").MaxLength("complainantPhone", phone, 30, "联系电话").MaxLength("rightType", rightType, 30, "权利类型");
        var phoneDigits = phone?.Trim().Replace(" ", "");
        if (string.IsNullOrWhiteSpace(phoneDigits)) v.Add("complainantPhone", "联系电话不能为空");
        else if (phoneDigits.Length <= 30 && !Mobile.IsMatch(phoneDigits) && !Landline.IsMatch(phoneDigits)) v.Add("complainantPhone", $"联系电话“{phone}”格式不正确，应为 11 位手机号或带区号的固定电话");
        v.Email("complainantEmail", email, "电子邮箱");
        if (!string.IsNullOrWhiteSpace(idNumber) && idNumber.Trim().Length <= 18 && !IdNumber.IsMatch(idNumber.Trim())) v.Add("complainantIdNumber", "身份证号码应为 18 位（末位可为 X）");
        v.MaxLength("complainantAddress", address, 200, "联系地址");
        v.Required("respondentName", respondent, "被投诉人").MaxLength("respondentName", respondent, 200, "被投诉人");
        v.MaxLength("respondentAddress", respondentAddress, 200, "被投诉人地址").MaxLength("respondentPlatform", platform, 100, "电商平台")
            .MaxLength("respondentUrl", url, 500, "侵权链接").Url("respondentUrl", url, "侵权链接");
        if (string.IsNullOrWhiteSpace(facts)) v.Add("facts", "事实与理由不能为空");
        else if (facts.Trim().Length < 10) v.Add("facts", "事实与理由过短，请至少写 10 个字，说明侵权行为、时间和地点");
        else v.MaxLength("facts", facts, 5000, "事实与理由");
        if (type == ComplaintTypes.PatentDispute && string.IsNullOrWhiteSpace(rightNumber)) v.Add("rightNumber", "专利侵权纠纷须填写专利号或申请号");
        if (type == ComplaintTypes.Ecommerce && string.IsNullOrWhiteSpace(platform) && string.IsNullOrWhiteSpace(url))
            v.Add("respondentPlatform", "电商平台投诉须填写平台名称或侵权链接");
        if (!string.IsNullOrWhiteSpace(region) && (region.Trim().Length != 6 || !Region.IsMatch(region.Trim()))) v.Add("regionCode", "地区代码应为 6 位数字");
        v.MaxLength("rightNumber", rightNumber, 50, "权利号").MaxLength("industry", industry, 50, "所属行业");

        var c = new Complaint
        {
            Type = type ?? "", ComplainantKind = kind, ComplainantName = name?.Trim() ?? "", ComplainantIdNumber = Blank(idNumber)?.ToUpperInvariant(),
            ComplainantPhone = phoneDigits ?? "", ComplainantEmail = Blank(email), ComplainantAddress = Blank(address), RightType = Blank(rightType),
            RightNumber = Blank(rightNumber), RespondentName = respondent?.Trim() ?? "", RespondentAddress = Blank(respondentAddress),
            RespondentPlatform = Blank(platform), RespondentUrl = Blank(url), Facts = facts?.Trim() ?? "", RegionCode = Blank(region), Industry = Blank(industry),
        };
        if (c.RightNumber is { } rn)
        {
            var parsed = ApplicationNumber.TryParse(rn, out _);
            var compact = Regex.Replace(rn.ToUpperInvariant(), @"[\s　]", "");
            c.RightCanonical = parsed?.Canonical ?? compact;
            if (parsed is not null && c.RightType is null) c.RightType = parsed.RightType;
            var hit = await db.Database.SqlQueryRaw<RightHit>("""
                SELECT id AS "Id", right_type AS "RightType", title AS "Title", status AS "Status", first_applicant AS "Owner",
                       county_code AS "CountyCode", industry_codes AS "IndustryCodes"
                FROM records WHERE application_number = {0} OR publication_number = {1} OR grant_number = {1} LIMIT 1
                """, c.RightCanonical, compact.StartsWith("CN", StringComparison.Ordinal) ? compact : "CN" + compact).ToListAsync(ct);
            if (hit.FirstOrDefault() is { } r)
            {
                c.RightRecordId = r.Id; c.RightTitle = r.Title; c.RightStatus = r.Status; c.RightOwner = r.Owner; c.RightType ??= r.RightType;
            }
        }
        v.ThrowIfInvalid();
        return c;
    }

    internal sealed record RightHit(long Id, string RightType, string? Title, string? Status, string? Owner, string? CountyCode, string[] IndustryCodes);

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static string Normalise(string? s) => s is null ? "" : Regex.Replace(TextWidthNormalise(s), @"[\s　（）()·,，.。]", "").ToUpperInvariant();

    internal static string TextWidthNormalise(string s) => new(s.Select(TextWidth.ToHalfWidth).ToArray());

    internal static async Task<(ComplaintReceipt, string)> SaveAsync(ZhichanDb db, CurrentUser me, ProtectionClock clock, Complaint c, DateOnly received,
        List<(string Name, string Type, byte[] Bytes)> files, CancellationToken ct)
    {
        // duplicate detection (ADR 0202): the same complainant on the same right against the same respondent while a case is open → 409;
        // someone else's complaint on the same right and respondent → flagged for triage as a possible duplicate
        var subject = Sha($"{c.Type}|{Normalise(c.RightCanonical)}|{Normalise(c.RespondentName)}");
        c.DedupeKey = Sha($"{subject}|{c.ComplainantPhone}");
        var open = CaseStatus.Open;
        if (await db.Set<Complaint>().AnyAsync(x => x.DedupeKey == c.DedupeKey && open.Contains(x.Status), ct))
            throw new DomainException("您已就同一权利和同一被投诉人提交过投诉，案件正在办理中，请使用原受理编号和查询码查询进度，无需重复提交。");
        var similar = await db.Set<Complaint>().Where(x => x.Type == c.Type && x.RespondentName == c.RespondentName && x.RightCanonical == c.RightCanonical
                && open.Contains(x.Status)).OrderBy(x => x.Id).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
        c.PossibleDuplicateOf = similar;

        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        c.ReceivedOn = received;
        c.AcceptDue = Deadlines.AcceptDue(cal, received);
        var settings = await ProtectionSettings.LoadAsync(db, ct);
        (c.FastTrack, c.FastTrackReasons) = await FastTrack.EvaluateAsync(db, settings, c, ct);
        c.HandlingUnitId = await FastTrack.HandlingUnitAsync(db, c, ct);

        var seq = await db.Database.SqlQueryRaw<long>("SELECT nextval('complaint_receipt_seq') AS \"Value\"").SingleAsync(ct);
        var today = Deadlines.Today(clock);
        c.ReceiptNumber = $"TS{today:yyyyMMdd}{seq:D5}";
        var code = string.Create(8, 0, (span, _) => { for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]; });
        c.CodeHash = HashCode(code);
        db.Set<Complaint>().Add(c);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var (name, type, bytes) in files)
            db.Set<ComplaintFile>().Add(new ComplaintFile
            {
                ComplaintId = c.Id, FileName = Path.GetFileName(name), ContentType = UploadedFiles.ContentTypeOf(Path.GetExtension(name), out var ctype) ? ctype : "application/octet-stream", SizeBytes = bytes.Length,
                Sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), Content = bytes, UploadedBy = me.Id,
                Visibility = FileVisibility.Shared, // the complainant's own evidence: the parties see it (ADR 0210)
            });
        db.Set<ComplaintEvent>().Add(new ComplaintEvent
        {
            ComplaintId = c.Id, ActorId = me.Id, ActorName = me.IsAuthenticated ? me.Name : "投诉人", Action = "register", ToStatus = CaseStatus.Registered,
            Note = c.Channel switch { "walk_in" => "现场登记", "referral" => "其他单位移交", _ => "网上提交" }, IsPublic = true,
        });
        await ProtectionAlerts.FastTrackAsync(db, c, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var msg = $"已收到您的投诉。我们将在 {c.AcceptDue:yyyy年M月d日} 前（{Deadlines.AcceptWorkingDays} 个工作日内）决定是否受理。请妥善保存受理编号和查询码，查询码只显示这一次。";
        return (new ComplaintReceipt(c.ReceiptNumber, code, c.Status, CaseStatus.Labels[c.Status], c.ReceivedOn, c.AcceptDue, c.RightRecordId is not null, msg), c.Status);
    }

    internal static string Sha(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();

    /// <summary>PBKDF2-SHA256 with a random salt: the code itself is never stored.</summary>
    internal static string HashCode(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code.ToUpperInvariant()), salt, 20_000, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256$20000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    internal static bool VerifyCode(string stored, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return false;
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], out var iterations)) return false;
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant()), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, 32);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    internal static async Task<Complaint> FindWithCodeAsync(ZhichanDb db, string receiptNumber, string? code, CancellationToken ct)
    {
        var c = await db.Set<Complaint>().FirstOrDefaultAsync(x => x.ReceiptNumber == receiptNumber.Trim().ToUpperInvariant(), ct);
        // one answer for an unknown number and a wrong code, so the endpoint does not reveal which numbers exist
        if (c is null || !VerifyCode(c.CodeHash, code)) throw new DomainException("未找到该受理编号，或查询码不正确", 404);
        return c;
    }

    internal static readonly Dictionary<string, string> PublicActionLabels = new()
    {
        ["public_confirmation_applied"] = "申请司法确认", ["public_confirmation_ruling"] = "司法确认", ["satisfaction"] = "满意度评价",
    };
}
