using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>
/// A watch (监控): a user's saved search, patent, entity or regional indicator, evaluated after every import and on schedule
/// (ADR 0047). Bureau-wide watches of the staff are seen by every staff user and notified to the bureau's unit.
/// </summary>
public sealed class Watch
{
    public long Id { get; set; }
    public long OwnerId { get; set; }
    public string OwnerName { get; set; } = "";
    public bool BureauWide { get; set; }
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Q { get; set; }
    /// <summary>The search page's filters as JSON (<see cref="Records.SavedSearches.SavedSearchFilters"/>).</summary>
    public string? Filters { get; set; }
    public string? RecordKey { get; set; }
    public string? ApplicationNumber { get; set; }
    public int? DaysAhead { get; set; }
    public long? EntityId { get; set; }
    public string? IndicatorCode { get; set; }
    public string? RegionCode { get; set; }
    public decimal? ThresholdPct { get; set; }
    public string? Direction { get; set; }
    public bool Paused { get; set; }
    public long RecordMark { get; set; }
    public long EventMark { get; set; }
    public DateTimeOffset? LastEvaluatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One alert of a watch, with the link to its evidence (what a digest of the watches reads).</summary>
public sealed class WatchHit
{
    public long Id { get; set; }
    public long WatchId { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public string Kind { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Link { get; set; } = "";
    public int ItemCount { get; set; }
    /// <summary>JSON: <c>{"recordIds": [...], "eventIds": [...], "values": [...], "due": {...}}</c>.</summary>
    public string Evidence { get; set; } = "{}";
    public string DedupeKey { get; set; } = "";
}

/// <summary>A group of near-identical titles one applicant filed within a short time (非正常申请 screening, ADR 0048).</summary>
public sealed class AbnormalFilingGroup
{
    public long Id { get; set; }
    public string Applicant { get; set; } = "";
    public string? RegionCode { get; set; }
    public DateOnly FirstDate { get; set; }
    public DateOnly LastDate { get; set; }
    public int RecordCount { get; set; }
    public decimal MinSimilarity { get; set; }
    public string SampleTitle { get; set; } = "";
    public long[] RecordIds { get; set; } = [];
    public string Rule { get; set; } = "{}";
    public string Signature { get; set; } = "";
    public DateTimeOffset FoundAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class WatchConfigurations : IEntityTypeConfiguration<Watch>, IEntityTypeConfiguration<WatchHit>, IEntityTypeConfiguration<AbnormalFilingGroup>
{
    public void Configure(EntityTypeBuilder<Watch> b)
    {
        b.ToTable("watches");
        b.Property(w => w.Filters).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<WatchHit> b)
    {
        b.ToTable("watch_hits");
        b.Property(h => h.Evidence).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<AbnormalFilingGroup> b)
    {
        b.ToTable("abnormal_filing_groups");
        b.Property(g => g.Rule).HasColumnType("jsonb");
    }
}

/// <summary>The kinds of watch and of alert, with their Chinese names.</summary>
public static class WatchKinds
{
    public const string Search = "search", Record = "record", Entity = "entity", Indicator = "indicator";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Search] = "检索式", [Record] = "专利", [Entity] = "创新主体", [Indicator] = "地区指标",
    };

    public const string NewRecords = "new_records", LegalEvent = "legal_event", AnnualFeeDue = "annual_fee_due", ExpiryDue = "expiry_due",
        EntityFilings = "entity_filings", EntityGrants = "entity_grants", EntityEvents = "entity_events", IndicatorMove = "indicator_move";

    public static readonly IReadOnlyDictionary<string, string> HitNames = new Dictionary<string, string>
    {
        [NewRecords] = "新增命中记录", [LegalEvent] = "法律状态变化", [AnnualFeeDue] = "年费即将到期", [ExpiryDue] = "保护期即将届满",
        [EntityFilings] = "新申请", [EntityGrants] = "新授权", [EntityEvents] = "法律事件（授权、失效、转让等）", [IndicatorMove] = "指标变动超过阈值",
    };

    public const string Down = "down", Up = "up", Either = "either";

    public static readonly IReadOnlyDictionary<string, string> DirectionNames = new Dictionary<string, string>
    {
        [Down] = "同比下降", [Up] = "同比上升", [Either] = "同比升降",
    };
}
