namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// What configures a programme type (ADR 0040): the engine has one code path, and everything that differs between 示范企业认定,
/// 贯标资助, 专利奖 … is data of this shape, stored as <c>programme_types.definition</c> and seeded from
/// Seeds/programme-types.json. Every rule names the text it comes from (<see cref="EligibilityRule.Source"/>,
/// <see cref="ProgrammeType.Sources"/>).
/// </summary>
public sealed record ProgrammeDefinition
{
    /// <summary>One paragraph for applicants: who may apply, what is recognised or funded.</summary>
    public string Summary { get; init; } = "";
    public FormField[] Fields { get; init; } = [];
    public AttachmentKind[] Attachments { get; init; } = [];
    public Declaration[] Declarations { get; init; } = [];
    public EligibilityRule[] Eligibility { get; init; } = [];
    public ScoringCriterion[] Scoring { get; init; } = [];
    /// <summary>Outcome levels with quota and amount (金奖 ≤ 30 …); one level "approved" for plain recognitions.</summary>
    public OutcomeLevel[] Levels { get; init; } = [];
    public PanelRule Panel { get; init; } = new();
    /// <summary>Districts give a 推荐意见 before the formal check.</summary>
    public bool RecommendationRequired { get; init; }
    /// <summary>Working days an applicant has to answer a 补正 request.</summary>
    public int CorrectionWorkingDays { get; init; } = 5;
    /// <summary>Working days of the 公示.</summary>
    public int PublicityWorkingDays { get; init; } = 5;
    /// <summary>Years a recognition is valid (then re-assessment); null for one-off grants.</summary>
    public int? ValidityYears { get; init; }
    /// <summary>The entity label an approval writes (entity_labels.kind, origin programmes), or null.</summary>
    public string? EntityLabel { get; init; }
    /// <summary>The catalogue indicator the approvals feed, or null.</summary>
    public string? Indicator { get; init; }
    /// <summary>Largest amount one application may request or be granted (元), when the programme funds.</summary>
    public decimal? MaxAmount { get; init; }
}

/// <param name="Type">text, textarea, number, money, date, select, multiselect, boolean, patents (a list of application numbers checked against the records).</param>
/// <param name="Personal">The value is personal data (a contact's name or phone): masked in every view that does not need it (the district's).</param>
public sealed record FormField(string Key, string Label, string Type, bool Required = false, string[]? Options = null, decimal? Min = null,
    decimal? Max = null, int? MaxLength = null, string? Help = null, bool Personal = false);

public sealed record AttachmentKind(string Kind, string Label, bool Required = false, string? Help = null);

public sealed record Declaration(string Key, string Text);

/// <summary>
/// One eligibility rule, evaluated against the platform's data and shown to the applicant before submitting.
/// </summary>
/// <param name="Kind">
/// <c>registered_in_region</c> (the applicant's region lies in the call's region);
/// <c>valid_inventions</c> (at least <paramref name="Min"/> 有效发明专利 held, from the records via the entity links);
/// <c>patents_held</c> (at least <paramref name="Min"/> patents of any kind held and in force);
/// <c>entity_label</c> (a valid label of kind <paramref name="Label"/>, e.g. ip_standard for a 贯标 certificate);
/// <c>no_dishonesty</c> (no 失信 listing from protection in the last <paramref name="Years"/> years);
/// <c>no_recent_recognition</c> (not approved in the same programme within <paramref name="Years"/> years);
/// <c>form_patents_held</c> (every patent named in form field <paramref name="Field"/> is held by the applicant and in force).
/// </param>
public sealed record EligibilityRule(string Kind, string Text, string Source, int? Min = null, int? Years = null, string? Label = null, string? Field = null);

public sealed record ScoringCriterion(string Key, string Label, decimal Max, string Guidance, decimal Weight = 1);

public sealed record OutcomeLevel(string Key, string Label, int? Quota = null, decimal? Amount = null);

/// <param name="Size">Members of a panel.</param>
/// <param name="Reserves">候补 drawn after the members, replacing in order.</param>
/// <param name="Specialties">Expert specialties any of which qualifies (empty: all).</param>
/// <param name="Titles">Professional titles any of which qualifies (empty: all).</param>
/// <param name="AvoidSameRegion">Experts of the applicant's county are avoided.</param>
public sealed record PanelRule(int Size = 5, int Reserves = 2, string[]? Specialties = null, string[]? Titles = null, bool AvoidSameRegion = false);
