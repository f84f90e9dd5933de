using System.Text.Json;

namespace Zhichan.Api.Features.Programmes;

/// <summary>What the bureau enters for a call (批次); every window is a date range and the stages follow each other in order.</summary>
public sealed record CallRequest(long? TypeId, int? Year, string? Title, string? RegionCode, string? Announcement, decimal? Budget,
    Dictionary<string, int>? Quotas, DateOnly? ApplyFrom, DateOnly? ApplyTo, DateOnly? CheckTo, DateOnly? ReviewFrom, DateOnly? ReviewTo,
    DateOnly? PublicityFrom, DateOnly? PublicityTo, DateOnly? DecideBy);

public static class CallRules
{
    /// <summary>The stages in their order: each given date must not lie before any earlier one.</summary>
    private static readonly (string Field, string Label, Func<CallRequest, DateOnly?> Get)[] Windows =
    [
        ("applyFrom", "申报开始日期", r => r.ApplyFrom), ("applyTo", "申报截止日期", r => r.ApplyTo), ("checkTo", "形式审查截止日期", r => r.CheckTo),
        ("reviewFrom", "评审开始日期", r => r.ReviewFrom), ("reviewTo", "评审截止日期", r => r.ReviewTo), ("publicityFrom", "公示开始日期", r => r.PublicityFrom),
        ("publicityTo", "公示截止日期", r => r.PublicityTo), ("decideBy", "决定日期", r => r.DecideBy),
    ];

    /// <summary>Validates the request against the type's definition (quotas by its levels) and copies it onto the call.</summary>
    public static async Task ApplyAsync(ZhichanDb db, ProgrammeCall c, CallRequest r, CancellationToken ct)
    {
        var v = new Validation();
        ProgrammeType? type = null;
        if (r.TypeId is null) v.Add("typeId", "请选择申报项目");
        else if ((type = await db.Set<ProgrammeType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == r.TypeId, ct)) is null) v.Add("typeId", "申报项目不存在");
        if (r.Year is not { } year || year < 2000 || year > 2100) v.Add("year", "年度应在 2000 至 2100 之间");
        v.Required("title", r.Title, "批次名称").MaxLength("title", r.Title, 200, "批次名称");
        v.MaxLength("announcement", r.Announcement, 8000, "申报通知");
        var region = string.IsNullOrWhiteSpace(r.RegionCode) ? "320700" : r.RegionCode.Trim();
        if (region.Length != 6 || !region.All(char.IsAsciiDigit)) v.Add("regionCode", "地区代码应为 6 位数字");
        if (r.Budget is < 0) v.Add("budget", "预算不能为负数");
        if (r.ApplyFrom is null) v.Add("applyFrom", "请填写申报开始日期");
        if (r.ApplyTo is null) v.Add("applyTo", "请填写申报截止日期");
        (string Field, string Label, DateOnly Date)? last = null;
        foreach (var (field, label, get) in Windows)
        {
            if (get(r) is not { } d) continue;
            if (last is { } l && d < l.Date) v.Add(field, $"{label}不能早于{l.Label}（{l.Date:yyyy-MM-dd}）");
            last = (field, label, d);
        }
        var levels = type?.Parsed().Levels.Select(l => l.Key).ToHashSet() ?? [];
        foreach (var (key, n) in r.Quotas ?? [])
        {
            if (type is not null && !levels.Contains(key)) v.Add($"quotas.{key}", $"等级“{key}”不是本项目的等级");
            if (n < 0) v.Add($"quotas.{key}", "名额不能为负数");
        }
        v.ThrowIfInvalid();
        c.TypeId = type!.Id;
        c.Year = r.Year!.Value;
        c.Title = r.Title!.Trim();
        c.RegionCode = region;
        c.Announcement = string.IsNullOrWhiteSpace(r.Announcement) ? null : r.Announcement.Trim();
        c.Budget = r.Budget;
        c.Quotas = JsonSerializer.Serialize(r.Quotas ?? []);
        (c.ApplyFrom, c.ApplyTo, c.CheckTo, c.ReviewFrom, c.ReviewTo) = (r.ApplyFrom!.Value, r.ApplyTo!.Value, r.CheckTo, r.ReviewFrom, r.ReviewTo);
        (c.PublicityFrom, c.PublicityTo, c.DecideBy) = (r.PublicityFrom, r.PublicityTo, r.DecideBy);
        c.UpdatedAt = DateTimeOffset.UtcNow;
    }

    public static async Task<(ProgrammeCall Call, ProgrammeType Type)> LoadAsync(ZhichanDb db, long id, CurrentUser me, CancellationToken ct)
    {
        var c = await db.Set<ProgrammeCall>().FirstOrDefaultAsync(x => x.Id == id && (me.IsStaff || x.Status == "open"), ct)
                ?? throw new DomainException("申报批次不存在", 404);
        var t = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(x => x.Id == c.TypeId, ct);
        return (c, t);
    }

    public static async Task<CallView> ViewAsync(ZhichanDb db, ProgrammeCall c, ProgrammeType t, TimeProvider clock, CancellationToken ct)
    {
        var regions = await ProgrammeViews.RegionNamesAsync(db, [c.RegionCode], ct);
        var n = await db.Set<ProgrammeApplication>().CountAsync(a => a.CallId == c.Id && a.Status != ApplicationStates.Draft, ct);
        return ProgrammeViews.Call(c, t, regions, ChinaTime.Today(clock), n);
    }
}
