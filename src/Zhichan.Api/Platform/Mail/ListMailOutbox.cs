namespace Zhichan.Api.Platform.Mail;

/// <param name="StatusName">待发送, 已发送, 发送失败.</param>
public sealed record MailOutboxRow(long Id, string ToAddress, string? ToName, string Kind, string Subject, string Status, string StatusName, int Attempts,
    string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <param name="Enabled">SMTP configured (ZHICHAN_SMTP_HOST); when false nothing is queued or sent.</param>
/// <param name="Server">host:port and the security mode (never the password).</param>
public sealed record MailOutboxPage(bool Enabled, string? Server, string From, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<MailOutboxRow> Items, long Total);

/// <summary>The outbox for the admin: what was sent, what waits for a retry and why, what failed.</summary>
public static class ListMailOutbox
{
    private static readonly IReadOnlyDictionary<string, string> SecurityNames = new Dictionary<string, string>
    {
        ["auto"] = "服务器支持时使用 STARTTLS 加密", ["none"] = "不加密", ["starttls"] = "STARTTLS 加密", ["ssl"] = "SSL/TLS 加密",
    };

    public static async Task<Ok<MailOutboxPage>> HandleAsync(ZhichanDb db, ZhichanOptions options, string? status, string? q, int? page = null, int? pageSize = null,
        CancellationToken ct = default)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 50, 200);
        if (status is not null && !MailStatus.Names.ContainsKey(status)) throw new RequestValidationException("status", "状态应为 pending、sent 或 failed");
        var all = db.Set<MailOutboxItem>().AsNoTracking();
        var counts = await all.GroupBy(m => m.Status).Select(g => new { g.Key, N = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var rows = all;
        if (status is not null) rows = rows.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(q)) rows = rows.Where(m => EF.Functions.ILike(m.ToAddress, $"%{q.Trim()}%") || EF.Functions.ILike(m.Subject, $"%{q.Trim()}%"));
        var total = await rows.LongCountAsync(ct);
        var items = await rows.OrderByDescending(m => m.Id).Skip(offset).Take(size).ToListAsync(ct);
        var m = options.Mail;
        return TypedResults.Ok(new MailOutboxPage(m.Enabled, m.Enabled ? $"{m.Host}:{m.Port}（{SecurityNames.GetValueOrDefault(m.Security, m.Security)}）" : null, m.From,
            MailStatus.Names.Keys.ToDictionary(k => k, k => counts.GetValueOrDefault(k)),
            items.Select(x => new MailOutboxRow(x.Id, x.ToAddress, x.ToName, x.Kind, x.Subject, x.Status, MailStatus.Names[x.Status], x.Attempts, x.LastError,
                x.NextAttemptAt, x.CreatedAt, x.SentAt)).ToList(), total));
    }
}
