using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Utils;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Mail;

/// <param name="Queued">Outbox rows written from notifications in this pass.</param>
/// <param name="Sent">Messages the SMTP server accepted.</param>
/// <param name="Retrying">Messages that failed and will be tried again later.</param>
/// <param name="Failed">Messages given up (permanent refusal, invalid address, or the last attempt).</param>
public sealed record MailPassResult(bool Enabled, int Queued, int Sent, int Retrying, int Failed, string? Error);

/// <summary>
/// One pass of the mail job (ADR 0046): turns new notifications into outbox rows for their recipients (users with an address
/// who did not opt out), then sends the due outbox rows over SMTP with MailKit. Rows are claimed with FOR UPDATE SKIP LOCKED, so
/// several app instances share the outbox without sending a message twice; a failure is retried with a doubling delay
/// (1, 2, 4 … minutes) and given up after <see cref="MailOptions.MaxAttempts"/>; a permanent refusal (5xx) is given up at once.
/// </summary>
public sealed class MailSender(NpgsqlDataSource data, ZhichanOptions options, ILogger<MailSender> log)
{
    private MailOptions O => options.Mail;

    public async Task<MailPassResult> RunAsync(CancellationToken ct)
    {
        if (!O.Enabled) return new(false, 0, 0, 0, 0, null);
        var queued = await QueueNotificationsAsync(ct);
        var (sent, retrying, failed, error) = await SendDueAsync(ct);
        return new(true, queued, sent, retrying, failed, error);
    }

    private sealed record Recipient(long NotificationId, string Title, string Body, string? Link, long UserId, string Email, string DisplayName);

    /// <summary>Notifications of the last day not yet considered; older ones are only marked (mail was off when they were raised).</summary>
    private async Task<int> QueueNotificationsAsync(CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET mailed_at = now() WHERE mailed_at IS NULL AND created_at <= now() - interval '1 day'", transaction: tx, cancellationToken: ct));
        var rows = (await conn.QueryAsync<Recipient>(new CommandDefinition("""
            WITH picked AS (
                SELECT id, user_id, org_unit_id, title, body, link FROM notifications
                WHERE mailed_at IS NULL ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED
            ), marked AS (
                UPDATE notifications n SET mailed_at = now() FROM picked p WHERE n.id = p.id RETURNING n.id
            )
            SELECT p.id AS notification_id, p.title, p.body, p.link, u.id AS user_id, u.email, u.display_name
            FROM picked p JOIN marked m ON m.id = p.id
            JOIN users u ON u.id = p.user_id OR (p.user_id IS NULL AND u.org_unit_id = p.org_unit_id)
            WHERE u.is_active AND u.notify_by_email AND coalesce(trim(u.email), '') <> ''
            """, transaction: tx, cancellationToken: ct))).ToList();
        foreach (var r in rows)
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mail_outbox (to_address, to_name, user_id, kind, subject, text_body, html_body, notification_id)
                VALUES (@to, @name, @user, 'notification', @subject, @text, @html, @notification)
                ON CONFLICT (notification_id, user_id) DO NOTHING
                """, new
            {
                to = r.Email.Trim(), name = r.DisplayName, user = r.UserId, subject = r.Title, notification = r.NotificationId,
                text = MailTemplate.Text(r.Body, r.Link, O), html = MailTemplate.Html(r.Title, r.Body, r.Link, O),
            }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private sealed record Due(long Id, string ToAddress, string? ToName, string Subject, string TextBody, string? HtmlBody, int Attempts);

    private async Task<(int Sent, int Retrying, int Failed, string? Error)> SendDueAsync(CancellationToken ct)
    {
        int sent = 0, retrying = 0, failed = 0;
        string? firstError = null;
        while (true)
        {
            await using var conn = await data.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var due = (await conn.QueryAsync<Due>(new CommandDefinition("""
                SELECT id, to_address, to_name, subject, text_body, html_body, attempts FROM mail_outbox
                WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED
                """, transaction: tx, cancellationToken: ct))).ToList();
            if (due.Count == 0) break;

            using var client = new SmtpClient { Timeout = 30_000 };
            string? connectError = null;
            try
            {
                await client.ConnectAsync(O.Host!, O.Port, O.Security switch
                {
                    "none" => SecureSocketOptions.None,
                    "starttls" => SecureSocketOptions.StartTls,
                    "ssl" => SecureSocketOptions.SslOnConnect,
                    _ => SecureSocketOptions.StartTlsWhenAvailable,
                }, ct);
                if (O.User is not null) await client.AuthenticateAsync(O.User, O.Password ?? "", ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                connectError = $"无法连接邮件服务器 {O.Host}:{O.Port}：{e.Message}";
                log.LogWarning(e, "SMTP connection to {Host}:{Port} failed", O.Host, O.Port);
            }

            foreach (var m in due)
            {
                string? error = connectError;
                var permanent = false;
                string? messageId = null;
                if (error is null)
                {
                    if (!MailboxAddress.TryParse(m.ToAddress, out var to)) { error = $"邮箱地址“{m.ToAddress}”无效"; permanent = true; }
                    else
                    {
                        try
                        {
                            var msg = new MimeMessage { Subject = m.Subject, MessageId = MimeUtils.GenerateMessageId() };
                            msg.From.Add(MailboxAddress.Parse(O.From));
                            if (m.ToName is { Length: > 0 }) to.Name = m.ToName;
                            msg.To.Add(to);
                            msg.Body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody }.ToMessageBody();
                            await client.SendAsync(msg, ct);
                            messageId = msg.MessageId;
                        }
                        catch (SmtpCommandException e) when (e.StatusCode is >= (SmtpStatusCode)500)
                        {
                            error = $"邮件服务器拒收（{(int)e.StatusCode}）：{e.Message}";
                            permanent = true;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            error = $"发送失败：{e.Message}";
                        }
                    }
                }
                if (error is null)
                {
                    sent++;
                    await conn.ExecuteAsync(new CommandDefinition(
                        "UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, message_id = @messageId WHERE id = @id",
                        new { m.Id, messageId }, tx, cancellationToken: ct));
                    continue;
                }
                firstError ??= error;
                var attempts = m.Attempts + 1;
                var giveUp = permanent || attempts >= O.MaxAttempts;
                if (giveUp) failed++; else retrying++;
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE mail_outbox SET attempts = @attempts, last_error = @error, status = @status,
                        next_attempt_at = now() + make_interval(mins => @delay) WHERE id = @id
                    """, new { m.Id, attempts, error, status = giveUp ? MailStatus.Failed : MailStatus.Pending, delay = Math.Min(1 << Math.Min(attempts - 1, 9), 360) },
                    tx, cancellationToken: ct));
            }
            if (client.IsConnected) await client.DisconnectAsync(true, ct);
            await tx.CommitAsync(ct);
            if (connectError is not null || due.Count < 50) break;
        }
        return (sent, retrying, failed, firstError);
    }
}

/// <summary>The recurring mail pass (every ZHICHAN_MAIL_INTERVAL_MINUTES while SMTP is configured).</summary>
public sealed class MailJob(MailSender sender) : IJobHandler
{
    public const string JobKind = "platform.mail";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var r = await sender.RunAsync(ct);
        await job.ReportAsync(1, 1, $"新排队 {r.Queued}，已发送 {r.Sent}，待重试 {r.Retrying}，失败 {r.Failed}", ct);
    }
}
