using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>An offer (成果) or a need (需求) of the market, published by its org unit after the bureau's review.</summary>
public sealed class MarketListing
{
    public long Id { get; set; }
    public string Side { get; set; } = MarketSides.Offer;
    public long OrgUnitId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string[] IpForms { get; set; } = [];
    public string[] TradeModes { get; set; } = [];
    public int? Maturity { get; set; }
    public decimal? Price { get; set; }
    public decimal? Budget { get; set; }
    public string[] Ipc { get; set; } = [];
    public string[] Industries { get; set; } = [];
    public string? RegionCode { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string Status { get; set; } = MarketStatus.Draft;
    public string? ReviewNote { get; set; }
    [NotAudited] public int[] Tokens { get; set; } = [];
    public bool IsExample { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>A right an offer names, as checked against the records (RightReferences).</summary>
public sealed class MarketListingRight
{
    public long Id { get; set; }
    public long ListingId { get; set; }
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string? Title { get; set; }
}

/// <summary>One transition of a listing's review state machine.</summary>
public sealed class MarketListingEvent : WorkflowEvent
{
    public long ListingId { get; set; }
}

/// <summary>A 对接: one party contacts the other about a listing (or a match), up to the filed contract or its end.</summary>
public sealed class MarketDeal
{
    public long Id { get; set; }
    public long? NeedId { get; set; }
    public long? OfferId { get; set; }
    public long InitiatorUnitId { get; set; }
    public long CounterpartUnitId { get; set; }
    public float? MatchScore { get; set; }
    public string Stage { get; set; } = DealStages.Contacted;
    public string? FilingNumber { get; set; }
    public long? FilingId { get; set; }
    public string? EndReason { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One step of a 对接 (the shared workflow columns; the action is the stage reached, "contact" for the start).</summary>
public sealed class MarketDealEvent : WorkflowEvent
{
    public long DealId { get; set; }
}

internal sealed class MarketEntityConfiguration :
    IEntityTypeConfiguration<MarketListing>, IEntityTypeConfiguration<MarketListingRight>, IEntityTypeConfiguration<MarketListingEvent>,
    IEntityTypeConfiguration<MarketDeal>, IEntityTypeConfiguration<MarketDealEvent>
{
    public void Configure(EntityTypeBuilder<MarketListing> b) => b.ToTable("market_listings");
    public void Configure(EntityTypeBuilder<MarketListingRight> b) => b.ToTable("market_listing_rights");
    public void Configure(EntityTypeBuilder<MarketListingEvent> b) => b.ToTable("market_listing_events");
    public void Configure(EntityTypeBuilder<MarketDeal> b) => b.ToTable("market_deals");
    public void Configure(EntityTypeBuilder<MarketDealEvent> b) => b.ToTable("market_deal_events");
}
