using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Notifications;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>
/// The daily clean-up (ADR 0211) as a recurring job of the jobs table: read notifications older than 180 days and finished runs of
/// recurring jobs older than 30 days are deleted; unread or recent notifications, recent runs and other jobs are kept.
/// </summary>
public class RetentionTests(ProtectionFactory app) : ProtectionTest(app)
{
    private async Task<long> NotificationAsync(string title, int daysAgo, long? userId, long? orgUnitId) =>
        await App.ScalarAsync<long>($"""
            INSERT INTO notifications (user_id, org_unit_id, type, title, created_at)
            VALUES ({(userId is null ? "NULL" : userId.ToString())}, {(orgUnitId is null ? "NULL" : orgUnitId.ToString())}, 'test.retention', $1,
                    now() - make_interval(days => $2))
            RETURNING id
            """, title, daysAgo);

    private async Task JobAsync(string kind, string status, int finishedDaysAgo) =>
        await App.ExecuteAsync("""
            INSERT INTO jobs (kind, status, created_at, started_at, finished_at)
            VALUES ($1, $2, now() - make_interval(days => $3), now() - make_interval(days => $3), now() - make_interval(days => $3))
            """, kind, status, finishedDaysAgo);

    private static async Task<List<string>> TitlesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/notifications?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()!).Where(t => t.StartsWith("保留测试")).ToList();

    [Fact]
    public async Task RetentionJob_Scheduled_DeletesOldReadNotificationsAndOldRecurringRuns_KeepsTheRest()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var bureauUser = await App.ScalarAsync<long>("SELECT id FROM users WHERE username = 'bureau'");
        var lianyunUnit = await UnitIdAsync("连云区");

        var oldRead = await NotificationAsync("保留测试-旧已读", 200, bureauUser, null);
        await NotificationAsync("保留测试-旧未读", 200, bureauUser, null);
        var recentRead = await NotificationAsync("保留测试-新已读", 10, bureauUser, null);
        var unitOldRead = await NotificationAsync("保留测试-单位旧已读", 181, null, lianyunUnit);
        await NotificationAsync("保留测试-单位旧未读", 181, null, lianyunUnit);
        foreach (var n in new[] { oldRead, recentRead })
            (await bureau.PostAsync($"/api/notifications/{n}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await lianyun.PostAsync($"/api/notifications/{unitOldRead}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await JobAsync("protection.deadline-check", "succeeded", 40);  // deleted
        await JobAsync("protection.deadline-check", "failed", 31);     // deleted
        await JobAsync("platform.retention", "succeeded", 45);         // deleted (a recurring job too)
        await JobAsync("protection.deadline-check", "succeeded", 5);   // recent: kept
        await JobAsync("records.import", "succeeded", 100);            // not a recurring check: kept

        // the schedule registered at start-up (daily); made due, it queues the job, which the runner claims like any other
        var ds = App.Services.GetRequiredService<NpgsqlDataSource>();
        var schedule = App.Services.GetServices<RecurringJob>().Single(s => s.Kind == NotificationRetentionJob.JobKind);
        schedule.Interval.ShouldBe(TimeSpan.FromDays(1));
        await RecurringJobScheduler.QueueIfDueAsync(ds, schedule, default);
        (await App.ScalarAsync<long>("SELECT interval_minutes FROM job_schedules WHERE kind = 'platform.retention'")).ShouldBe(1440);
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'platform.retention' AND payload->>'scheduled' = 'true'")).ShouldBe(0); // not before its time
        await App.ExecuteAsync("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE kind = 'platform.retention'");
        await RecurringJobScheduler.QueueIfDueAsync(ds, schedule, default); // (or the hosted scheduler's tick got there first)
        var until = DateTime.UtcNow.AddSeconds(60);
        string? status = null;
        while (DateTime.UtcNow < until
               && (status = await App.ScalarAsync<string>("SELECT status FROM jobs WHERE kind = 'platform.retention' AND payload->>'scheduled' = 'true' ORDER BY id DESC LIMIT 1"))
               is null or "queued" or "running")
            await Task.Delay(100);
        status.ShouldBe("succeeded");
        (await App.ScalarAsync<string>("SELECT message FROM jobs WHERE kind = 'platform.retention' AND payload->>'scheduled' = 'true'"))!
            .ShouldContain("删除已读通知 2 条");

        (await TitlesAsync(bureau)).ShouldBe(["保留测试-新已读", "保留测试-旧未读"], ignoreOrder: true);
        (await TitlesAsync(lianyun)).ShouldBe(["保留测试-单位旧未读"]);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notification_reads WHERE notification_id IN ($1, $2)", oldRead, unitOldRead)).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'protection.deadline-check'")).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'records.import'")).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'platform.retention'")).ShouldBe(1); // this run only

        // one audit row per table, with the count
        (await App.ScalarAsync<string>("SELECT after->>'deleted' FROM audit_log WHERE action = 'purge' AND entity = 'notifications'")).ShouldBe("2");
        (await App.ScalarAsync<string>("SELECT after->>'deleted' FROM audit_log WHERE action = 'purge' AND entity = 'jobs'")).ShouldBe("3");
    }
}
