using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Records.SavedSearches;

/// <summary>A search a user saved on the search page: its name, the search box and the page's filters (JSON).</summary>
public sealed class SavedSearch
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Name { get; set; } = "";
    public string Q { get; set; } = "";
    /// <summary>The filters as JSON (<see cref="SavedSearchFilters"/>).</summary>
    public string Filters { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> b)
    {
        b.ToTable("saved_searches");
        b.Property(s => s.Filters).HasColumnType("jsonb");
    }
}
