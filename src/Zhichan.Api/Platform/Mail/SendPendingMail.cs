namespace Zhichan.Api.Platform.Mail;

/// <summary>Runs one mail pass now (queue new notifications, send what is due) instead of waiting for the job.</summary>
public static class SendPendingMail
{
    public static async Task<Ok<MailPassResult>> HandleAsync(MailSender sender, CancellationToken ct)
    {
        var r = await sender.RunAsync(ct);
        if (!r.Enabled) throw new DomainException("未配置邮件服务器（ZHICHAN_SMTP_HOST），邮件通知处于关闭状态");
        return TypedResults.Ok(r);
    }
}
