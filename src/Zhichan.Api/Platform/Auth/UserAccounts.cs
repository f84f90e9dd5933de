namespace Zhichan.Api.Platform.Auth;

/// <summary>An organisation: the bureau, a department of the leading group, a district/zone, an enterprise, an agency.</summary>
public sealed class OrgUnit
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = OrgUnitKinds.Department;
    public string? RegionCode { get; set; }
    public string? CreditCode { get; set; }
    public long? ParentId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class OrgUnitKinds
{
    public const string Bureau = "bureau", Department = "department", District = "district", Enterprise = "enterprise",
        Agency = "agency", ExpertGroup = "expert_group", Bank = "bank", Other = "other";
    public static readonly string[] All = [Bureau, Department, District, Enterprise, Agency, ExpertGroup, Bank, Other];
}

public sealed class User
{
    public long Id { get; set; }
    public string Username { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public long? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    [Audit.NotAudited] public string PasswordHash { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>Notifications are also e-mailed to <see cref="Email"/> when SMTP is configured (users.notify_by_email, ADR 0046).</summary>
    public bool NotifyByEmail { get; set; } = true;
    public bool IsActive { get; set; } = true;
    public int FailedLogins { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    /// <summary>Changes whenever the user's sessions must end (ADR 0013).</summary>
    [Audit.NotAudited] public Guid SecurityStamp { get; set; } = Guid.NewGuid();
    public DateTimeOffset? PasswordChangedAt { get; set; }
    /// <summary>The TOTP secret, encrypted with the data-protection key ring; set at enrolment, in use once <see cref="TotpEnabledAt"/> is set.</summary>
    [Audit.NotAudited] public string? TotpSecret { get; set; }
    public DateTimeOffset? TotpEnabledAt { get; set; }
    [Audit.NotAudited] public long? TotpLastStep { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
