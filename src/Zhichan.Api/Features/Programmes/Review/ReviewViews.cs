using System.Text.Json;
using Zhichan.Api.Features.Registries.Experts;
using Zhichan.Api.Platform.Security;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Programmes.Review;

public sealed record DrawMemberDto(long Id, long ExpertId, string Name, string? Title, string? Employer, int Position, string Role, string RoleLabel,
    string Status, string StatusLabel, long? Replaces, string? Note);

public sealed record DrawExclusionDto(long ExpertId, string Name, string[] Reasons);

public sealed record DrawApplicationDto(long Id, string ApplicantName, string Status, string StatusLabel);

public sealed record DrawCheck(bool Matches, PanelDrawResult Recomputed, string Fingerprint);

public sealed record ExpertDrawDto(long Id, long CallId, string CallTitle, string Status, string StatusLabel, DrawCriteria Criteria, string Algorithm, string Seed,
    string Fingerprint, StoredDrawInputs Inputs, PanelDrawResult Result, string? Reason, long? SupersededBy, long? Supersedes, DateTimeOffset? PublishedAt,
    DateTimeOffset DrawnAt, bool ScoringStarted, DrawMemberDto[] Members, DrawExclusionDto[] Exclusions, DrawApplicationDto[] Applications,
    WorkflowEventView[] Log, DrawCheck Verification);

/// <summary>The log of a draw (programme_draw_events) and the labels every view of a draw shows.</summary>
public static class DrawLog
{
    public const string Drawn = "drawn", Superseded = "superseded";

    public static readonly StateMachine Machine = new("专家抽取",
        new Dictionary<string, string> { [Drawn] = "有效", [Superseded] = "已作废（已重新抽取）" },
        new Dictionary<string, string> { [ApplicationStates.Bureau] = "知识产权局", ["expert"] = "评审专家" },
        [new("redraw", [Drawn], Superseded, ApplicationStates.Bureau, "重新抽取", NoteRequired: true)],
        new Dictionary<string, string>
        {
            ["draw"] = "随机抽取", ["redrawn"] = "重新抽取产生", ["accept"] = "专家确认参加", ["decline"] = "专家谢绝", ["conflict"] = "专家申报回避",
            ["replace"] = "候补递补", ["publish"] = "公示抽取结果",
        });

    public static readonly IReadOnlyDictionary<string, string> RoleLabels = new Dictionary<string, string> { ["member"] = "评审专家", ["reserve"] = "候补专家" };

    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>
    {
        ["active"] = "在组评审", ["waiting"] = "候补（未递补）", ["declined"] = "已谢绝", ["conflict"] = "申报回避", ["replaced"] = "已被替换",
    };

    public static void Add(ZhichanDb db, ProgrammeDraw d, string action, CurrentUser me, string? note) =>
        db.Add(new ProgrammeDrawEvent { DrawId = d.Id }.Of<ProgrammeDrawEvent>(action, d.Status, d.Status, me, note));
}

/// <summary>Loading and shaping draws for the bureau's, the public's and the experts' views.</summary>
public static class ReviewViews
{
    public static StoredDrawInputs InputsOf(ProgrammeDraw d) => JsonSerializer.Deserialize<StoredDrawInputs>(d.Inputs, PanelCandidates.Json)!;
    public static PanelDrawResult ResultOf(ProgrammeDraw d) => JsonSerializer.Deserialize<PanelDrawResult>(d.Result, PanelCandidates.Json)!;
    public static DrawCriteria CriteriaOf(ProgrammeDraw d) => JsonSerializer.Deserialize<DrawCriteria>(d.Criteria, PanelCandidates.Json)!;

    public static DrawCheck Verify(ProgrammeDraw d)
    {
        var published = ResultOf(d);
        var again = PanelDrawAlgorithm.Run(InputsOf(d).ForAlgorithm());
        return new DrawCheck(published.Members.SequenceEqual(again.Members) && published.Reserves.SequenceEqual(again.Reserves), again, PanelDrawAlgorithm.Fingerprint(again));
    }

    public static async Task<ProgrammeCall> CallAsync(ZhichanDb db, long callId, CancellationToken ct) =>
        await db.Set<ProgrammeCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw new DomainException($"申报批次 {callId} 不存在", 404);

    public static async Task<ProgrammeDefinition> DefinitionAsync(ZhichanDb db, long typeId, CancellationToken ct) =>
        (await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(t => t.Id == typeId, ct)).Parsed();

    public static async Task<bool> ScoringStartedAsync(ZhichanDb db, long drawId, CancellationToken ct) =>
        await db.Set<ProgrammeScore>().AnyAsync(s => db.Set<ProgrammePanelMember>().Any(m => m.Id == s.MemberId && m.DrawId == drawId), ct);

    /// <param name="masked">The public view: experts' names masked, no titles or employers, reasons with the name masked.</param>
    public static async Task<ExpertDrawDto> ToDtoAsync(ZhichanDb db, ProgrammeDraw d, bool masked, CancellationToken ct)
    {
        var call = await CallAsync(db, d.CallId, ct);
        var inputs = InputsOf(d);
        var result = ResultOf(d);
        var members = await db.Set<ProgrammePanelMember>().AsNoTracking().Where(m => m.DrawId == d.Id).OrderBy(m => m.Position).ToListAsync(ct);
        var expertIds = members.Select(m => m.ExpertId).Concat(inputs.Exclusions.Select(x => x.ExpertId)).Distinct().ToArray();
        var experts = await db.Set<Expert>().AsNoTracking().Where(e => expertIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Name, e.Title, e.Employer }).ToDictionaryAsync(e => e.Id, ct);
        string NameOf(long id) => experts.TryGetValue(id, out var e) ? masked ? Masking.MaskName(e.Name) : e.Name : $"专家 {id}";
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => inputs.ApplicationIds.Contains(a.Id)).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.ApplicantName, a.Status }).ToListAsync(ct);
        var log = await db.Set<ProgrammeDrawEvent>().AsNoTracking().Where(e => e.DrawId == d.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var exclusions = inputs.Exclusions.Select(x => new DrawExclusionDto(x.ExpertId, NameOf(x.ExpertId),
            masked && experts.TryGetValue(x.ExpertId, out var e) ? x.Reasons.Select(r => Masking.MaskText(r, [e.Name])).ToArray() : x.Reasons)).ToArray();
        if (masked) inputs = inputs with { Exclusions = exclusions.Select(x => new PanelExclusion(x.ExpertId, x.Reasons)).ToArray() };
        var supersedes = await db.Set<ProgrammeDraw>().Where(x => x.SupersededBy == d.Id).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
        return new ExpertDrawDto(d.Id, d.CallId, call.Title, d.Status, DrawLog.Machine.StateName(d.Status), CriteriaOf(d), d.Algorithm, d.Seed,
            PanelDrawAlgorithm.Fingerprint(result), inputs, result, d.Reason, d.SupersededBy, supersedes, d.PublishedAt, d.DrawnAt,
            await ScoringStartedAsync(db, d.Id, ct),
            members.Select(m => new DrawMemberDto(m.Id, m.ExpertId, NameOf(m.ExpertId), masked ? null : experts.GetValueOrDefault(m.ExpertId)?.Title,
                masked ? null : experts.GetValueOrDefault(m.ExpertId)?.Employer, m.Position, m.Role, DrawLog.RoleLabels[m.Role], m.Status,
                DrawLog.StatusLabels[m.Status], m.Replaces, masked && m.Note is not null ? Masking.MaskText(m.Note) : m.Note)).ToArray(),
            exclusions,
            apps.Select(a => new DrawApplicationDto(a.Id, a.ApplicantName, a.Status, ApplicationStates.Machine.StateName(a.Status))).ToArray(),
            log.Select(e => WorkflowEventView.Of(e, DrawLog.Machine) with { ActorName = masked ? Masking.MaskName(e.ActorName) : e.ActorName }).ToArray(),
            Verify(d));
    }
}
