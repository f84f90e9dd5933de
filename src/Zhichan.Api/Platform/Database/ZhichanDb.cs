using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql.NameTranslation;

namespace Zhichan.Api.Platform.Database;

/// <summary>
/// EF Core mapping onto the SQL schema of db/migrations (snake_case names). Every SaveChanges writes one audit row per
/// changed entity, with before/after JSON, in the same transaction.
/// </summary>
public sealed class ZhichanDb(DbContextOptions<ZhichanDb> options, CurrentUser actor) : DbContext(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<User> Users => Set<User>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<OrgUnit>().ToTable("org_units");
        b.Entity<User>().ToTable("users");
        b.Entity<AuditEntry>().ToTable("audit_log");
        b.Entity<AuditEntry>().Property(e => e.Before).HasColumnType("jsonb");
        b.Entity<AuditEntry>().Property(e => e.After).HasColumnType("jsonb");
        b.ApplyConfigurationsFromAssembly(typeof(ZhichanDb).Assembly);

        var snake = new NpgsqlSnakeCaseNameTranslator();
        foreach (var entity in b.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
            property.SetColumnName(snake.TranslateMemberName(property.Name));
    }

    public override async Task<int> SaveChangesAsync(CancellationToken ct = default)
    {
        ChangeTracker.DetectChanges();
        var changes = ChangeTracker.Entries()
            .Where(e => e.Entity is not AuditEntry && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Entry: e, Action: e.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" },
                Before: e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .ToList();
        if (changes.Count == 0) return await base.SaveChangesAsync(ct);

        var ownTx = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            var n = await base.SaveChangesAsync(ct);
            foreach (var (entry, action, before) in changes)
                AuditLog.Add(new AuditEntry
                {
                    ActorId = actor.Id, ActorName = actor.Name, Action = action, Entity = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name,
                    EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                    Before = before, After = action == "delete" ? null : Snapshot(entry, original: false),
                    Ip = actor.Ip, CorrelationId = actor.CorrelationId,
                });
            await base.SaveChangesAsync(ct);
            if (ownTx is not null) await ownTx.CommitAsync(ct);
            return n;
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }
    }

    public override int SaveChanges() => throw new NotSupportedException("Use SaveChangesAsync so that the audit row is written.");

    private static JsonDocument Snapshot(EntityEntry e, bool original)
    {
        var values = original ? e.OriginalValues : e.CurrentValues;
        var dict = new Dictionary<string, object?>();
        foreach (var p in e.Metadata.GetProperties())
        {
            if (p.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute), false) == true) { dict[p.GetColumnName()] = "***"; continue; }
            dict[p.GetColumnName()] = values[p];
        }
        return JsonSerializer.SerializeToDocument(dict);
    }
}
