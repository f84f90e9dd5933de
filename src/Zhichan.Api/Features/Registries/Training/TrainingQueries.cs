using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>Status of events, who may register themself, the event as the caller sees it (ADR 0027).</summary>
public static class TrainingQueries
{
    /// <summary>The roles that register themselves; the bureau registers everyone else by list.</summary>
    public static readonly string[] SelfRegisteringRoles = [Roles.Enterprise, Roles.Agency, Roles.Expert];

    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>
    {
        ["upcoming"] = "未开始", ["ongoing"] = "进行中", ["finished"] = "已结束", ["cancelled"] = "已取消",
    };

    public static string Status(TrainingEvent e, DateOnly today) =>
        e.CancelledAt is not null ? "cancelled" : today < e.StartsOn ? "upcoming" : today > e.EndsOn ? "finished" : "ongoing";

    public static string CertificateLink(long registrationId) => $"/api/registries/training/registrations/{registrationId}/certificate";

    /// <summary>The events a caller sees: the bureau all; everyone else the events not cancelled and those they registered for.</summary>
    public static IQueryable<TrainingEvent> Visible(ZhichanDb db, CurrentUser me)
    {
        var q = db.Set<TrainingEvent>().AsQueryable();
        if (me.IsStaff) return q;
        var uid = me.Id ?? -1;
        return q.Where(e => e.CancelledAt == null || db.Set<TrainingRegistration>().Any(r => r.EventId == e.Id && r.UserId == uid));
    }

    public static async Task<TrainingEvent> FindVisibleAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct) =>
        await Visible(db, me).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);

    /// <summary>Why a new registration is refused now (null when it is accepted): cancelled, closed, over, full.</summary>
    public static string? RegistrationBlocked(TrainingEvent e, int registered, DateOnly today) =>
        e.CancelledAt is not null ? "培训已取消"
        : !e.RegistrationOpen ? "报名已截止"
        : today > e.EndsOn ? "培训已结束"
        : e.Capacity is { } cap && registered >= cap ? $"名额已满（{cap} 人）"
        : null;

    public static async Task<List<TrainingEventDto>> ToDtosAsync(ZhichanDb db, CurrentUser me, IReadOnlyList<TrainingEvent> events, RecordsReference reference,
        DateOnly today, CancellationToken ct)
    {
        var ids = events.Select(e => e.Id).ToArray();
        var counts = await db.Set<TrainingRegistration>().AsNoTracking().Where(r => ids.Contains(r.EventId)).GroupBy(r => r.EventId)
            .Select(g => new { g.Key, N = g.Count(), In = g.Count(r => r.CheckedInAt != null), Cert = g.Count(r => r.CertificateNumber != null) })
            .ToDictionaryAsync(x => x.Key, ct);
        var uid = me.Id ?? -1;
        var mine = await db.Set<TrainingRegistration>().AsNoTracking().Where(r => ids.Contains(r.EventId) && r.UserId == uid).ToDictionaryAsync(r => r.EventId, ct);
        return events.Select(e =>
        {
            var c = counts.GetValueOrDefault(e.Id);
            var status = Status(e, today);
            var my = mine.GetValueOrDefault(e.Id);
            var blocked = me.Role is not { } role || !SelfRegisteringRoles.Contains(role) ? "本账号由知识产权局登记报名"
                : my is not null ? "已报名" : RegistrationBlocked(e, c?.N ?? 0, today);
            return new TrainingEventDto(e.Id, e.Title, e.Organiser, e.StartsOn, e.EndsOn, e.Place, e.Hours, e.Capacity, e.Audience, e.RegionCode,
                RegistryRegions.Label(reference, e.RegionCode), e.Description, e.RegistrationOpen, status, StatusLabels[status], c?.N ?? 0, c?.In ?? 0,
                c?.Cert ?? 0, e.IsExample, blocked is null, blocked,
                my is null ? null : new MyRegistrationDto(my.Id, my.RegisteredAt, my.CheckedInAt, my.CertificateNumber,
                    my.CertificateNumber is null ? null : CertificateLink(my.Id)));
        }).ToList();
    }

    /// <summary>Locks the event row for the rest of the transaction: capacity checks and certificate numbers never race.</summary>
    public static async Task LockEventAsync(ZhichanDb db, long id, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM training_events WHERE id = {id} FOR UPDATE", ct);
}
