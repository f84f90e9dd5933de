using Zhichan.Api.Platform.Security;
namespace Zhichan.Api.Features.Protection.Disclosures;

public sealed record DisclosureDto(long Id, long? ComplaintId, string Kind, string? DecisionNumber, string Title, string MaskedText, string? OriginalText,
    string[] MaskedNames, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, string? Summary, string? MaskedSummary, DateTimeOffset? WithdrawnAt);

/// <summary>What a disclosure will look like in public, before it is saved (staff check the masking first).</summary>
public sealed record DisclosurePreview(string Title, string? Summary, string Text, string[] MaskedNames, string SourceText);

public sealed record PublicDisclosureDto(long Id, string Kind, string? DecisionNumber, string Title, string? Summary, string Text, DateTimeOffset PublishedAt);

/// <summary>Public disclosure with masking (ADR 0204), the credit list (严重违法失信名单) and the protection list (保护名录).</summary>
public static class DisclosureTexts
{
    internal static DisclosureDto ToDto(Disclosure d) => new(d.Id, d.ComplaintId, d.Kind, d.DecisionNumber, d.Title, d.MaskedText, d.OriginalText, d.MaskedNames,
        d.PublishedAt, d.CreatedAt, d.Summary, d.MaskedSummary, d.WithdrawnAt);

    internal sealed record Prepared(string Title, string? Summary, string? MaskedSummary, string Text, string MaskedText, string[] MaskedNames);

    /// <summary>
    /// Validates a disclosure and masks it (ADR 0204, 0208): a typical case (典型案例) is an article about a closed case, with a
    /// summary; the body may be taken from a text document uploaded to the case (txt or docx) — only its masked rendering is
    /// ever served publicly, never the upload itself.
    /// </summary>
    internal static async Task<Prepared> PrepareAsync(DisclosureRequest req, ZhichanDb db, CancellationToken ct)
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
}
