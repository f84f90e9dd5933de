using System.Text.Json;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>
/// What the outcome stages share (ADR 0044): a call with its type and definition, the effective quotas (the call's override the
/// definition's), the budget in use, the publicity window and the applications on the published list.
/// </summary>
public static class OutcomeRules
{
    /// <summary>States whose proposed or decided level and amount hold a quota place and budget.</summary>
    public static readonly string[] Holding = [ApplicationStates.Reviewed, ApplicationStates.Publicised, ApplicationStates.Approved];

    /// <summary>States an application reaches once the review is done: the outcome stages show these.</summary>
    public static readonly string[] AfterReview = [ApplicationStates.Reviewed, ApplicationStates.Publicised, ApplicationStates.Approved, ApplicationStates.Refused];

    public sealed record CallContext(ProgrammeCall Call, ProgrammeType Type, ProgrammeDefinition Definition)
    {
        /// <summary>The effective quota per level key: the call's quotas JSON overrides the definition's level quota.</summary>
        public int? QuotaOf(string level)
        {
            var overrides = JsonSerializer.Deserialize<Dictionary<string, int?>>(Call.Quotas) ?? [];
            return overrides.TryGetValue(level, out var q) ? q : Definition.Levels.FirstOrDefault(l => l.Key == level)?.Quota;
        }

        public string LevelLabel(string? level) => level is null ? "" : Definition.Levels.FirstOrDefault(l => l.Key == level)?.Label ?? level;

        /// <summary>Whether the applicants are natural persons, whose names the public list masks.</summary>
        public bool PersonApplicants => Type.Applicant == "person";
    }

    public static async Task<CallContext> LoadCallAsync(ZhichanDb db, long callId, CancellationToken ct, bool track = false)
    {
        var calls = track ? db.Set<ProgrammeCall>() : db.Set<ProgrammeCall>().AsNoTracking();
        var call = await calls.FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw new DomainException("申报批次不存在", 404);
        var type = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(t => t.Id == call.TypeId, ct);
        return new CallContext(call, type, type.Parsed());
    }

    /// <summary>The application (tracked) and its call; 404 when it does not exist.</summary>
    public static async Task<(ProgrammeApplication App, CallContext Ctx)> LoadApplicationAsync(ZhichanDb db, long id, CancellationToken ct)
    {
        var app = await db.Set<ProgrammeApplication>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new DomainException("申报不存在", 404);
        return (app, await LoadCallAsync(db, app.CallId, ct));
    }

    /// <summary>The day the list was published: the first 公示 event of the call's applications, or null before publication.</summary>
    public static async Task<DateTimeOffset?> PublishedAtAsync(ZhichanDb db, long callId, CancellationToken ct) =>
        await (from e in db.Set<ProgrammeApplicationEvent>()
               join a in db.Set<ProgrammeApplication>() on e.ApplicationId equals a.Id
               where a.CallId == callId && e.Action == "publicise"
               select (DateTimeOffset?)e.At).MinAsync(ct);

    /// <summary>The ids of the applications on the published list (those a 公示 event moved).</summary>
    public static IQueryable<long> ListedIds(ZhichanDb db, long callId) =>
        from e in db.Set<ProgrammeApplicationEvent>()
        join a in db.Set<ProgrammeApplication>() on e.ApplicationId equals a.Id
        where a.CallId == callId && e.Action == "publicise"
        select a.Id;

    /// <summary>The last day of a window of <paramref name="workingDays"/> working days that starts on <paramref name="from"/> (counted when a working day).</summary>
    public static DateOnly WindowEnd(WorkCalendar cal, DateOnly from, int workingDays) => cal.AddWorkingDays(from.AddDays(-1), Math.Max(1, workingDays));

    /// <summary>A refusal unless the publicity window of the call has ended (decisions come after the 公示).</summary>
    public static async Task EnsureWindowEndedAsync(ZhichanDb db, ProgrammeCall call, DateOnly today, CancellationToken ct)
    {
        if (call.PublicityTo is not { } to || await PublishedAtAsync(db, call.Id, ct) is null)
            throw new DomainException("本批次尚未公示，公示期满后才能作出决定");
        if (today <= to)
        {
            var cal = await WorkCalendarLoader.LoadAsync(db, ct);
            throw new DomainException($"公示期至 {to:yyyy-MM-dd} 结束（还有 {Math.Max(1, cal.WorkingDaysLeft(today, to))} 个工作日），公示期满后才能作出决定");
        }
    }

    /// <summary>A refusal while objections to the call are unanswered (409 naming how many).</summary>
    public static async Task EnsureObjectionsAnsweredAsync(ZhichanDb db, long callId, CancellationToken ct)
    {
        var open = await db.Set<ProgrammeObjection>().CountAsync(o => o.CallId == callId && o.Status == "received", ct);
        if (open > 0) throw new DomainException($"本批次还有 {open} 件异议未答复，答复后才能作出决定");
    }

    /// <summary>The entity label level of a recognition by the call's region: a province code → province, a city code → city.</summary>
    public static string? LabelLevel(string regionCode) =>
        regionCode.Length != 6 ? null : regionCode[2..] == "0000" ? "province" : regionCode[4..] == "00" ? "city" : null;

    /// <summary>The reference of an application as labels and notifications cite it.</summary>
    public static string Reference(ProgrammeApplication a) => $"SB{a.CallId:D4}-{a.Id:D6}";

    public static string Yuan(decimal amount) => amount >= 10000m ? $"{amount / 10000m:0.####} 万元" : $"{amount:0.##} 元";
}
