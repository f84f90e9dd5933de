using System.Text.Json;
using Zhichan.Api.Platform.Security;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// Row filter and views of appraisals (ADR 0052): the bureau and admin see all; a district the requests of its region; an
/// enterprise the requests of its own org unit; an agency those it is the service body of; anyone else none (404).
/// </summary>
public static class AppraisalQueries
{
    /// <summary>An appraisal aliased <c>a</c>: its region, the owner's unit, the unit of its service body.</summary>
    public static readonly RowScope Scope = new("a.region_code", Unit: "a.owner_org_unit_id, (SELECT org_unit_id FROM agencies WHERE id = a.agency_id)",
        UnitRoles: [Roles.Enterprise, Roles.Agency]);

    public static IQueryable<Appraisal> Visible(ZhichanDb db, CurrentUser me) => Scope.Rows(db.Set<Appraisal>(), "appraisals", "a", me);

    public static async Task<Appraisal> FindAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct) =>
        await Visible(db, me).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new DomainException($"评议申请 {id} 不存在", 404);

    /// <summary>Whether the caller sees the contact person in clear: the bureau and the requesting enterprise; masked for districts and agencies.</summary>
    public static bool SeesContact(Appraisal a, CurrentUser me) => me.IsStaff || (me.Role == Roles.Enterprise && me.OrgUnitId is { } o && a.OwnerOrgUnitId == o);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<EvidenceItem> EvidenceOf(AppraisalCheck c) => JsonSerializer.Deserialize<List<EvidenceItem>>(c.Evidence, Json) ?? [];

    public static AppraisalListItem ListItem(Appraisal a, DateOnly today, WorkCalendar cal)
    {
        int? left = a.StageDueOn is { } due ? cal.WorkingDaysLeft(today, due) : null;
        return new(a.Id, a.ProjectName, a.OwnerName, a.ActivityKind, AppraisalKinds.Names.GetValueOrDefault(a.ActivityKind, a.ActivityKind), a.Status,
            AppraisalStates.Machine.StateName(a.Status), a.StageDueOn, left, left < 0, a.HandlerName, a.CreatedAt);
    }

    public static async Task<AppraisalDetail> DetailAsync(ZhichanDb db, NpgsqlDataSource data, Appraisal a, CurrentUser me, DateOnly today, CancellationToken ct)
    {
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var checks = await db.Set<AppraisalCheck>().AsNoTracking().Where(c => c.AppraisalId == a.Id).ToListAsync(ct);
        var events = await db.Set<AppraisalEvent>().AsNoTracking().Where(e => e.AppraisalId == a.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        await using var conn = await data.OpenConnectionAsync(ct);
        var agency = a.AgencyId is { } ag ? await conn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM agencies WHERE id = @ag", new { ag }, cancellationToken: ct)) : null;
        var files = (await conn.QueryAsync<(long Id, string FileName, string ContentType, long SizeBytes, string? Description, DateTime UploadedAt)>(new CommandDefinition("""
            SELECT s.id, s.file_name, s.content_type, s.size_bytes, f.description, f.uploaded_at
            FROM appraisal_files f JOIN stored_files s ON s.id = f.file_id WHERE f.appraisal_id = @id ORDER BY s.id
            """, new { id = a.Id }, cancellationToken: ct)))
            .Select(f => new AppraisalFileDto(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.Description, f.UploadedAt, $"/api/analysis/appraisals/files/{f.Id}")).ToList();
        // the timeline shows people by their display names (the events keep the account name they were written with)
        var userIds = events.Where(e => e.ActorId is not null).Select(e => e.ActorId!.Value).Append(a.CreatedBy ?? -1).Distinct().ToArray();
        var names = (await conn.QueryAsync<(long Id, string DisplayName)>(new CommandDefinition("SELECT id, display_name FROM users WHERE id = ANY(@userIds)",
            new { userIds }, cancellationToken: ct))).ToDictionary(x => x.Id, x => x.DisplayName);
        string NameOf(long? id, string fallback) => id is { } i && names.TryGetValue(i, out var n) ? n : fallback;
        var clear = SeesContact(a, me);
        var actors = AppraisalStates.ActorsOf(a, me);
        var order = AppraisalChecklist.Items.Select(i => i.Code).ToList();
        var checkViews = checks.OrderBy(c => order.IndexOf(c.Code)).Select(c =>
        {
            var item = AppraisalChecklist.Find(c.Code);
            return new AppraisalCheckView(c.Code, c.Stage, AppraisalStates.Machine.StateName(c.Stage), item?.Label ?? c.Code, item?.Guidance ?? "", c.Required, c.State,
                AppraisalRisk.Names.GetValueOrDefault(c.State, c.State), c.Note, EvidenceOf(c), c.Links, item?.Collector is not null, c.CollectedAt, c.UpdatedByName, c.UpdatedAt);
        }).ToList();
        var stages = AppraisalStates.Stages.Select(s => new AppraisalStage(s, AppraisalStates.Machine.StateName(s), AppraisalStates.TimeLimits.GetValueOrDefault(s))).ToList();
        var editable = a.Status is AppraisalStates.Submitted or AppraisalStates.Returned && (actors.Contains(AppraisalStates.Requester))
            || me.IsStaff && a.Status is not (AppraisalStates.Archived or AppraisalStates.Rejected);
        return new AppraisalDetail(ListItem(a, today, cal), a.OwnerEntityId, a.OwnerOrgUnitId, a.OwnerCreditCode, a.RegionCode, a.Reason, a.Technologies, a.IpcCodes,
            a.ApplicationNumbers, a.SearchQ, a.TalentName, a.TalentEmployers, a.Amount,
            clear ? a.ContactName : a.ContactName is null ? null : Masking.MaskName(a.ContactName),
            clear || a.ContactPhone is null ? a.ContactPhone : Masking.MaskPhone(a.ContactPhone), clear || a.ContactEmail is null ? a.ContactEmail : Masking.MaskEmail(a.ContactEmail), !clear,
            a.AgencyId, agency, a.StageStartedOn, a.ScopeText, a.MethodText, a.OpinionText, a.ConclusionText, a.Recommendations, NameOf(a.CreatedBy, a.CreatedByName),
            stages, checkViews, events.Select(e => WorkflowEventView.Of(e, AppraisalStates.Machine) with { ActorName = NameOf(e.ActorId, e.ActorName) }).ToList(),
            AppraisalStates.Machine.Allowed(a.Status, actors).Select(t => new AppraisalAction(t.Action, t.Label, t.NoteRequired)).ToList(),
            files, editable, me.IsStaff && a.Status is not (AppraisalStates.Archived or AppraisalStates.Rejected));
    }
}

public sealed record AppraisalListItem(long Id, string ProjectName, string OwnerName, string ActivityKind, string ActivityKindName, string Status, string StatusName,
    DateOnly? StageDueOn, int? WorkingDaysLeft, bool? Overdue, string? HandlerName, DateTimeOffset CreatedAt);

public sealed record AppraisalStage(string Code, string Name, int TimeLimitDays);

public sealed record AppraisalAction(string Action, string Label, bool NoteRequired);

public sealed record AppraisalCheckView(string Code, string Stage, string StageName, string Label, string Guidance, bool Required, string State, string StateName,
    string? Note, List<EvidenceItem> Evidence, string[] Links, bool Collectable, DateTimeOffset? CollectedAt, string? UpdatedByName, DateTimeOffset UpdatedAt);

public sealed record AppraisalFileDto(long Id, string FileName, string ContentType, long SizeBytes, string? Description, DateTime UploadedAt, string Link);

/// <param name="ContactMasked">True when the contact is masked for the caller (a district or an agency).</param>
/// <param name="Editable">The caller may change the request's fields.</param>
/// <param name="Workable">The caller (the bureau) may set checks, collect evidence and write the opinion.</param>
public sealed record AppraisalDetail(AppraisalListItem Summary, long? OwnerEntityId, long? OwnerOrgUnitId, string? OwnerCreditCode, string? RegionCode, string Reason,
    string Technologies, string[] IpcCodes, string[] ApplicationNumbers, string? SearchQ, string? TalentName, string[] TalentEmployers, decimal? Amount,
    string? ContactName, string? ContactPhone, string? ContactEmail, bool ContactMasked, long? AgencyId, string? AgencyName, DateOnly StageStartedOn,
    string? ScopeText, string? MethodText, string? OpinionText, string? ConclusionText, string? Recommendations, string CreatedByName,
    List<AppraisalStage> Stages, List<AppraisalCheckView> Checks, List<WorkflowEventView> Timeline, List<AppraisalAction> Actions, List<AppraisalFileDto> Files,
    bool Editable, bool Workable);
