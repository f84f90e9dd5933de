using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zhichan.Api.Features.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// The CNIPA legal-status importer through CreateImport/GetImport/GetRecord (ADR 0017): the real file of the gazette day
/// 2016-12-28 with every trait its README lists, and small files of the same layout for what the real file cannot show
/// (events that change the status, in date order).
/// </summary>
public partial class LegalStatusImportTests(ZhichanFactory app) : IntegrationTest(app)
{
    private const string RealFile = "legal-status/cn-legal-status-20161228-part1.csv";
    private const string Header = "授权公告号,申请号,法律状态公告日,法律状态,法律状态信息";

    /// <summary>Rows of the 2017 file (0-based) whose applications the legal-status file names intact: the only overlap of the two files.</summary>
    private static readonly int[] Overlap = [158229, 163859, 189381, 170039, 172791];

    /// <summary>The bibliographic columns of every record, as one text: what a legal-status import must never change.</summary>
    private const string Bibliographic = """
        SELECT string_agg(md5(row(record_key, right_type, office, application_number, application_date, publication_number, publication_kind,
            publication_date, grant_number, grant_date, title, abstract, claims, applicants, parties::text, address, province_code, city_code,
            county_code, ipc, priorities, family_id, extra::text, source_hashes)::text), ',' ORDER BY id) FROM records
        """;

    [Fact]
    public async Task CreateImport_RealLegalStatusFile_RejectsDestroyedNumbers_AttachesIntactOnes_KeepsTheRestPending()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var overlap = Cn2017.At(Overlap);
        var three = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(overlap.Take(3)), "three-2017-records.csv");
        three.Str("status").ShouldBe("succeeded", three.ToString());
        var bibliographic = await App.ScalarAsync<string>(Bibliographic);
        var expected = Expectations();

        var imp = await RecordsApi.ImportAsync(bureau, RealFile);

        imp.Str("status").ShouldBe("completed_with_errors", imp.ToString()); // the destroyed numbers are rejected rows;
        imp.Str("format").ShouldBe("cnipa-legal-status"); // recognised by its header: never mapped as records
        imp.Long("rowsRead").ShouldBe(30_887);
        imp.Long("rejected").ShouldBe(expected.Destroyed);
        imp.Long("inserted").ShouldBe(expected.DistinctEvents);
        imp.Long("unchanged").ShouldBe(expected.Accepted - expected.DistinctEvents); // rows repeating an event of the file
        imp.Long("updated").ShouldBe(3);
        var legal = imp.GetProperty("legalStatus");
        legal.Long("attached").ShouldBe(3);
        legal.Long("pending").ShouldBe(expected.DistinctEvents - 3);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(3, "no record created");
        (await App.ScalarAsync<string>(Bibliographic)).ShouldBe(bibliographic, "bibliographic fields never overwritten");

        // destroyed numbers: rejected row by row, with the reason, never guessed
        var rejections = await bureau.GetFromJsonAsync<JsonElement>($"/api/imports/{imp.Long("id")}/rejections");
        var byRow = rejections.EnumerateArray().ToDictionary(r => r.Long("rowNumber"));
        byRow.Count.ShouldBe((int)expected.Destroyed);
        byRow.Values.ShouldAllBe(r => r.GetProperty("wholeRow").GetBoolean() && r.Str("field") == "applicationNumber");
        var scientific = byRow[expected.FirstScientificRow];
        scientific.Str("value")!.ShouldContain("E+");
        scientific.Str("reason")!.ShouldContain("科学计数法");
        ImportCsvTests.ShouldBeChinese(scientific.Str("reason"));
        var unprovable = byRow[expected.FirstShortWithoutCheckDigitRow]; // 2126894: zeros and check digit lost, nothing proves the padding
        unprovable.Str("value").ShouldBe("2126894");
        unprovable.Str("reason")!.ShouldContain("校验位");

        // a dropped leading zero restored where the check digit proves it: 106482.7 → 00106482.7
        (await App.ScalarAsync<string>("SELECT application_number FROM legal_status_events WHERE raw_application_number = '106482.7' AND number_restored"))
            .ShouldBe("00106482.7");
        (await App.ScalarAsync<long>("SELECT count(*) FROM legal_status_events WHERE number_restored")).ShouldBe(expected.Restored);

        // intact numbers attached: the record page's timeline shows the gazette's event; the status follows the events in date order
        var anonymous = App.CreateAnonymousClient();
        var examined = await RecordsApi.GetRecordAsync(anonymous, await IdOfAsync("201610702192.X"));
        var gazette = examined.GetProperty("timeline").EnumerateArray().Single(t => t.Str("source") == "gazette");
        (gazette.Str("code"), gazette.Str("date"), gazette.Str("statusText")).ShouldBe(("examination", "2016-12-28", "实质审查的生效"));
        gazette.Long("importId").ShouldBe(imp.Long("id"));
        var codes = examined.GetProperty("timeline").EnumerateArray().Select(t => t.Str("code")).ToList();
        codes.IndexOf("examination").ShouldBeLessThan(codes.IndexOf("granted")); // 2016-12-28 before the grant of 2017-05-24
        examined.Str("status").ShouldBe("in_force"); // an examination gazetted before the grant does not undo it
        examined.GetProperty("events").EnumerateArray().ShouldContain(e => e.Str("code") == "examination" && e.Str("date") == "2016-12-28");

        // re-importing the same file changes nothing
        var updatedAt = await App.ScalarAsync<string>("SELECT string_agg(updated_at::text, ',' ORDER BY id) FROM records");
        var again = await RecordsApi.ImportAsync(bureau, RealFile);
        again.Str("status").ShouldBe("completed_with_errors");
        (again.Long("inserted"), again.Long("updated"), again.Long("unchanged")).ShouldBe((0L, 0L, expected.Accepted));
        (await App.ScalarAsync<long>("SELECT count(*) FROM legal_status_events")).ShouldBe(expected.DistinctEvents);
        (await App.ScalarAsync<string>("SELECT string_agg(updated_at::text, ',' ORDER BY id) FROM records")).ShouldBe(updatedAt);

        // the pending events wait for their records and attach when a later import brings them
        var later = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(overlap.Skip(3)), "two-more-2017-records.csv");
        later.Str("status").ShouldBe("succeeded");
        later.Str("message")!.ShouldContain("挂接法律状态事件 2 条");
        var changed = await RecordsApi.GetRecordAsync(anonymous, await IdOfAsync("201410743002.X"));
        changed.GetProperty("timeline").EnumerateArray().ShouldContain(t => t.Str("source") == "gazette" && t.Str("code") == "bibliographic_changed");
        var first = await bureau.GetFromJsonAsync<JsonElement>($"/api/imports/{imp.Long("id")}");
        (first.GetProperty("legalStatus").Long("attached"), first.GetProperty("legalStatus").Long("pending")).ShouldBe((5L, expected.DistinctEvents - 5));
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(5);
    }

    [Fact]
    public async Task CreateImport_LegalStatusEvents_DeriveTheStatusInDateOrder_WithoutTouchingBibliographicData()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        // a granted application (the first B publication of the file: 201410000511.3) and a published one (the first row, an A publication)
        var granted = Cn2017.At(157_930)[0];
        var published = Cn2017.First(1)[0];
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv([granted, published]), "records.csv")).Str("status").ShouldBe("succeeded");
        (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE grant_number IS NOT NULL")).ShouldBe(1);
        var bibliographic = await App.ScalarAsync<string>(Bibliographic);
        var grantedNumber = await App.ScalarAsync<string>("SELECT application_number FROM records WHERE grant_number IS NOT NULL");
        var publishedNumber = await App.ScalarAsync<string>("SELECT application_number FROM records WHERE grant_number IS NULL");
        // the file lists the events newest first; the gazette dates decide
        var csv = new StringBuilder("\uFEFF" + Header + "\r\n")
            .Append($",{grantedNumber},2020.03.02,专利权的终止,未缴年费专利权终止\r\n")
            .Append($",{grantedNumber},2018.01.05,专利权质押合同登记的生效、变更及注销,专利权质押合同登记的生效\r\n")
            .Append($",{grantedNumber},2018.06.30,专利权质押合同登记的生效、变更及注销,专利权质押合同登记的注销\r\n")
            .Append($",{grantedNumber},2015.06.10,实质审查的生效,实质审查的生效\r\n")
            .Append($",{publishedNumber},2019.05.01,发明专利申请公布后的视为撤回,发明专利申请公布后的视为撤回\r\n")
            .Append($",{publishedNumber},2019.05.01,某种新的法律状态,\r\n")
            .Append($",{publishedNumber},2019-13-45,专利权的终止,未缴年费专利权终止\r\n")
            .ToString();
        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(csv), "legal.csv", format: "cnipa-legal-status");
        imp.Str("status").ShouldBe("completed_with_errors", imp.ToString());
        (imp.Long("inserted"), imp.Long("updated"), imp.Long("rejected")).ShouldBe((6L, 2L, 1L));

        var anonymous = App.CreateAnonymousClient();
        var lapsed = await RecordsApi.GetRecordAsync(anonymous, await IdOfAsync(grantedNumber!));
        (lapsed.Str("status"), lapsed.Str("statusName"), lapsed.GetProperty("timeline").EnumerateArray().Last().Str("code")).ShouldBe(("lapsed", "失效（未缴年费等）", "terminated"));
        lapsed.GetProperty("timeline").EnumerateArray().Select(t => t.Str("date")).ShouldBeInOrder();
        lapsed.GetProperty("timeline").EnumerateArray().Where(t => t.Str("source") == "gazette").Select(t => t.Str("code"))
            .ShouldBe(["examination", "pledged", "pledge_released", "terminated"]);
        var withdrawn = await RecordsApi.GetRecordAsync(anonymous, await IdOfAsync(publishedNumber!));
        withdrawn.Str("status").ShouldBe("withdrawn");
        withdrawn.GetProperty("timeline").EnumerateArray().ShouldContain(t => t.Str("code") == "other" && t.Str("statusText") == "某种新的法律状态");
        (await App.ScalarAsync<string>(Bibliographic)).ShouldBe(bibliographic);

        // the indicators count lapses from records.events: the gazette's termination is one of them
        (await App.ScalarAsync<long>($"""
            SELECT count(*) FROM records r WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(r.events) e WHERE e->>'code' IN ({IndicatorComputer.LapseEvents}))
            """)).ShouldBe(2);
        // the transactions registries' view: the pledge and its release, with the gazette's text
        (await App.ScalarAsync<string>("SELECT string_agg(kind || ':' || code || ':' || info_text, ',' ORDER BY event_date) FROM records_transaction_events"))
            .ShouldBe("pledge:pledged:专利权质押合同登记的生效,pledge:pledge_released:专利权质押合同登记的注销");
        var rejection = (await bureau.GetFromJsonAsync<JsonElement>($"/api/imports/{imp.Long("id")}/rejections")).EnumerateArray().Single();
        (rejection.Str("field"), rejection.Str("value")).ShouldBe(("eventDate", "2019-13-45"));
    }

    private async Task<long> IdOfAsync(string applicationNumber) =>
        await App.ScalarAsync<long>("SELECT id FROM records WHERE application_number = $1", applicationNumber);

    private sealed record Expected(long Destroyed, long Accepted, long DistinctEvents, long Restored, long FirstScientificRow, long FirstShortWithoutCheckDigitRow);

    /// <summary>What the file holds, counted here independently of the importer: destroyed numbers, restorable ones, distinct events.</summary>
    private static Expected Expectations()
    {
        var lines = File.ReadAllLines(TestData.File(RealFile), Encoding.UTF8);
        long destroyed = 0, accepted = 0, firstScientific = 0, firstShort = 0;
        var events = new HashSet<string>();
        var restoredEvents = new HashSet<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            var number = f[1];
            var row = i + 1;
            if (number.Contains("E+"))
            {
                destroyed++;
                if (firstScientific == 0) firstScientific = row;
                continue;
            }
            var m = ShortNumber().Match(number);
            if (m.Success && m.Groups[2].Length == 0)
            {
                destroyed++;
                if (firstShort == 0) firstShort = row;
                continue;
            }
            var canonical = number;
            if (m.Success)
            {
                var padded = m.Groups[1].Value.PadLeft(8, '0');
                CheckDigit(padded).ShouldBe(m.Groups[2].Value[1], "every short number of the file verifies once padded");
                canonical = padded + m.Groups[2].Value;
                restoredEvents.Add(string.Join('|', canonical, f[2], f[3], f[4], f[0]));
            }
            else if (!canonical.Contains('.')) canonical += "." + CheckDigit(canonical);
            accepted++;
            events.Add(string.Join('|', canonical, f[2], f[3], f[4], f[0]));
        }
        return new Expected(destroyed, accepted, events.Count, restoredEvents.Count, firstScientific, firstShort);
    }

    private static char CheckDigit(string digits)
    {
        int[] w12 = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = digits.Select((c, i) => (c - '0') * (digits.Length == 12 ? w12[i] : i + 2)).Sum();
        return sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
    }

    [GeneratedRegex(@"^(\d{1,7})(\.[\dX])?$")]
    private static partial Regex ShortNumber();
}

internal static class OrderAssertions
{
    public static void ShouldBeInOrder(this IEnumerable<string?> dates) =>
        dates.Select(d => d ?? "9999").ShouldBe(dates.Select(d => d ?? "9999").Order(StringComparer.Ordinal));
}
