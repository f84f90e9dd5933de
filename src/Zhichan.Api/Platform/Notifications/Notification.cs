using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Platform.Notifications;

/// <summary>
/// An in-app notification (站内通知) to one user, or to every user of one org unit. Generic: a type, a title, a body, a link
/// into the web app and the entity it is about. Read state is kept per user in <see cref="NotificationRead"/>.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public long? UserId { get; set; }
    public long? OrgUnitId { get; set; }
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public string? Entity { get; set; }
    public string? EntityId { get; set; }
    public string? DedupeKey { get; set; }
    /// <summary>When the mail job turned it into e-mail (set at once when the module mails its own message instead).</summary>
    public DateTimeOffset? MailedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class NotificationRead
{
    public long NotificationId { get; set; }
    public long UserId { get; set; }
    public DateTimeOffset ReadAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class NotificationConfigurations : IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<Notification> b) => b.ToTable("notifications");
    public void Configure(EntityTypeBuilder<NotificationRead> b) { b.ToTable("notification_reads"); b.HasKey(r => new { r.NotificationId, r.UserId }); }
}

/// <summary>What a module says when it raises a notification.</summary>
/// <param name="DedupeKey">When given, the same key never produces a second notification (periodic checks re-run safely).</param>
/// <param name="MailedByModule">The module e-mails its own, fuller message (e.g. a briefing): the mail job does not mail this one.</param>
public sealed record NotificationMessage(string Type, string Title, string Body, string? Link = null, string? Entity = null, string? EntityId = null,
    string? DedupeKey = null, bool MailedByModule = false);

/// <summary>
/// Raises notifications inside the caller's unit of work: the rows are added to the caller's <see cref="ZhichanDb"/>, so they are
/// written in the same transaction as the event that caused them (and audited with it) by the caller's SaveChangesAsync.
/// </summary>
public static class Notifier
{
    /// <summary>To every user of an org unit.</summary>
    public static Task<bool> ToUnitAsync(ZhichanDb db, long orgUnitId, NotificationMessage m, CancellationToken ct) => AddAsync(db, null, orgUnitId, m, ct);

    /// <summary>To one user.</summary>
    public static Task<bool> ToUserAsync(ZhichanDb db, long userId, NotificationMessage m, CancellationToken ct) => AddAsync(db, userId, null, m, ct);

    /// <summary>Adds the notification unless one with the same dedupe key exists (stored, or pending in this unit of work). True when added.</summary>
    public static async Task<bool> AddAsync(ZhichanDb db, long? userId, long? orgUnitId, NotificationMessage m, CancellationToken ct)
    {
        if (userId is null && orgUnitId is null) throw new ArgumentException("A notification needs a user or an org unit.");
        if (m.DedupeKey is { } key)
        {
            if (db.ChangeTracker.Entries<Notification>().Any(e => e.Entity.DedupeKey == key)) return false;
            if (await db.Set<Notification>().AnyAsync(n => n.DedupeKey == key, ct)) return false;
        }
        db.Set<Notification>().Add(new Notification
        {
            UserId = userId, OrgUnitId = orgUnitId, Type = m.Type, Title = Trim(m.Title, 200), Body = Trim(m.Body, 2000), Link = m.Link,
            Entity = m.Entity, EntityId = m.EntityId, DedupeKey = m.DedupeKey, MailedAt = m.MailedByModule ? DateTimeOffset.UtcNow : null,
        });
        return true;
    }

    /// <summary>The dedupe keys among <paramref name="keys"/> that already have a notification (one query for a batch).</summary>
    public static async Task<HashSet<string>> ExistingKeysAsync(ZhichanDb db, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        keys.Count == 0 ? [] : (await db.Set<Notification>().AsNoTracking().Where(n => n.DedupeKey != null && keys.Contains(n.DedupeKey))
            .Select(n => n.DedupeKey!).ToListAsync(ct)).ToHashSet();

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
