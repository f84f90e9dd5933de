namespace Zhichan.Api.Platform.Mail;

/// <summary>Puts a failed (or waiting) message back for sending now, with its attempts counted afresh; a sent one cannot be resent.</summary>
public static class RetryMail
{
    public static async Task<Results<Ok<MailOutboxRow>, NotFound>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var m = await db.Set<MailOutboxItem>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        if (m.Status == MailStatus.Sent) throw new DomainException("该邮件已发送，不能重新发送");
        m.Status = MailStatus.Pending;
        m.Attempts = 0;
        m.NextAttemptAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MailOutboxRow(m.Id, m.ToAddress, m.ToName, m.Kind, m.Subject, m.Status, MailStatus.Names[m.Status], m.Attempts, m.LastError,
            m.NextAttemptAt, m.CreatedAt, m.SentAt));
    }
}
