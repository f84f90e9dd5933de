using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>A training event (培训活动): its plan; its region decides where its attendances count (知识产权培训人次).</summary>
public sealed class TrainingEvent
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Organiser { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public string? Place { get; set; }
    public decimal Hours { get; set; }
    public int? Capacity { get; set; }
    public string? Audience { get; set; }
    public string RegionCode { get; set; } = "";
    public string? Description { get; set; }
    public bool RegistrationOpen { get; set; } = true;
    public DateTimeOffset? CancelledAt { get; set; }
    public bool IsExample { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A participant of an event: registered (self, by list, imported, walk-in), checked in (list, QR code, import), certified.</summary>
public sealed class TrainingRegistration
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public long? UserId { get; set; }
    public long? OrgUnitId { get; set; }
    public string Name { get; set; } = "";
    public string? UnitName { get; set; }
    public string? Phone { get; set; }
    public string Source { get; set; } = RegistrationSources.Self;
    public long? RegisteredBy { get; set; }
    public DateTimeOffset RegisteredAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? CheckedInAt { get; set; }
    public string? CheckInMethod { get; set; }
    public long? CheckedInBy { get; set; }
    public string? CertificateNumber { get; set; }
    public DateTimeOffset? CertificateIssuedAt { get; set; }
}

public static class RegistrationSources
{
    public const string Self = "self", List = "list", Import = "import", WalkIn = "walk_in";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Self] = "本人报名", [List] = "知识产权局登记", [Import] = "签到表导入", [WalkIn] = "现场扫码",
    };
}

public static class CheckInMethods
{
    public const string List = "list", Qr = "qr", Import = "import";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [List] = "名单签到", [Qr] = "扫码签到", [Import] = "签到表导入",
    };
}

internal sealed class TrainingEntityConfigurations : IEntityTypeConfiguration<TrainingEvent>, IEntityTypeConfiguration<TrainingRegistration>
{
    public void Configure(EntityTypeBuilder<TrainingEvent> b)
    {
        b.ToTable("training_events");
        b.Property(e => e.Hours).HasColumnType("numeric(5,1)");
    }

    public void Configure(EntityTypeBuilder<TrainingRegistration> b) => b.ToTable("training_registrations");
}
