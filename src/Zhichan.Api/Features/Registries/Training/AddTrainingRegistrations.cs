using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Training;

public sealed record ParticipantInput(string? Name, string? UnitName, string? Phone);

public sealed record ParticipantsRequest(ParticipantInput[]? People);

/// <summary>
/// The bureau registers a list of participants (a unit's nominees, a department's staff …). Every line is checked; a line already
/// registered or a list beyond the capacity refuses the whole list, with the lines named.
/// </summary>
public static class AddTrainingRegistrations
{
    public const int MaxPeople = 500;

    public static async Task<Ok<RegistrationDto[]>> HandleAsync(long id, ParticipantsRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var e = await db.Set<TrainingEvent>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);
        var people = req.People ?? [];
        var v = new Validation();
        if (people.Length == 0) v.Add("people", "请至少填写一名参训人员");
        if (people.Length > MaxPeople) v.Add("people", $"一次最多登记 {MaxPeople} 人");
        for (var i = 0; i < people.Length; i++)
        {
            var p = people[i];
            if (string.IsNullOrWhiteSpace(p.Name)) v.Add($"people[{i}].name", $"第 {i + 1} 行缺少姓名");
            else v.MaxLength($"people[{i}].name", p.Name.Trim(), 50, $"第 {i + 1} 行姓名");
            v.MaxLength($"people[{i}].unitName", p.UnitName?.Trim(), 100, $"第 {i + 1} 行单位");
            if (!string.IsNullOrWhiteSpace(p.Phone) && ExpertRules.PhoneProblem(p.Phone.Trim()) is { } pp) v.Add($"people[{i}].phone", $"第 {i + 1} 行：{pp}");
        }
        v.ThrowIfInvalid();
        if (e.CancelledAt is not null) throw new DomainException("培训已取消，不能登记");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TrainingQueries.LockEventAsync(db, id, ct);
        var existing = await db.Set<TrainingRegistration>().AsNoTracking().Where(r => r.EventId == id).Select(r => new { r.Name, r.Phone, r.UnitName }).ToListAsync(ct);
        var keys = existing.Select(r => Key(r.Name, r.Phone, r.UnitName)).ToHashSet();
        var added = new List<TrainingRegistration>();
        for (var i = 0; i < people.Length; i++)
        {
            var p = people[i];
            var r = new TrainingRegistration
            {
                EventId = id, Name = p.Name!.Trim(), UnitName = Clean(p.UnitName), Phone = Clean(p.Phone), Source = RegistrationSources.List, RegisteredBy = me.Id,
            };
            if (!keys.Add(Key(r.Name, r.Phone, r.UnitName))) v.Add($"people[{i}].name", $"第 {i + 1} 行“{r.Name}”已登记（或在本名单中重复）");
            added.Add(r);
        }
        v.ThrowIfInvalid();
        if (e.Capacity is { } cap && existing.Count + added.Count > cap)
            throw new DomainException($"名额不足：已报名 {existing.Count} 人，本次 {added.Count} 人，名额 {cap} 人");
        db.Set<TrainingRegistration>().AddRange(added);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(added.Select(ListTrainingRegistrations.ToDto).ToArray());
    }

    internal static string Key(string name, string? phone, string? unit) => $"{name.Trim()}|{phone?.Trim() ?? ""}|{unit?.Trim() ?? ""}";

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
