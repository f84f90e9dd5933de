namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>A level of the call with its quota (null: none) and the places proposed or decided.</summary>
public sealed record LevelCounter(string Key, string Label, int? Quota, int Used, decimal? Amount);

public sealed record ProgrammePaymentView(long Id, decimal Amount, string Status, string StatusLabel, DateOnly? PaidOn, string? Reference, string? Note);

/// <summary>One application in the outcome stages, ranked; <paramref name="Listed"/> when it is on the published list.</summary>
public sealed record OutcomeRow(long Id, string Reference, string ApplicantName, string? RegionCode, string Status, string StatusLabel, decimal? Score,
    int? Rank, bool DispersionFlag, string? Level, string? LevelLabel, decimal? Amount, decimal? AmountRequested, bool Listed, DateTimeOffset? DecidedAt,
    string? DecisionNote, DateOnly? ValidFrom, DateOnly? ValidTo, decimal Paid, decimal Planned, int OpenObjections, int UpheldObjections,
    IReadOnlyList<ProgrammePaymentView> Payments);

/// <param name="Stage">proposing (before publication), publicity (window running), deciding (window ended), done (every listed application decided).</param>
/// <param name="DecideBlocked">Why decisions are refused now (Chinese), or null when the bureau may decide.</param>
public sealed record CallOutcomes(long CallId, string Title, string TypeName, string Category, int Year, bool IsExample, string RegionCode,
    decimal? Budget, decimal BudgetUsed, decimal? MaxAmount, IReadOnlyList<LevelCounter> Levels, int PublicityWorkingDays, DateOnly? PublicityFrom,
    DateOnly? PublicityTo, DateTimeOffset? PublishedAt, string Stage, string StageLabel, int? WorkingDaysLeft, int Objections, int OpenObjections,
    bool HasEntityLabel, int? ValidityYears, string? DecideBlocked, IReadOnlyList<OutcomeRow> Applications);

public static class PaymentStatuses
{
    public const string Planned = "planned", Paid = "paid", Returned = "returned";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Planned] = "计划拨付", [Paid] = "已拨付", [Returned] = "已退回",
    };

    public static ProgrammePaymentView View(ProgrammePayment p) => new(p.Id, p.Amount, p.Status, Names[p.Status], p.PaidOn, p.Reference, p.Note);
}

public static class OutcomeStages
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["proposing"] = "拟定等次与金额", ["publicity"] = "公示中", ["deciding"] = "公示期满，待决定", ["done"] = "已决定",
    };
}
