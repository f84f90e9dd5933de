using Zhichan.Api.Platform.Mail;

namespace Zhichan.Api.Features.Accounts;

/// <param name="Email">The account's address as the admin recorded it (null: none, so nothing can be mailed).</param>
/// <param name="Enabled">Whether the user wants notifications by e-mail.</param>
/// <param name="ServerConfigured">Whether the platform has an SMTP server at all (ZHICHAN_SMTP_HOST).</param>
public sealed record EmailNotificationSettings(string? Email, bool Enabled, bool ServerConfigured);

/// <summary>One's own e-mail notification setting (ADR 0046).</summary>
public static class GetEmailNotifications
{
    public static async Task<Results<Ok<EmailNotificationSettings>, NotFound>> HandleAsync(CurrentUser me, ZhichanDb db, ZhichanOptions options, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.Id == me.Id, ct);
        return u is null ? TypedResults.NotFound() : TypedResults.Ok(new EmailNotificationSettings(u.Email, u.NotifyByEmail, options.Mail.Enabled));
    }
}
