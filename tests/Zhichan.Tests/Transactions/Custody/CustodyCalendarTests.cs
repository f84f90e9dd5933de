using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Transactions.Custody;

/// <summary>The renewal calendar over HTTP: fee schedule computations, the daily check (reminders once per threshold, lapses), payments, exports.</summary>
public class CustodyCalendarTests(CustodyFactory app) : CustodyTest(app)
{
    private static async Task<JsonElement> ScheduleAsync(HttpClient c, string kind, string number, DateOnly asOf) =>
        await ReadAsync(await c.GetAsync($"/api/transactions/custody/schedule?kind={kind}&number={number}&asOf={asOf:yyyy-MM-dd}"), HttpStatusCode.OK);

    private static JsonElement Year(JsonElement s, int n) => s.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("period").GetInt32() == n && i.GetProperty("itemKind").GetString() != "expiry");

    [Fact]
    public async Task Schedule_AnnualFees_OnAnniversaries_WithGraceSurchargeAndTermByType()
    {
        var leap = AppNo(2016, '1', 229);
        await RecordAsync(leap, "patent_invention", new(2016, 2, 29), new(2018, 6, 15));
        var c = await App.CreateClientAsAsync("hengrui");

        var s = await ScheduleAsync(c, "patent", leap, new(2019, 1, 1));
        s.GetProperty("grantYear").GetInt32().ShouldBe(3);                     // 2018-02-28 … 2019-02-27 is the 3rd patent year
        s.GetProperty("expiryDate").GetString().ShouldBe("2036-02-28");
        s.GetProperty("termYears").GetInt32().ShouldBe(20);
        var y4 = Year(s, 4);
        y4.GetProperty("dueDate").GetString().ShouldBe("2019-02-28");          // 29 Feb falls on 28 Feb in a common year
        y4.GetProperty("graceEnd").GetString().ShouldBe("2019-08-28");
        y4.GetProperty("amount").GetDecimal().ShouldBe(1200m);
        y4.GetProperty("statusName").GetString().ShouldBe("待缴");
        y4.GetProperty("periodText").GetString().ShouldBe("第 4 年");
        Year(s, 5).GetProperty("dueDate").GetString().ShouldBe("2020-02-29");   // and on 29 Feb in a leap year
        Year(s, 7).GetProperty("amount").GetDecimal().ShouldBe(2000m);
        Year(s, 10).GetProperty("amount").GetDecimal().ShouldBe(4000m);
        Year(s, 16).GetProperty("amount").GetDecimal().ShouldBe(8000m);
        s.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("itemKind").GetString() == "annual_fee").ShouldBe(17); // years 4 … 20

        // the surcharge: none within the first month late, then 5 % per month begun, 25 % in the sixth; after the grace period, lapsed
        foreach (var (day, surcharge) in new[] { ("2019-03-28", 0m), ("2019-03-29", 60m), ("2019-04-28", 60m), ("2019-05-10", 120m), ("2019-07-28", 240m), ("2019-08-28", 300m) })
        {
            var g = Year(await ScheduleAsync(c, "patent", leap, DateOnly.Parse(day)), 4);
            g.GetProperty("statusName").GetString().ShouldBe("宽限期", day);
            g.GetProperty("surcharge").GetDecimal().ShouldBe(surcharge, day);
        }
        var lapsed = await ScheduleAsync(c, "patent", leap, new(2019, 8, 29));
        Year(lapsed, 4).GetProperty("statusName").GetString().ShouldBe("已失效");
        lapsed.GetProperty("items").GetArrayLength().ShouldBe(1);               // nothing is due after a lapse

        // terms by type: utility 10 years; a design filed before 2021-06-01 10 years, from that day 15 years (with the 11–15 year band)
        var utility = AppNo(2015, '2', 510);
        await RecordAsync(utility, "patent_utility", new(2015, 5, 10), new(2016, 1, 20));
        var u = await ScheduleAsync(c, "patent", utility, new(2016, 2, 1));
        u.GetProperty("expiryDate").GetString().ShouldBe("2025-05-09");
        Year(u, 2).GetProperty("amount").GetDecimal().ShouldBe(600m);
        Year(u, 4).GetProperty("amount").GetDecimal().ShouldBe(900m);
        Year(u, 9).GetProperty("amount").GetDecimal().ShouldBe(2000m);
        var before = AppNo(2021, '3', 531);
        var after = AppNo(2021, '3', 601);
        await RecordAsync(before, "patent_design", new(2021, 5, 31), new(2021, 9, 1));
        await RecordAsync(after, "patent_design", new(2021, 6, 1), new(2021, 9, 1));
        (await ScheduleAsync(c, "patent", before, new(2022, 1, 1))).GetProperty("expiryDate").GetString().ShouldBe("2031-05-30");
        var d15 = await ScheduleAsync(c, "patent", after, new(2022, 1, 1));
        d15.GetProperty("expiryDate").GetString().ShouldBe("2036-05-31");
        Year(d15, 11).GetProperty("amount").GetDecimal().ShouldBe(3000m);

        // a trademark: 10 years from registration, the window opens 12 months before expiry, 6 months' grace after it
        await App.ExecuteAsync("""
            INSERT INTO records (record_key, right_type, application_number, application_date, grant_date, title, applicants, status)
            VALUES ('tm-1', 'trademark', '7654321', '2008-05-01', '2010-03-07', '测试商标', ARRAY['江苏恒瑞医药股份有限公司'], 'in_force')
            """);
        var tm = Year(await ScheduleAsync(c, "trademark", "第7654321号", new(2019, 6, 1)), 1);
        tm.GetProperty("dueDate").GetString().ShouldBe("2020-03-06");
        tm.GetProperty("windowStart").GetString().ShouldBe("2019-03-06");
        tm.GetProperty("graceEnd").GetString().ShouldBe("2020-09-06");
        tm.GetProperty("periodText").GetString().ShouldBe("第 1 次续展");

        // a record already lapsed shows its state instead of due items
        var gone = AppNo(2012, '1', 1);
        await RecordAsync(gone, "patent_invention", new(2012, 1, 1), new(2014, 1, 1), status: "lapsed");
        var g2 = await ScheduleAsync(c, "patent", gone, new(2020, 1, 1));
        g2.GetProperty("items").GetArrayLength().ShouldBe(0);
        g2.GetProperty("note").GetString()!.ShouldContain("失效");
    }

    [Fact]
    public async Task Check_RemindsOncePerThreshold_RecordsLapses_ExpiresContracts_AndPaymentsAndExportsFollow()
    {
        // under custody since a month ago: A's fee is due in 20 days; B's was due 40 days ago (grace); C's grace period ended 10 days ago unpaid.
        // Earlier years ended their grace before custody began: the record's status answers for them, they are not on the calendar.
        var dueA = Today.AddDays(20);
        var a = AppNo(2018, '1', 1001);
        await RecordAsync(a, "patent_invention", dueA.AddYears(-5), Today.AddYears(-3));
        var b = AppNo(2018, '1', 1002);
        await RecordAsync(b, "patent_invention", Today.AddDays(-40).AddYears(-5), Today.AddYears(-3));
        var cNo = AppNo(2018, '1', 1003);
        await RecordAsync(cNo, "patent_invention", Today.AddDays(-10).AddMonths(-6).AddYears(-5), Today.AddYears(-3));
        var e = AppNo(2018, '1', 1004);
        await RecordAsync(e, "patent_invention", new(2010, 1, 1), new(2012, 1, 1), status: "lapsed");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await ProposeAsync(hengrui, Today.AddMonths(-1), Today.AddYears(1), a, b, cNo);
        await TransitionAsync(agency, id, "confirm", null, HttpStatusCode.OK);
        var old = await ProposeAsync(hengrui, Today.AddYears(-2), Today.AddDays(-1), e);
        await TransitionAsync(agency, old, "confirm", null, HttpStatusCode.OK);

        var cal = await ReadAsync(await hengrui.GetAsync("/api/transactions/custody/calendar"), HttpStatusCode.OK);
        cal.GetProperty("totals").GetProperty("due30").GetInt32().ShouldBe(1);
        cal.GetProperty("totals").GetProperty("grace").GetInt32().ShouldBe(1);
        cal.GetProperty("totals").GetProperty("lapsed").GetInt32().ShouldBe(1);
        var window = await ReadAsync(await hengrui.GetAsync("/api/transactions/custody/calendar?window=30"), HttpStatusCode.OK);
        window.GetProperty("items").EnumerateArray().Single().GetProperty("number").GetString().ShouldBe(a);
        (await hengrui.GetAsync("/api/transactions/custody/calendar?window=7")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await agency.PostAsync("/api/transactions/custody/check", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var first = await ReadAsync(await bureau.PostAsync("/api/transactions/custody/check", null), HttpStatusCode.OK);
        first.GetProperty("reminders").GetInt32().ShouldBe(2);                 // A's 30-day reminder to the enterprise and to its agency
        first.GetProperty("lapses").GetInt32().ShouldBe(1);                    // C
        first.GetProperty("expiredContracts").GetInt32().ShouldBe(1);
        var second = await ReadAsync(await bureau.PostAsync("/api/transactions/custody/check", null), HttpStatusCode.OK);
        second.GetProperty("reminders").GetInt32().ShouldBe(0);
        second.GetProperty("lapses").GetInt32().ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'custody_reminder'")).ShouldBe(2);
        (await App.ScalarAsync<long>("SELECT count(DISTINCT org_unit_id) FROM notifications WHERE type = 'custody_reminder'")).ShouldBe(2);
        (await App.ScalarAsync<string>("SELECT number FROM custody_lapses")).ShouldBe(cNo);
        (await App.ScalarAsync<string>("SELECT status FROM custody_contracts WHERE id = $1", old)).ShouldBe("expired");
        var detail = await ReadAsync(await hengrui.GetAsync($"/api/transactions/custody/contracts/{id}"), HttpStatusCode.OK);
        detail.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "lapse").ShouldBe(1);

        // the agency marks B paid in its grace period: the surcharge of that day is stored, the item shows 已缴; twice is refused; C cannot be paid
        var bItem = cal.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetString() == b && i.GetProperty("status").GetString() == "grace");
        var pay = new { kind = "patent", number = b, itemKind = "annual_fee", period = bItem.GetProperty("period").GetInt32(), paidOn = Today, receiptNo = "ZL-2026-0001" };
        var paid = await ReadAsync(await agency.PostAsJsonAsync("/api/transactions/custody/payments", pay), HttpStatusCode.Created);
        paid.GetProperty("surcharge").GetDecimal().ShouldBe(bItem.GetProperty("surcharge").GetDecimal());
        paid.GetProperty("surcharge").GetDecimal().ShouldBe(paid.GetProperty("amount").GetDecimal() * 0.05m);  // 40 days late: the second month
        await ReadAsync(await agency.PostAsJsonAsync("/api/transactions/custody/payments", pay), HttpStatusCode.Conflict);
        var cItem = cal.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetString() == cNo);
        await ReadAsync(await hengrui.PostAsJsonAsync("/api/transactions/custody/payments",
            new { kind = "patent", number = cNo, itemKind = "annual_fee", period = cItem.GetProperty("period").GetInt32(), paidOn = Today, receiptNo = "X1" }), HttpStatusCode.Conflict);
        await ReadAsync(await (await App.CreateClientAsAsync("bureau")).PostAsJsonAsync("/api/transactions/custody/payments", pay), HttpStatusCode.Forbidden);
        var after = await ReadAsync(await hengrui.GetAsync("/api/transactions/custody/calendar?status=paid"), HttpStatusCode.OK);
        var paidItem = after.GetProperty("items").EnumerateArray().Single();
        paidItem.GetProperty("receiptNo").GetString().ShouldBe("ZL-2026-0001");
        paidItem.GetProperty("paidByName").GetString().ShouldNotBeNullOrEmpty();

        // exports: iCalendar with one VEVENT per item of the list, and the XLSX sheet
        var all = await ReadAsync(await hengrui.GetAsync("/api/transactions/custody/calendar"), HttpStatusCode.OK);
        var ics = await hengrui.GetAsync("/api/transactions/custody/calendar/ics");
        ics.StatusCode.ShouldBe(HttpStatusCode.OK);
        ics.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var text = await ics.Content.ReadAsStringAsync();
        text.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        text.TrimEnd().ShouldEndWith("END:VCALENDAR");
        var unfolded = text.Replace("\r\n ", "");
        var lines = unfolded.Split("\r\n");
        lines.Count(l => l == "BEGIN:VEVENT").ShouldBe(all.GetProperty("items").GetArrayLength());
        lines.Count(l => l == "END:VEVENT").ShouldBe(all.GetProperty("items").GetArrayLength());
        lines.Where(l => l.StartsWith("DTSTART;VALUE=DATE:", StringComparison.Ordinal)).ShouldContain($"DTSTART;VALUE=DATE:{dueA:yyyyMMdd}");
        text.Split("\r\n").ShouldAllBe(l => System.Text.Encoding.UTF8.GetByteCount(l) <= 75);
        var xlsx = await hengrui.GetAsync("/api/transactions/custody/calendar/export?window=30");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await xlsx.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
    }
}
