using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>A pilot or demonstration unit (试点示范单位): 强县, 示范园区, 试点学校, 保护中心, 工作站 …</summary>
public sealed class PilotUnit
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string? Level { get; set; }
    public string Name { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? RecognisingBody { get; set; }
    public string? DocumentNumber { get; set; }
    public DateOnly? RecognisedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string Status { get; set; } = "";
    public string? Notes { get; set; }
    public string? SourceTitle { get; set; }
    public string? SourceQuote { get; set; }
    public string? SeedKey { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class PilotUnitEvaluation
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public int Year { get; set; }
    public string Result { get; set; } = "";
    public string? EvaluatedBy { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A geographical indication (地理标志): a trademark (证明/集体商标) or a protected product.</summary>
public sealed class GeoIndication
{
    public long Id { get; set; }
    public string Product { get; set; } = "";
    public string Kind { get; set; } = "";
    public string[] RegionCodes { get; set; } = [];
    public string? AreaDescription { get; set; }
    public string Holder { get; set; } = "";
    public string? HolderCreditCode { get; set; }
    public string? RegistrationNumber { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string Status { get; set; } = "";
    public string? ApprovingBody { get; set; }
    public string? Notes { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>An enterprise authorised to use a GI.</summary>
public sealed class GeoIndicationUser
{
    public long Id { get; set; }
    public long GiId { get; set; }
    public string Enterprise { get; set; } = "";
    public string? CreditCode { get; set; }
    public DateOnly? AuthorisedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A plant variety right (植物新品种权).</summary>
public sealed class PlantVariety
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Crop { get; set; } = "";
    public string Holder { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? ApplicationNumber { get; set; }
    public string? RightNumber { get; set; }
    public DateOnly? AppliedOn { get; set; }
    public DateOnly? GrantedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string Status { get; set; } = "";
    public string? Notes { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A 非物质文化遗产 item of a list (国家级/省级/市级/县级).</summary>
public sealed class HeritageItem
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    public string Category { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? ProjectNumber { get; set; }
    public int? ListedYear { get; set; }
    public string? ProtectionUnit { get; set; }
    public string? Notes { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A representative inheritor (代表性传承人); phone and ID number are personal data (ADR 0029).</summary>
public sealed class HeritageInheritor
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public string Name { get; set; } = "";
    public string? Level { get; set; }
    public int? RecognisedYear { get; set; }
    public string? Phone { get; set; }
    public string? IdNumber { get; set; }
    public string? Notes { get; set; }
}

public sealed class UnitEntitiesConfiguration :
    IEntityTypeConfiguration<PilotUnit>, IEntityTypeConfiguration<PilotUnitEvaluation>, IEntityTypeConfiguration<GeoIndication>,
    IEntityTypeConfiguration<GeoIndicationUser>, IEntityTypeConfiguration<PlantVariety>, IEntityTypeConfiguration<HeritageItem>,
    IEntityTypeConfiguration<HeritageInheritor>
{
    public void Configure(EntityTypeBuilder<PilotUnit> b) => b.ToTable("pilot_units");
    public void Configure(EntityTypeBuilder<PilotUnitEvaluation> b) => b.ToTable("pilot_unit_evaluations");
    public void Configure(EntityTypeBuilder<GeoIndication> b) => b.ToTable("geo_indications");
    public void Configure(EntityTypeBuilder<GeoIndicationUser> b) => b.ToTable("geo_indication_users");
    public void Configure(EntityTypeBuilder<PlantVariety> b) => b.ToTable("plant_varieties");
    public void Configure(EntityTypeBuilder<HeritageItem> b) => b.ToTable("heritage_items");
    public void Configure(EntityTypeBuilder<HeritageInheritor> b) => b.ToTable("heritage_inheritors");
}
