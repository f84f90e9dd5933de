namespace Zhichan.Api.Features.Accounts;

public sealed record SetEmailNotificationsRequest(bool Enabled);

/// <summary>Turns one's own e-mail notifications on or off (in-app notifications are not affected).</summary>
public static class SetEmailNotifications
{
    public static async Task<Results<Ok<EmailNotificationSettings>, NotFound>> HandleAsync(SetEmailNotificationsRequest req, CurrentUser me, ZhichanDb db,
        ZhichanOptions options, CancellationToken ct)
    {
        var u = await db.Users.SingleOrDefaultAsync(x => x.Id == me.Id, ct);
        if (u is null) return TypedResults.NotFound();
        u.NotifyByEmail = req.Enabled;
        u.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EmailNotificationSettings(u.Email, u.NotifyByEmail, options.Mail.Enabled));
    }
}
