using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>Plans a training event (bureau): title, organiser, dates, place, hours, capacity, audience, region.</summary>
public static class CreateTrainingEvent
{
    public static async Task<Created<TrainingEventDto>> HandleAsync(TrainingEventRequest req, ZhichanDb db, CurrentUser me, RecordsReference reference,
        TimeProvider clock, CancellationToken ct)
    {
        Validate(req, reference);
        var e = new TrainingEvent { CreatedBy = me.Id };
        Apply(e, req);
        db.Set<TrainingEvent>().Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/training/events/{e.Id}",
            (await TrainingQueries.ToDtosAsync(db, me, [e], reference, ChinaTime.Today(clock), ct))[0]);
    }

    internal static void Validate(TrainingEventRequest r, RecordsReference reference)
    {
        var v = new Validation();
        v.Required("title", r.Title, "培训名称").MaxLength("title", r.Title?.Trim(), 100, "培训名称").PlainText("title", r.Title, "培训名称")
            .Required("organiser", r.Organiser, "主办单位").MaxLength("organiser", r.Organiser?.Trim(), 100, "主办单位")
            .MaxLength("place", r.Place?.Trim(), 200, "培训地点").MaxLength("audience", r.Audience?.Trim(), 200, "培训对象")
            .MaxLength("description", r.Description?.Trim(), 4000, "培训内容").PlainText("description", r.Description, "培训内容")
            .Required("regionCode", r.RegionCode, "举办地区");
        if (r.StartsOn is null) v.Add("startsOn", "开始日期不能为空");
        if (r.EndsOn is null) v.Add("endsOn", "结束日期不能为空");
        if (r.StartsOn is { } s && r.EndsOn is { } e && e < s) v.Add("endsOn", "结束日期早于开始日期");
        if (r.StartsOn is { } s2 && r.EndsOn is { } e2 && e2.DayNumber - s2.DayNumber > 366) v.Add("endsOn", "一次培训不超过一年");
        if (r.Hours is null) v.Add("hours", "学时不能为空");
        else if (r.Hours <= 0 || r.Hours > 999 || decimal.Round(r.Hours.Value, 1) != r.Hours) v.Add("hours", "学时应大于 0、不超过 999，最多一位小数");
        if (r.Capacity is < 1 or > 100_000) v.Add("capacity", "名额应在 1 至 100000 之间（不限名额请留空）");
        if (!string.IsNullOrWhiteSpace(r.RegionCode) && RegistryRegions.Problem(reference, r.RegionCode.Trim()) is { } rp) v.Add("regionCode", rp);
        v.ThrowIfInvalid();
    }

    internal static void Apply(TrainingEvent e, TrainingEventRequest r)
    {
        e.Title = r.Title!.Trim();
        e.Organiser = r.Organiser!.Trim();
        e.StartsOn = r.StartsOn!.Value;
        e.EndsOn = r.EndsOn!.Value;
        e.Place = Clean(r.Place);
        e.Hours = r.Hours!.Value;
        e.Capacity = r.Capacity;
        e.Audience = Clean(r.Audience);
        e.RegionCode = r.RegionCode!.Trim();
        e.Description = Clean(r.Description);
        e.RegistrationOpen = r.RegistrationOpen ?? e.RegistrationOpen;
        e.UpdatedAt = DateTimeOffset.UtcNow;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
