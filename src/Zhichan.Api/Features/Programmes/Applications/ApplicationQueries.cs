using System.Text.Json;
using System.Text.Json.Nodes;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Programmes;

public sealed record ApplicationFileView(long Id, string Kind, string KindLabel, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt, string DownloadLink);

/// <param name="CorrectionOverdueDays">Calendar days past the 补正 deadline while the application waits for the correction, else null.</param>
public sealed record ApplicationSummary(long Id, long CallId, string CallTitle, string TypeName, string ApplicantName, string? RegionCode, string? RegionName,
    string Status, string StatusName, DateTimeOffset? SubmittedAt, string? Recommendation, string? CorrectionRequest, DateOnly? CorrectionDue,
    int? CorrectionOverdueDays, int EligibilityFailed, int EligibilityUnknown, DateTimeOffset UpdatedAt);

public sealed record ApplicationDetail(ApplicationSummary Summary, CallView Call, long TypeId, int TypeVersion, ProgrammeDefinition Definition, long? EntityId,
    string? CreditCode, JsonObject Form, bool FormMasked, string[] Declarations, IReadOnlyList<EligibilityResult>? Eligibility, decimal? AmountRequested,
    string? RecommendationNote, DateTimeOffset? RecommendedAt, IReadOnlyList<ApplicationFileView> Files, IReadOnlyList<WorkflowEventView> Timeline,
    IReadOnlyList<string> Actions);

/// <summary>The row filter of applications (ADR 0039, 0040), the detail view and the caller's actions.</summary>
public static class ApplicationQueries
{
    /// <summary>The actions of this part of the engine (the review, publicity and decision parts list their own).</summary>
    private static readonly string[] CallsActions = ["submit", "resubmit", "withdraw", "recommend", "not_recommend", "request_correction", "accept", "close"];

    /// <summary>
    /// Staff all applications; a district those of its region; an enterprise or agency those of its own unit; anyone else none.
    /// Drafts are the applicant's own: nobody else sees them.
    /// </summary>
    public static IQueryable<ProgrammeApplication> Visible(ZhichanDb db, CurrentUser me)
    {
        var q = db.Set<ProgrammeApplication>().AsQueryable();
        var org = me.OrgUnitId ?? -1;
        if (me.Role is Roles.Enterprise or Roles.Agency) return q.Where(a => a.OrgUnitId == org);
        q = q.Where(a => a.Status != ApplicationStates.Draft);
        if (me.IsStaff) return q;
        if (me.RegionPrefix is { } prefix) return q.Where(a => a.RegionCode != null && a.RegionCode.StartsWith(prefix));
        return q.Where(a => false);
    }

    public static async Task<ProgrammeApplication> LoadAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct) =>
        await Visible(db, me).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new DomainException("申报不存在", 404);

    public static async Task<(ProgrammeCall Call, ProgrammeType Type, ProgrammeDefinition Definition)> ContextAsync(ZhichanDb db, ProgrammeApplication a, CancellationToken ct)
    {
        var call = await db.Set<ProgrammeCall>().AsNoTracking().FirstAsync(c => c.Id == a.CallId, ct);
        var type = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(t => t.Id == call.TypeId, ct);
        return (call, type, type.Parsed());
    }

    public static int? OverdueDays(ProgrammeApplication a, DateOnly today) =>
        a.Status == ApplicationStates.Correction && a.CorrectionDue is { } due && today > due ? today.DayNumber - due.DayNumber : null;

    public static IReadOnlyList<EligibilityResult>? Eligibility(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<EligibilityResult>>(json, JsonSerializerOptions.Web);

    public static ApplicationSummary Summary(ProgrammeApplication a, ProgrammeCall call, ProgrammeType type, IReadOnlyDictionary<string, string> regions, DateOnly today)
    {
        var e = Eligibility(a.Eligibility) ?? [];
        return new ApplicationSummary(a.Id, a.CallId, call.Title, type.Name, a.ApplicantName, a.RegionCode, a.RegionCode is null ? null : regions.GetValueOrDefault(a.RegionCode),
            a.Status, ApplicationStates.Machine.StateName(a.Status), a.SubmittedAt, a.Recommendation, a.CorrectionRequest, a.CorrectionDue, OverdueDays(a, today),
            e.Count(x => x.Outcome == EligibilityEngine.Fail), e.Count(x => x.Outcome == EligibilityEngine.Unknown), a.UpdatedAt);
    }

    /// <summary>What the caller may do now: the machine's transitions of this part for the caller's actors, plus editing for the applicant.</summary>
    public static IReadOnlyList<string> ActionsOf(ProgrammeApplication a, ProgrammeDefinition d, CurrentUser me)
    {
        var actors = ApplicationWorkflow.ActorsOf(me, a);
        var actions = ApplicationStates.Machine.Allowed(a.Status, actors).Select(t => t.Action).Where(CallsActions.Contains).ToList();
        // the district recommends once (an application resubmitted after a 补正 keeps its recommendation); where it must, the
        // bureau's formal check starts after the recommendation
        if (!d.RecommendationRequired || a.Recommendation is not null) actions.RemoveAll(x => x is "recommend" or "not_recommend");
        if (!RecommendationDone(a, d)) actions.RemoveAll(x => x is "accept" or "request_correction");
        if (actors.Contains(ApplicationStates.Applicant) && ApplicationStates.Editable.Contains(a.Status)) actions.Add("edit");
        return actions;
    }

    /// <summary>Whether the formal check may start: the programme needs no recommendation, or the district recommended.</summary>
    public static bool RecommendationDone(ProgrammeApplication a, ProgrammeDefinition d) => !d.RecommendationRequired || a.Recommendation == "recommended";

    public static async Task<ApplicationDetail> DetailAsync(ZhichanDb db, ProgrammeApplication a, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (call, type, d) = await ContextAsync(db, a, ct);
        var today = ChinaTime.Today(clock);
        var regions = await ProgrammeViews.RegionNamesAsync(db, [a.RegionCode, call.RegionCode], ct);
        var files = await FilesAsync(db, d, a.Id, ct);
        var events = await db.Set<ProgrammeApplicationEvent>().AsNoTracking().Where(e => e.ApplicationId == a.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var form = JsonNode.Parse(a.Form) as JsonObject ?? [];
        // the district checks the recommendation, not the contacts: personal values are masked for it (ADR 0040)
        var masked = !me.IsStaff && !ApplicationWorkflow.ActorsOf(me, a).Contains(ApplicationStates.Applicant);
        return new ApplicationDetail(Summary(a, call, type, regions, today), ProgrammeViews.Call(call, type, regions, today), type.Id, type.Version, d, a.EntityId,
            a.CreditCode, masked ? FormRules.Masked(d, form) : form, masked, a.Declarations, Eligibility(a.Eligibility), a.AmountRequested, a.RecommendationNote,
            a.RecommendedAt, files, events.Select(e => WorkflowEventView.Of(e, ApplicationStates.Machine)).ToList(), ActionsOf(a, d, me));
    }

    public static async Task<List<ApplicationFileView>> FilesAsync(ZhichanDb db, ProgrammeDefinition d, long applicationId, CancellationToken ct)
    {
        var rows = await db.Database.GetDbConnection().QueryAsync<(long Id, string Kind, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt)>(
            new CommandDefinition("""
                SELECT s.id, f.kind, s.file_name, s.content_type, s.size_bytes, s.uploaded_at
                FROM programme_application_files f JOIN stored_files s ON s.id = f.file_id WHERE f.application_id = @applicationId ORDER BY s.id
                """, new { applicationId }, cancellationToken: ct));
        return rows.Select(r => new ApplicationFileView(r.Id, r.Kind, d.Attachments.FirstOrDefault(k => k.Kind == r.Kind)?.Label ?? r.Kind, r.FileName, r.ContentType,
            r.SizeBytes, r.UploadedAt, $"/api/programmes/application-files/{r.Id}")).ToList();
    }

    /// <summary>Evaluates the form and the rules for a submission; a failed rule refuses it with the rule's Chinese text and evidence.</summary>
    public static async Task<IReadOnlyList<EligibilityResult>> CheckForSubmissionAsync(ZhichanDb db, NpgsqlDataSource data, ProgrammeApplication a, ProgrammeCall call,
        ProgrammeDefinition d, DateOnly today, CancellationToken ct)
    {
        var files = await FilesAsync(db, d, a.Id, ct);
        await FormRules.ValidateAsync(d, JsonNode.Parse(a.Form) as JsonObject ?? [], a.Declarations, true, files.Select(f => f.Kind).ToHashSet(), data, ct);
        var results = await EligibilityEngine.EvaluateAsync(db, data, a, call, d, today, ct);
        var failed = results.Where(r => r.Outcome == EligibilityEngine.Fail).ToList();
        if (failed.Count > 0)
            throw new DomainException("不符合申报条件：" + string.Join("；", failed.Select(f => $"{f.Text}（{f.Evidence}）")), 409, "不符合申报条件");
        return results;
    }
}
