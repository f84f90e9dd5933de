using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Platform.Mail;

/// <summary>One e-mail to one address (mail_outbox, migration 0058): written in the caller's unit of work, sent by <see cref="MailSender"/>.</summary>
public sealed class MailOutboxItem
{
    public long Id { get; set; }
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }
    public long? UserId { get; set; }
    /// <summary>What the message is: notification, test, or a module's own kind (briefing …).</summary>
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }
    public long? NotificationId { get; set; }
    /// <summary>pending, sent, failed (after <see cref="MailOptions.MaxAttempts"/>).</summary>
    public string Status { get; set; } = MailStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.UtcNow;
    public string? MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SentAt { get; set; }
}

public static class MailStatus
{
    public const string Pending = "pending", Sent = "sent", Failed = "failed";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Pending] = "待发送", [Sent] = "已发送", [Failed] = "发送失败" };
}

internal sealed class MailOutboxConfiguration : IEntityTypeConfiguration<MailOutboxItem>
{
    public void Configure(EntityTypeBuilder<MailOutboxItem> b) => b.ToTable("mail_outbox");
}

/// <summary>What a module mails: the body as plain text and, optionally, HTML (rendered by <see cref="MailTemplate"/> when null).</summary>
public sealed record MailMessageSpec(string To, string? ToName, string Kind, string Subject, string Text, string? Html = null, long? UserId = null);

/// <summary>Puts messages into the outbox inside the caller's unit of work (sent after the caller commits, retried on failure).</summary>
public static class Mailer
{
    public static MailOutboxItem Enqueue(ZhichanDb db, MailMessageSpec m, MailOptions options)
    {
        var item = new MailOutboxItem
        {
            ToAddress = m.To.Trim(), ToName = m.ToName, UserId = m.UserId, Kind = m.Kind, Subject = Trim(m.Subject, 200), TextBody = m.Text,
            HtmlBody = m.Html ?? MailTemplate.Html(m.Subject, m.Text, null, options),
        };
        db.Set<MailOutboxItem>().Add(item);
        return item;
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
