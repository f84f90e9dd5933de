namespace Zhichan.Api.Platform.Database;

public static class DatabaseSetup
{
    /// <summary>True while the OpenAPI document is generated at build time: no database is started then.</summary>
    public static bool IsBuildTimeDocumentGeneration =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "GetDocument.Insider");

    /// <summary>
    /// Resolves the connection string: ZHICHAN_DB / ConnectionStrings:Zhichan when set, otherwise a private cluster
    /// started from the machine's PostgreSQL binaries under the state folder.
    /// </summary>
    public static async Task<string> ResolveConnectionStringAsync(WebApplicationBuilder builder, ZhichanOptions options, ILogger log)
    {
        if (options.ConnectionString is { } configured) return configured;
        if (IsBuildTimeDocumentGeneration) return "Host=127.0.0.1;Database=zhichan";

        var pg = new PrivatePostgres(options.StateDir, options.PgPort, log, options.PgBin is { } bin ? [bin] : null, options.PgSharedBuffers,
            backupRepo: options.BackupRepo, hugePages: options.PgHugePages);
        var cs = await pg.StartAsync("zhichan");
        builder.Services.AddSingleton(pg);
        builder.Services.AddHostedService<PrivatePostgresLifetime>();
        return cs;
    }

    /// <summary>
    /// The data sources (ADR 0069): the primary for writes and reads that must see them, and — keyed <see cref="DataSources.Read"/> —
    /// the one for reads that tolerate a little replication lag (search, exports, statistics, dashboards, the open API). With one
    /// host both are the same server. With several hosts in the connection string (<c>Host=primary:5432,replica:5432</c>) Npgsql's
    /// multi-host data source picks them: writes go to the server that is not in recovery (<c>Target Session Attributes=primary</c>),
    /// reads to a standby while one answers (<c>prefer-standby</c>, spread over the standbys with <c>Load Balance Hosts=true</c>), and
    /// to the primary when none does; a host that failed is retried after <c>Host Recheck Seconds</c> (default 10).
    /// </summary>
    public static void AddDatabase(this IServiceCollection services, string connectionString)
    {
        // Dapper maps hand-written SQL's snake_case columns onto PascalCase properties, for every module (ADR 0012)
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        // DateOnly as a parameter (a published figure's date, a deadline): Dapper has no built-in mapping for it
        Dapper.SqlMapper.AddTypeHandler(new DateOnlyHandler());
        var dsb = new NpgsqlDataSourceBuilder(connectionString);
        // no JIT compilation: it adds more to any query the planner costs above jit_above_cost (a broad count, a facet
        // pass) than it saves on this workload of short queries (ADR 0011, appendix)
        if (dsb.ConnectionStringBuilder.Options?.Contains("jit", StringComparison.Ordinal) != true)
            dsb.ConnectionStringBuilder.Options = ((dsb.ConnectionStringBuilder.Options ?? "") + " -c jit=off").Trim();
        // index entries cost ten times the default to process: the planner otherwise intersects a selective text term
        // with the bitmap of a broad filter (an IPC section, a province: most of the table) instead of checking the filter
        // on the text term's few thousand rows (ADR 0011, appendix)
        if (dsb.ConnectionStringBuilder.Options?.Contains("cpu_index_tuple_cost", StringComparison.Ordinal) != true)
            dsb.ConnectionStringBuilder.Options = (dsb.ConnectionStringBuilder.Options + " -c cpu_index_tuple_cost=0.05").Trim();
        dsb.EnableDynamicJson();
        // the pool's name in the Npgsql metrics (db_client_connection_count…) instead of the connection string (ADR 0065)
        dsb.Name = "zhichan";
        NpgsqlDataSource primary, read;
        if (DataSources.IsMultiHost(dsb.ConnectionStringBuilder))
        {
            var multi = dsb.BuildMultiHost();
            services.AddSingleton(multi);
            primary = multi.WithTargetSession(TargetSessionAttributes.Primary);
            read = multi.WithTargetSession(TargetSessionAttributes.PreferStandby);
        }
        else
        {
            primary = read = dsb.Build();
        }
        services.AddSingleton(primary);
        services.AddKeyedSingleton(DataSources.Read, read);
        services.AddSingleton<Migrator>();
        services.AddDbContext<ZhichanDb>(o => o.UseNpgsql(primary));
    }
}

/// <summary>The names of the data sources besides the primary (ADR 0069).</summary>
public static class DataSources
{
    /// <summary>
    /// The key of the data source for reads that tolerate a little replication lag: inject it as
    /// <c>[FromKeyedServices(DataSources.Read)] NpgsqlDataSource</c>. Never write through it, and never read through it what the
    /// same user has just written (read-your-writes stays on the primary).
    /// </summary>
    public const string Read = "read";

    /// <summary>True when the connection string names several hosts (a primary and its standbys).</summary>
    public static bool IsMultiHost(NpgsqlConnectionStringBuilder cs) => cs.Host?.Contains(',', StringComparison.Ordinal) == true;
}

/// <summary>Stops the private cluster when the app stops, if this app started it.</summary>
internal sealed class PrivatePostgresLifetime(PrivatePostgres pg, ZhichanOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (pg.StartedByUs && !options.KeepDb) pg.Stop();
        return Task.CompletedTask;
    }
}

/// <summary>Passes DateOnly to PostgreSQL as a date and reads a date column back as DateOnly, for every Dapper query.</summary>
internal sealed class DateOnlyHandler : Dapper.SqlMapper.TypeHandler<DateOnly>
{
    public override void SetValue(System.Data.IDbDataParameter parameter, DateOnly value)
    {
        parameter.Value = value;
        if (parameter is NpgsqlParameter p) p.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date;
    }

    public override DateOnly Parse(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => DateOnly.Parse(value.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
    };
}
