namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>Sets a checklist item's state (未查/无风险/低/中/高风险/不适用), its note and evidence links (the bureau, audited).</summary>
public static class SetAppraisalCheck
{
    /// <param name="State">unchecked, none, low, medium, high or na.</param>
    /// <param name="Links">Evidence links the handler adds (web addresses or platform paths).</param>
    public sealed record SetAppraisalCheckRequest(string? State, string? Note, string[]? Links);

    public static async Task<Ok<AppraisalDetail>> HandleAsync(long id, string code, SetAppraisalCheckRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        var c = await WorkableCheckAsync(db, a, code, ct);
        var v = new Validation();
        v.Required("state", req.State, "核查结果").OneOf("state", req.State, AppraisalRisk.Names.Keys, "核查结果");
        var note = req.Note?.Trim();
        v.MaxLength("note", note, 4000, "核查说明").PlainText("note", note, "核查说明");
        if (req.State == AppraisalRisk.NotApplicable && c.Required && string.IsNullOrWhiteSpace(note)) v.Add("note", "必查项标为不适用须说明理由");
        var links = (req.Links ?? []).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToArray();
        if (links.Length > 20) v.Add("links", "证据链接最多 20 条");
        foreach (var (l, i) in links.Select((l, i) => (l, i)))
            if (!l.StartsWith('/') && !(Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") || l.Length > 500)
                v.Add($"links[{i}]", $"证据链接“{(l.Length > 40 ? l[..40] + "…" : l)}”应为 http(s) 网址或平台内路径");
        v.ThrowIfInvalid();
        var before = c.State;
        (c.State, c.Note, c.Links, c.UpdatedByName, c.UpdatedAt) = (req.State!, string.IsNullOrEmpty(note) ? null : note, links, me.Name, DateTimeOffset.UtcNow);
        if (before != c.State)
            db.Add(new AppraisalEvent { AppraisalId = a.Id }.Of<AppraisalEvent>("check", a.Status, a.Status, me,
                $"{AppraisalChecklist.Find(c.Code)?.Label}：{AppraisalRisk.Names[before]} → {AppraisalRisk.Names[c.State]}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct));
    }

    /// <summary>The item, while the appraisal is worked (accepted, not yet archived); the bureau works every stage's items up to the current one.</summary>
    public static async Task<AppraisalCheck> WorkableCheckAsync(ZhichanDb db, Appraisal a, string code, CancellationToken ct)
    {
        if (a.Status is not (AppraisalStates.Search or AppraisalStates.Risk or AppraisalStates.Opinion or AppraisalStates.Conclusion))
            throw new DomainException($"评议申请当前状态为“{AppraisalStates.Machine.StateName(a.Status)}”，不能核查（受理后至归档前可以）");
        return await db.Set<AppraisalCheck>().FirstOrDefaultAsync(c => c.AppraisalId == a.Id && c.Code == code, ct)
            ?? throw new DomainException($"核查项“{code}”不存在", 404);
    }
}
