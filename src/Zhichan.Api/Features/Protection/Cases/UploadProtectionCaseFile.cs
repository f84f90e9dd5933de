using Zhichan.Api.Features.Protection.Intake;
using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>Uploads a document, mediation agreement or further evidence.</summary>
public static class UploadProtectionCaseFile
{
    /// <summary>Staff add documents (文书), mediation agreements or further evidence to a case; same type and size checks as the intake.
    /// Internal unless <paramref name="visibility"/> says shared (ADR 0210).</summary>
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind,
        [Microsoft.AspNetCore.Mvc.FromForm] string? visibility, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        kind = string.IsNullOrWhiteSpace(kind) ? "document" : kind.Trim();
        visibility = string.IsNullOrWhiteSpace(visibility) ? FileVisibility.Internal : visibility.Trim();
        var v = new Validation();
        v.OneOf("kind", kind, ["evidence", "document", "agreement"], "文件类别");
        v.OneOf("visibility", visibility, FileVisibility.Labels.Keys, "可见范围");
        if (file is null) v.Add("file", "请选择文件");
        v.ThrowIfInvalid();
        using var ms = new MemoryStream();
        await file!.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var ext = Path.GetExtension(file.FileName);
        if (bytes.Length == 0) v.Add("file", $"文件“{file.FileName}”为空");
        else if (bytes.Length > IntakeRules.MaxFileBytes) v.Add("file", $"文件“{file.FileName}”超过单个文件上限 {IntakeRules.MaxFileBytes / 1024 / 1024} MB");
        else if (!IntakeRules.ContentTypeOf(ext, out var _)) v.Add("file", $"文件“{file.FileName}”的类型不允许");
        else if (!IntakeRules.MagicMatches(ext, bytes)) v.Add("file", $"文件“{file.FileName}”的内容与扩展名不符");
        v.ThrowIfInvalid();
        IntakeRules.ContentTypeOf(ext, out var contentType);
        db.Set<ComplaintFile>().Add(new ComplaintFile
        {
            ComplaintId = c.Id, FileName = Path.GetFileName(file.FileName), ContentType = contentType, SizeBytes = bytes.Length, Kind = kind,
            Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), Content = bytes, UploadedBy = me.Id,
            Visibility = visibility,
        });
        Log(db, me, c, "upload", null, null, $"上传{(kind switch { "agreement" => "调解协议", "evidence" => "证据", _ => "文书" })}（{FileVisibility.Labels[visibility]}）：{Path.GetFileName(file.FileName)}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
