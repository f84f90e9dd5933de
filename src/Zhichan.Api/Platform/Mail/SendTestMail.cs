namespace Zhichan.Api.Platform.Mail;

public sealed record SendTestMailRequest(string? To);

/// <summary>Sends a test message to an address now, so the admin sees at once whether the SMTP settings work.</summary>
public static class SendTestMail
{
    public static async Task<Ok<MailPassResult>> HandleAsync(SendTestMailRequest req, ZhichanDb db, MailSender sender, ZhichanOptions options, CurrentUser me,
        CancellationToken ct)
    {
        if (!options.Mail.Enabled) throw new DomainException("未配置邮件服务器（ZHICHAN_SMTP_HOST），无法发送测试邮件");
        var to = req.To?.Trim();
        if (string.IsNullOrEmpty(to) || to.Length > 254 || !MimeKit.MailboxAddress.TryParse(to, out _) || !to.Contains('@'))
            throw new RequestValidationException("to", "请填写有效的邮箱地址");
        Mailer.Enqueue(db, new MailMessageSpec(to, null, "test", "知产平台测试邮件",
            $"这是一封测试邮件，由 {me.Name} 于 {DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 从平台发送，用于确认邮件服务器设置。"), options.Mail);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await sender.RunAsync(ct));
    }
}
