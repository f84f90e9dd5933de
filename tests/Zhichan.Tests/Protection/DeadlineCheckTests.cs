using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>
/// The periodic deadline check as a job of the jobs table: 临期/超期 notifications to the handling unit and late referral
/// replies to the bureau, exactly once per case and deadline however often it runs, with deadlines across a weekend and a holiday.
/// </summary>
public class DeadlineCheckTests(ClockedProtectionFactory app) : ProtectionTest<ClockedProtectionFactory>(app)
{
    public override async Task InitializeAsync()
    {
        App.Clock.Now = DateTimeOffset.UtcNow;
        await base.InitializeAsync();
    }

    private Task<long> CountAsync(string type, long caseId) =>
        App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = $1 AND entity = 'complaints' AND entity_id = $2", type, caseId.ToString());

    [Fact]
    public async Task CheckJob_RunTwiceAcrossWeekendAndHoliday_OneNotificationPerCaseAndDeadline()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var lianyunUnit = await UnitIdAsync("连云区");

        // A: received Tue 22 Sep 2026; 5 working days skip 中秋 (Fri 25 Sep) and the weekend → due Wed 30 Sep (Mon–Fri counting would say 29 Sep)
        App.Clock.SetDay(new DateOnly(2026, 9, 30));
        var a = await RegisterAsync(bureau, new DateOnly(2026, 9, 22), phone: "13900000001", respondent: "甲商贸有限公司");
        (await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{a}")).GetProperty("acceptDue").GetString().ShouldBe("2026-09-30");
        await RunChecksAsync(bureau);
        await RunChecksAsync(bureau);
        (await CountAsync("protection.due_soon", a)).ShouldBe(1);   // due today: 临期, not yet 超期
        (await CountAsync("protection.overdue", a)).ShouldBe(0);

        // Mon 12 Oct, after the National Day holiday (1–7 Oct) and the weekend (Sat 10 Oct was a working day)
        App.Clock.SetDay(new DateOnly(2026, 10, 12));
        bureau = await App.CreateClientAsAsync("bureau");
        var b = await RegisterAsync(bureau, new DateOnly(2026, 9, 30), phone: "13900000002", respondent: "乙商贸有限公司"); // due 13 Oct
        var c = await RegisterAsync(bureau, new DateOnly(2026, 10, 12), phone: "13900000003", respondent: "丙商贸有限公司"); // due 19 Oct
        await RunChecksAsync(bureau);
        await RunChecksAsync(bureau);
        (await CountAsync("protection.overdue", a)).ShouldBe(1);
        (await CountAsync("protection.due_soon", b)).ShouldBe(1);   // Mon–Fri counting would already call it overdue (7 Oct)
        (await CountAsync("protection.overdue", b)).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE entity_id = $1", c.ToString())).ShouldBe(0);

        // Wed 14 Oct: B is now overdue; nothing new for A
        App.Clock.SetDay(new DateOnly(2026, 10, 14));
        await RunChecksAsync(bureau);
        await RunChecksAsync(bureau);
        (await CountAsync("protection.overdue", a)).ShouldBe(1);
        (await CountAsync("protection.overdue", b)).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaint_events WHERE action = 'overdue_alert'")).ShouldBe(2);
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaint_events WHERE action = 'due_soon_alert'")).ShouldBe(3); // A, B and C
        // C (due Mon 19 Oct) has 3 working days left on 14 Oct: 临期
        (await CountAsync("protection.due_soon", c)).ShouldBe(1);

        // the handling unit (连云区) sees them in its inbox; the notifications were audited like other writes
        (await App.ScalarAsync<long>("SELECT count(DISTINCT org_unit_id) FROM notifications")).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT org_unit_id FROM notifications LIMIT 1")).ShouldBe(lianyunUnit);
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var inbox = await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("total").GetInt64().ShouldBe(5);
        inbox.GetProperty("unread").GetInt64().ShouldBe(5);
        inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("link").GetString()).ShouldContain($"/protection/cases/{a}");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'notifications' AND action = 'create'")).ShouldBe(5);
        // and the scheduled/manual runs are ordinary jobs of the jobs table
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'protection.deadline-check' AND status = 'succeeded'")).ShouldBe(6);
    }

    [Fact]
    public async Task CheckJob_ReferralReplyLate_NotifiesBureauOnceAndRemindsReceivingUnit()
    {
        App.Clock.SetDay(new DateOnly(2026, 9, 28));
        var bureau = await App.CreateClientAsAsync("bureau");
        var police = await UnitIdAsync("连云港市公安局");
        var id = await RegisterAsync(bureau, new DateOnly(2026, 9, 28), type: "counterfeit_patent");
        await TransitionAsync(bureau, id, new { action = "accept" });
        var detail = await TransitionAsync(bureau, id, new { action = "refer", toUnitId = police, reason = "涉嫌假冒专利罪，移送公安机关" });
        // 10 working days after Mon 28 Sep across National Day (1–7 Oct) and the worked Saturday 10 Oct → Fri 16 Oct
        detail.GetProperty("referrals")[0].GetProperty("replyDue").GetString().ShouldBe("2026-10-16");

        App.Clock.SetDay(new DateOnly(2026, 10, 16));
        bureau = await App.CreateClientAsAsync("bureau");
        await RunChecksAsync(bureau);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'protection.referral_late'")).ShouldBe(0);

        App.Clock.SetDay(new DateOnly(2026, 10, 19));
        bureau = await App.CreateClientAsAsync("bureau");
        await RunChecksAsync(bureau);
        await RunChecksAsync(bureau);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'protection.referral_late'")).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'protection.referral_reminder' AND org_unit_id = $1", police)).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaint_events WHERE complaint_id = $1 AND action = 'referral_overdue'", id)).ShouldBe(1);

        var bureauInbox = await bureau.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        bureauInbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ShouldContain("protection.referral_late");
        var policeClient = await App.CreateClientAsAsync("police");
        var policeInbox = await policeClient.GetFromJsonAsync<JsonElement>("/api/notifications");
        policeInbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ShouldBe(["protection.referral_reminder"]);
    }
}

/// <summary>The notification inbox (Platform/Notifications) through its API, fed by protection's fast-track alerts.</summary>
public class NotificationTests(ProtectionFactory app) : ProtectionTest(app)
{
    [Fact]
    public async Task FastTrackComplaint_NotifiesAssignedUnitOnce_AndReassignmentNotifiesNewUnit()
    {
        var anon = App.CreateAnonymousClient();
        var receipt = await SubmitAsync(anon, Complaint(type: "ecommerce", platform: "某购物平台", region: "320703"));
        var id = await IdOfAsync(receipt.GetProperty("receiptNumber").GetString()!);
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt64().ShouldBe(1);
        var n = (await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items")[0];
        n.GetProperty("type").GetString().ShouldBe("protection.fast_track");
        n.GetProperty("link").GetString().ShouldBe($"/protection/cases/{id}");
        n.GetProperty("title").GetString()!.ShouldContain(receipt.GetProperty("receiptNumber").GetString()!);

        var bureau = await App.CreateClientAsAsync("bureau");
        await TransitionAsync(bureau, id, new { action = "accept", fastTrack = true });
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'protection.fast_track'")).ShouldBe(1);
        var haizhouUnit = await UnitIdAsync("海州区");
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/assignment", new { handlingUnitId = haizhouUnit })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var haizhou = await App.CreateClientAsAsync("haizhou");
        (await haizhou.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt64().ShouldBe(1);
        // a case not on the fast track notifies nobody
        await SubmitAsync(anon, Complaint(phone: "13700000009", respondent: "普通商贸有限公司"));
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications")).ShouldBe(2);
    }

    [Fact]
    public async Task MarkRead_OwnNotification_CountsDropAndReadIsAudited_OthersAre404()
    {
        await SubmitAsync(App.CreateAnonymousClient(), Complaint(type: "ecommerce", platform: "某购物平台", region: "320703"));
        await SubmitAsync(App.CreateAnonymousClient(), Complaint(type: "ecommerce", platform: "某购物平台", region: "320703", phone: "13800000077", respondent: "另一电商公司"));
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var items = (await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        var first = items[0].GetProperty("id").GetInt64();

        var haizhou = await App.CreateClientAsAsync("haizhou");
        await (await haizhou.PostAsync($"/api/notifications/{first}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await haizhou.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("total").GetInt64().ShouldBe(0);
        await (await lianyun.PostAsync("/api/notifications/999999/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await lianyun.PostAsync($"/api/notifications/{first}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await lianyun.PostAsync($"/api/notifications/{first}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent); // idempotent
        (await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt64().ShouldBe(1);
        var unread = await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        unread.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldNotContain(first);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'notification_reads'")).ShouldBe(1);

        var all = await lianyun.PostAsync("/api/notifications/read-all", null);
        (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32().ShouldBe(1);
        (await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt64().ShouldBe(0);
        (await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items")[0].GetProperty("read").GetBoolean().ShouldBeTrue();

        await (await App.CreateAnonymousClient().GetAsync("/api/notifications")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await lianyun.GetAsync("/api/notifications?pageSize=500")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RecurringSchedule_SeveralInstancesAtOnce_QueueOneJobPerPeriod_NoneWhileOneIsPending()
    {
        var ds = App.Services.GetRequiredService<NpgsqlDataSource>();
        var s = new RecurringJob("test.recurring", TimeSpan.FromMinutes(60));
        (await RecurringJobScheduler.QueueIfDueAsync(ds, s, default)).ShouldBeNull(); // a new schedule first runs one interval later
        await App.ExecuteAsync("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE kind = 'test.recurring'");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RecurringJobScheduler.QueueIfDueAsync(ds, s, default)));
        results.Count(r => r is not null).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'test.recurring'")).ShouldBe(1);
        (await App.ScalarAsync<DateTime>("SELECT next_run_at FROM job_schedules WHERE kind = 'test.recurring'")).ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(55));
        // due again while the last one still waits (no runner handles this kind): nothing piles up
        await App.ExecuteAsync("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE kind = 'test.recurring'");
        (await RecurringJobScheduler.QueueIfDueAsync(ds, s, default)).ShouldBeNull();
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'test.recurring'")).ShouldBe(1);
    }

    [Fact]
    public async Task RunDeadlineCheck_NotStaff_Is403()
    {
        var lianyun = await App.CreateClientAsAsync("lianyun");
        await (await lianyun.PostAsync("/api/protection/checks", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}

/// <summary>The app as deployed: the deadline check scheduled hourly.</summary>
public sealed class ScheduledProtectionFactory : ProtectionFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_COMPLAINT_RATE"] = "100000", ["ZHICHAN_PROTECTION_SWEEP_MINUTES"] = "60",
    };
}

/// <summary>The hosted scheduler registers the protection check on the jobs schedule at start-up (first run one hour later).</summary>
public class DeadlineCheckScheduleTests(ScheduledProtectionFactory app) : IClassFixture<ScheduledProtectionFactory>
{
    [Fact]
    public async Task Startup_SchedulesDeadlineCheckHourly_FirstRunOneIntervalLater()
    {
        _ = app.Services;
        var until = DateTime.UtcNow.AddSeconds(20);
        long? minutes;
        while ((minutes = await app.ScalarAsync<long?>("SELECT interval_minutes FROM job_schedules WHERE kind = 'protection.deadline-check'")) is null
               && DateTime.UtcNow < until)
            await Task.Delay(200);
        minutes.ShouldBe(60);
        var wait = await app.ScalarAsync<double>("SELECT extract(epoch FROM next_run_at - now()) FROM job_schedules WHERE kind = 'protection.deadline-check'");
        wait.ShouldBeInRange(55 * 60, 60 * 60);
        (await app.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'protection.deadline-check'")).ShouldBe(0);
    }
}
