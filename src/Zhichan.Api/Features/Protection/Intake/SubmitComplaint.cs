using System.Text.Json;
using Zhichan.Api.Features.Records.Normalisation;
using static Zhichan.Api.Features.Protection.Intake.IntakeRules;

namespace Zhichan.Api.Features.Protection.Intake;

/// <summary>The complaint form (JSON body, or the same fields as multipart form fields with files under "evidence").</summary>
public sealed record SubmitComplaintRequest(
    string? Type, string? ComplainantKind, string? ComplainantName, string? ComplainantIdNumber, string? ComplainantPhone,
    string? ComplainantEmail, string? ComplainantAddress, string? RightType, string? RightNumber, string? RespondentName,
    string? RespondentAddress, string? RespondentPlatform, string? RespondentUrl, string? Facts, string? RegionCode, string? Industry,
    EvidenceUpload[]? Evidence = null);

/// <summary>The public complaint and assistance-request form: receipt number and query code, evidence files, fast-track triage.</summary>
public static class SubmitComplaint
{
    public static async Task<Created<ComplaintReceipt>> HandleAsync(HttpRequest http, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        SubmitComplaintRequest? req;
        var files = new List<(string Name, string Type, byte[] Bytes)>();
        var v = new Validation();
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            string? F(string k) => form.TryGetValue(k, out var s) ? s.ToString() : null;
            req = new SubmitComplaintRequest(F("type"), F("complainantKind"), F("complainantName"), F("complainantIdNumber"), F("complainantPhone"),
                F("complainantEmail"), F("complainantAddress"), F("rightType"), F("rightNumber"), F("respondentName"), F("respondentAddress"),
                F("respondentPlatform"), F("respondentUrl"), F("facts"), F("regionCode"), F("industry"));
            foreach (var f in form.Files)
            {
                if (f.Length > MaxFileBytes) { v.Add("evidence", $"文件“{f.FileName}”超过单个文件上限 {MaxFileBytes / 1024 / 1024} MB"); continue; }
                await using var s = f.OpenReadStream();
                using var ms = new MemoryStream();
                await s.CopyToAsync(ms, ct);
                files.Add((f.FileName, f.ContentType, ms.ToArray()));
            }
        }
        else
        {
            try { req = await http.ReadFromJsonAsync<SubmitComplaintRequest>(ct); }
            catch (JsonException e) { throw new BadHttpRequestException("请求体不是有效的 JSON", 400, e); }
            if (req is null) throw new RequestValidationException("body", "请求体不能为空");
            foreach (var e in req.Evidence ?? [])
            {
                byte[] bytes;
                try { bytes = Convert.FromBase64String(e.ContentBase64 ?? ""); }
                catch (FormatException) { v.Add("evidence", $"文件“{e.FileName}”的内容不是有效的 Base64 编码"); continue; }
                files.Add((e.FileName ?? "", e.ContentType ?? "", bytes));
            }
        }
        CheckFiles(files, v);
        var c = await BuildAsync(db, req.Type, req.ComplainantKind, req.ComplainantName, req.ComplainantIdNumber, req.ComplainantPhone, req.ComplainantEmail,
            req.ComplainantAddress, req.RightType, req.RightNumber, req.RespondentName, req.RespondentAddress, req.RespondentPlatform, req.RespondentUrl,
            req.Facts, req.RegionCode, req.Industry, v, ct);
        c.Channel = "online";
        if (me.IsAuthenticated)
        {
            c.SubmittedBy = me.Id;
            if (me.Role == Roles.Enterprise) c.ComplainantOrgUnitId = me.OrgUnitId;
        }
        var (receipt, status) = await SaveAsync(db, me, clock, c, Deadlines.Today(clock), files, ct);
        return TypedResults.Created($"/api/protection/public/complaints/{receipt.ReceiptNumber}", receipt);
    }
}
