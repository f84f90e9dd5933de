namespace Zhichan.Api.Platform.Database;

/// <summary>
/// Every PostgreSQL advisory-lock key the platform takes, in one list so that two uses can never pick the same number by
/// accident. Session locks (<c>pg_advisory_lock</c>) are released explicitly; transaction locks (<c>pg_advisory_xact_lock</c>)
/// at commit or rollback. A new key is a new constant here, never a literal in SQL.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>Applying the migrations at start-up (session lock; "ZHICHAN" in ASCII).</summary>
    public const long Migrations = 0x5A48_4943_4841_4E;
    /// <summary>Running the start-up tasks (session lock): instances started together run them one after another.</summary>
    public const long StartupTasks = 31001;
    /// <summary>Writing records: one import's batches, or the rebuild of the deferred indexes after a bulk import.</summary>
    public const long RecordWrites = 7262001;
    /// <summary>A new version of an indicator definition (the catalogue loader and the edit endpoint).</summary>
    public const long IndicatorDefinitions = 31003;
    /// <summary>Loading the seed plans at start-up.</summary>
    public const long PlanSeeds = 31004;
    /// <summary>Numbering and editing custom assessment units.</summary>
    public const long CustomUnits = 31005;
    /// <summary>One protection deadline check at a time (a scheduled and a manual run, or two instances).</summary>
    public const long ProtectionDeadlineCheck = 31006;
    /// <summary>One custody daily check at a time (reminders and lapses are recorded once).</summary>
    public const long CustodyCheck = 32204;
    /// <summary>One evaluation of the watches and the abnormal-filing screening at a time (marks move once, nothing fires twice).</summary>
    public const long WatchEvaluation = 32401;

    /// <summary>SQL taking the transaction-level lock <paramref name="key"/>.</summary>
    public static string XactLock(long key) => $"SELECT pg_advisory_xact_lock({key})";
}
