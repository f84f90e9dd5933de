using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Features.Protection;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>Working days on the official 2025/2026 calendar, deadlines computed on it, and the admin's calendar maintenance.</summary>
public class CalendarTests(ProtectionFactory app) : ProtectionTest(app)
{
    [Theory]
    [InlineData("2025-03-13", 3, "2025-03-18")]  // Thu + 3 across a weekend → Tue
    [InlineData("2025-09-30", 5, "2025-10-14")]  // National Day 1–8 Oct off, Sat 11 Oct worked
    [InlineData("2025-09-26", 1, "2025-09-28")]  // Sun 28 Sep is a swapped working day
    [InlineData("2025-01-24", 1, "2025-01-26")]  // Sun 26 Jan 2025 worked before the Spring Festival
    [InlineData("2025-01-27", 1, "2025-02-05")]  // 除夕 28 Jan to 4 Feb off
    [InlineData("2025-04-30", 1, "2025-05-06")]  // Labour Day 1–5 May 2025
    [InlineData("2026-02-13", 1, "2026-02-14")]  // Sat 14 Feb 2026 worked
    [InlineData("2026-02-13", 2, "2026-02-24")]  // Spring Festival 15–23 Feb 2026 off
    [InlineData("2026-09-30", 5, "2026-10-13")]  // National Day 1–7 Oct 2026, Sat 10 Oct worked
    [InlineData("2025-12-31", 1, "2026-01-04")]  // New Year 1–3 Jan 2026 off; Sun 4 Jan 2026 worked
    public async Task AddWorkingDays_OfficialCalendar_SkipsWeekendsAndHolidaysAndCountsSwappedDays(string from, int days, string expected)
    {
        var client = await App.CreateClientAsAsync("bureau");
        var r = await client.GetFromJsonAsync<JsonElement>($"/api/protection/calendar/add?from={from}&days={days}");
        r.GetProperty("due").GetString().ShouldBe(expected);
    }

    [Fact]
    public async Task PatentDisputeDeadline_ThreeMonthsEndingOnHoliday_MovesToNextWorkingDayAndExtendsOnce()
    {
        var cal = await CalendarAsync();
        // filed 1 Jul 2025: 3 months end on 1 Oct 2025 (National Day) → 9 Oct 2025
        Deadlines.DecisionDue(cal, ComplaintTypes.PatentDispute, new DateOnly(2025, 7, 1)).ShouldBe(new DateOnly(2025, 10, 9));
        // extension by one month: 9 Nov 2025 is a Sunday → Mon 10 Nov
        Deadlines.Extend(cal, ComplaintTypes.PatentDispute, new DateOnly(2025, 10, 9)).ShouldBe(new DateOnly(2025, 11, 10));
        // penalty cases: 90 days
        Deadlines.DecisionDue(cal, ComplaintTypes.CounterfeitPatent, new DateOnly(2026, 3, 2)).ShouldBe(new DateOnly(2026, 6, 1));
        // acceptance: 5 working days after receipt, across the 2026 Spring Festival
        Deadlines.AcceptDue(cal, new DateOnly(2026, 2, 12)).ShouldBe(new DateOnly(2026, 2, 26));
        cal.WorkingDaysLeft(new DateOnly(2026, 2, 13), new DateOnly(2026, 2, 26)).ShouldBe(4); // 14, 24, 25, 26
        cal.WorkingDaysLeft(new DateOnly(2026, 3, 2), new DateOnly(2026, 2, 26)).ShouldBe(-3); // 27 Feb, Sat 28 Feb (worked) and 2 Mar
    }

    [Fact]
    public async Task Calendar_Seeded2025And2026_MatchesStateCouncilNotices()
    {
        var client = await App.CreateClientAsAsync("bureau");
        var y25 = await client.GetFromJsonAsync<JsonElement[]>("/api/protection/calendar?year=2025");
        y25!.Count(d => d.GetProperty("kind").GetString() == "holiday").ShouldBe(1 + 8 + 3 + 5 + 3 + 8);
        y25!.Where(d => d.GetProperty("kind").GetString() == "workday").Select(d => d.GetProperty("day").GetString())
            .ShouldBe(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
        var y26 = await client.GetFromJsonAsync<JsonElement[]>("/api/protection/calendar?year=2026");
        y26!.Count(d => d.GetProperty("kind").GetString() == "holiday").ShouldBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
        y26!.Where(d => d.GetProperty("kind").GetString() == "workday").Select(d => d.GetProperty("day").GetString())
            .ShouldBe(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
    }

    [Fact]
    public async Task SetCalendarDay_AdminAddsHoliday_DeadlinesFollowAndChangeIsAudited()
    {
        var admin = await App.CreateClientAsAsync("admin");
        try
        {
            (await admin.GetFromJsonAsync<JsonElement>("/api/protection/calendar/add?from=2027-03-02&days=1")).GetProperty("due").GetString().ShouldBe("2027-03-03");
            var put = await admin.PutAsJsonAsync("/api/protection/calendar/2027-03-03", new { kind = "holiday", name = "测试假日" });
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            (await admin.GetFromJsonAsync<JsonElement>("/api/protection/calendar/add?from=2027-03-02&days=1")).GetProperty("due").GetString().ShouldBe("2027-03-04");
            (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'ref_workday_calendar' AND after->>'day' = '2027-03-03'")).ShouldBe(1);

            var bad = await admin.PutAsJsonAsync("/api/protection/calendar/2027-03-04", new { kind = "workday", name = "周四" });
            var p = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            p.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("是工作日");

            var bureau = await App.CreateClientAsAsync("bureau");
            (await bureau.PutAsJsonAsync("/api/protection/calendar/2027-03-05", new { kind = "holiday", name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        finally
        {
            await admin.DeleteAsync("/api/protection/calendar/2027-03-03");
        }
    }

    [Fact]
    public async Task RegisterCase_ReceivedBeforeNationalDay_AcceptDueOnWorkingDaysAndOverdueQueue()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var old = await RegisterAsync(bureau, new DateOnly(2026, 9, 30));
        var fresh = await RegisterAsync(bureau, Today, respondent: "另一家公司", phone: "13900002222");
        var detail = await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{old}");
        detail.GetProperty("acceptDue").GetString().ShouldBe("2026-10-13");
        var cd = detail.GetProperty("countdowns")[0];
        cd.GetProperty("overdue").GetBoolean().ShouldBe(Today > new DateOnly(2026, 10, 13));

        var overdue = await bureau.GetFromJsonAsync<JsonElement>("/api/protection/cases?queue=overdue");
        var ids = overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        ids.ShouldContain(old);
        ids.ShouldNotContain(fresh);
        var pending = await bureau.GetFromJsonAsync<JsonElement>("/api/protection/cases?queue=pending");
        pending.GetProperty("total").GetInt32().ShouldBe(2);
        var freshRow = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == fresh);
        freshRow.GetProperty("countdown").GetProperty("workingDaysLeft").GetInt32().ShouldBe(5);
        freshRow.GetProperty("countdown").GetProperty("overdue").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task DueSoonQueue_CaseWithThreeWorkingDaysLeft_IsListed()
    {
        var cal = await CalendarAsync();
        var d = Today;
        while (cal.WorkingDaysLeft(Today, Deadlines.AcceptDue(cal, d)) > Deadlines.DueSoonWorkingDays) d = d.AddDays(-1);
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, d);
        var soon = await bureau.GetFromJsonAsync<JsonElement>("/api/protection/cases?queue=due_soon");
        soon.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldContain(id);
    }

    [Fact]
    public async Task DeadlineCheck_OverdueCase_WritesOneAlertOnTimeline()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today.AddDays(-30));
        await RunChecksAsync(bureau);
        await RunChecksAsync(bureau);
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaint_events WHERE complaint_id = $1 AND action = 'overdue_alert'", id)).ShouldBe(1);
    }
}
