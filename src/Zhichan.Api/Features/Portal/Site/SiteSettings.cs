using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Portal.Site;

/// <summary>The one row of the portal's header and footer texts (migration 0064); empty until the admin fills it.</summary>
public sealed class PortalSiteSettings
{
    public int Id { get; set; } = 1;
    public string? SiteName { get; set; }
    public string? Sponsor { get; set; }
    public string? Organiser { get; set; }
    public string? IcpNumber { get; set; }
    public string? PoliceNumber { get; set; }
    public string? ContactAddress { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public long? UpdatedBy { get; set; }

    public SiteSettingsDto ToDto() => new(SiteName, Sponsor, Organiser, IcpNumber, PoliceNumber, ContactAddress, ContactPhone, ContactEmail, UpdatedAt);
}

public sealed class PortalSiteSettingsConfiguration : IEntityTypeConfiguration<PortalSiteSettings>
{
    public void Configure(EntityTypeBuilder<PortalSiteSettings> b)
    {
        b.ToTable("portal_site_settings");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
