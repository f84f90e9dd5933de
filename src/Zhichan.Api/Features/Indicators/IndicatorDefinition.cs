namespace Zhichan.Api.Features.Indicators;

/// <summary>Where a value comes from.</summary>
public static class IndicatorSources
{
    public const string Records = "records", Module = "module", Reported = "reported";
    public static readonly string[] All = [Records, Module, Reported];
}

public static class CountingRules
{
    public const string FirstApplicant = "first_applicant", AllApplicants = "all_applicants", NotApplicable = "not_applicable";
    public static readonly string[] All = [FirstApplicant, AllApplicants, NotApplicable];
}

public static class TimeBases
{
    public const string ApplicationDate = "application_date", PublicationDate = "publication_date", GrantDate = "grant_date",
        StockYearEnd = "stock_year_end", FlowYear = "flow_year", Reported = "reported";
    public static readonly string[] All = [ApplicationDate, PublicationDate, GrantDate, StockYearEnd, FlowYear, Reported];
}

/// <summary>One version of an indicator definition (a row of indicator_definitions).</summary>
public sealed class IndicatorDefinition
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Direction { get; set; } = "higher";
    public string Category { get; set; } = "";
    public string Source { get; set; } = IndicatorSources.Reported;
    public string? Method { get; set; }
    public string[] RightTypes { get; set; } = [];
    public string Counting { get; set; } = CountingRules.NotApplicable;
    public bool Fractional { get; set; }
    public bool DomesticOnly { get; set; } = true;
    public string TimeBasis { get; set; } = TimeBases.Reported;
    public bool PerCapita { get; set; }
    public string RuleText { get; set; } = "";
    public string? OwnerUnit { get; set; }
    public string? DataNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SupersededAt { get; set; }

    /// <summary>The fields whose change makes a new version (everything but identity and timestamps).</summary>
    public string Fingerprint() => string.Join("|", Name, Unit, Direction, Category, Source, Method, string.Join(",", RightTypes), Counting,
        Fractional, DomesticOnly, TimeBasis, PerCapita, RuleText, OwnerUnit, DataNote);
}
