using System.Net;
using System.Text;
using System.Text.Json;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Platform.Mail;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>One line of a briefing: what happened, a detail, the page that shows it, its date.</summary>
public sealed record BriefingItem(string Title, string? Detail, string? Link, DateOnly? Date);

/// <summary>A section of a briefing: how many things happened in the period and the first of them; a note says what it counts.</summary>
public sealed record BriefingSection(string Key, string Name, int Total, IReadOnlyList<BriefingItem> Items, string Note);

/// <summary>A briefing's content as the in-app page shows it and the e-mail renders it.</summary>
public sealed record BriefingContent(string Title, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<BriefingSection> Sections, int ItemCount)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string ToJson() => JsonSerializer.Serialize(this, Json);
    public static BriefingContent Parse(string json) => JsonSerializer.Deserialize<BriefingContent>(json, Json)!;
}

/// <summary>
/// Puts a briefing together from what the platform recorded in a period (ADR 0054): the alerts of the watches the user sees,
/// the records the data centre received matching the subscription's industry search, the 公示 and published cases, and the
/// programme calls published (and those closing soon). Renders it as the e-mail (HTML and text) with links to the platform.
/// </summary>
public sealed class BriefingComposer(NpgsqlDataSource data, ZhichanOptions options, Records.RecordsReference reference)
{
    /// <summary>The most lines a section lists; its total counts them all.</summary>
    public const int MaxItems = 10;

    /// <summary>Open calls closing within this many days after the briefing are listed again as a reminder.</summary>
    public const int ClosingSoonDays = 14;

    private sealed record Owner(long Id, string Role, string DisplayName);

    public async Task<BriefingContent> ComposeAsync(BriefingSubscription s, DateOnly start, DateOnly end, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        var owner = await conn.QuerySingleAsync<Owner>(new CommandDefinition(
            "SELECT id, role, display_name FROM users WHERE id = @id", new { id = s.UserId }, cancellationToken: ct));
        var from = BriefingPeriods.Instant(start);
        var to = BriefingPeriods.Instant(end);
        var sections = new List<BriefingSection>();
        if (s.IncludeWatches) sections.Add(await WatchesAsync(conn, owner, from, to, ct));
        if (s.IncludeFilings) sections.Add(await FilingsAsync(conn, s, from, to, ct));
        if (s.IncludeNotices) sections.Add(await NoticesAsync(conn, start, end, from, to, ct));
        if (s.IncludeCalls) sections.Add(await CallsAsync(conn, from, to, end, ct));
        var title = $"{s.Name}（{Period(s.Frequency, start, end)}）";
        return new BriefingContent(title, start, end, sections, sections.Sum(x => x.Total));
    }

    public static string Period(string frequency, DateOnly start, DateOnly end) =>
        $"{start:yyyy年M月d日}—{end.AddDays(-1):yyyy年M月d日}";

    private sealed record HitRow(long Id, DateTime At, string Summary, string Link, string WatchName);

    private static async Task<BriefingSection> WatchesAsync(NpgsqlConnection conn, Owner owner, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var staff = owner.Role is Roles.Admin or Roles.Bureau;
        const string where = """
            FROM watch_hits h JOIN watches w ON w.id = h.watch_id
            WHERE (w.owner_id = @user OR (w.bureau_wide AND @staff)) AND h.at >= @from AND h.at < @to
            """;
        var args = new { user = owner.Id, staff, from, to, max = MaxItems };
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*)::int {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<HitRow>(new CommandDefinition(
            $"SELECT h.id, h.at, h.summary, h.link, w.name AS watch_name {where} ORDER BY h.at DESC, h.id DESC LIMIT @max", args, cancellationToken: ct));
        return new BriefingSection(BriefingSections.Watches, BriefingSections.Names[BriefingSections.Watches], total,
            [.. rows.Select(r => new BriefingItem($"{r.WatchName}：{r.Summary}", null, r.Link, DateOnly.FromDateTime(ChinaTime.Of(new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))))))],
            "本期内您的监控（知识产权局用户含全局监控）产生的预警");
    }

    private sealed record RecordRow(long Id, string? ApplicationNumber, string? Title, string? FirstApplicant, DateOnly? ApplicationDate);

    private async Task<BriefingSection> FilingsAsync(NpgsqlConnection conn, BriefingSubscription s, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var filter = await RecordFilter.CreateAsync(FilingsFilter(s), data, ct);
        var a = filter.Param(from);
        var b = filter.Param(to);
        var where = $"{filter.Where} AND r.created_at >= {a} AND r.created_at < {b}";
        await using var count = new NpgsqlCommand($"SELECT count(*)::int FROM records r WHERE {where}", conn);
        foreach (var p in filter.Parameters) count.Parameters.Add(p.Clone());
        var total = (int)(await count.ExecuteScalarAsync(ct))!;
        await using var list = new NpgsqlCommand($"""
            SELECT r.id, r.application_number, r.title, r.first_applicant, r.application_date FROM records r WHERE {where}
            ORDER BY r.application_date DESC NULLS LAST, r.id DESC LIMIT {MaxItems}
            """, conn);
        foreach (var p in filter.Parameters) list.Parameters.Add(p.Clone());
        var items = new List<BriefingItem>();
        await using (var r = await list.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var row = new RecordRow(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4));
                items.Add(new BriefingItem(row.Title ?? row.ApplicationNumber ?? $"记录 {row.Id}",
                    string.Join(" · ", new[] { row.ApplicationNumber, row.FirstApplicant }.Where(x => !string.IsNullOrWhiteSpace(x))), $"/records/{row.Id}", row.ApplicationDate));
            }
        return new BriefingSection(BriefingSections.Filings, BriefingSections.Names[BriefingSections.Filings], total, items,
            "本期新进入数据中心、符合订阅条件（" + await DescribeAsync(conn, s, ct) + "）的专利记录，按申请日排列");
    }

    /// <summary>The records search the filings section runs (the subscription's expression, industry and region).</summary>
    public static RecordFilterParams FilingsFilter(BriefingSubscription s) => new() { Q = s.FilingsQ, Industry = s.Industry, Region = s.RegionCode };

    /// <summary>The subscription's filings condition in words (region and industry by their names).</summary>
    public async Task<string> DescribeAsync(NpgsqlConnection conn, BriefingSubscription s, CancellationToken ct)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(s.FilingsQ)) parts.Add($"检索式 {s.FilingsQ}");
        if (!string.IsNullOrWhiteSpace(s.Industry))
            parts.Add("行业 " + (reference.IndustryNames.TryGetValue(s.Industry, out var n) ? $"{n}（{s.Industry}）" : s.Industry));
        if (!string.IsNullOrWhiteSpace(s.RegionCode))
            parts.Add("地区 " + (await conn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM ref_regions WHERE code = @code",
                new { code = s.RegionCode }, cancellationToken: ct)) ?? s.RegionCode));
        return parts.Count == 0 ? "全部记录" : string.Join("，", parts);
    }

    private sealed record NoticeRow(long Id, string Kind, string Title, DateOnly Day, DateOnly? Until);

    private static async Task<BriefingSection> NoticesAsync(NpgsqlConnection conn, DateOnly start, DateOnly end, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<NoticeRow>(new CommandDefinition("""
            SELECT c.id, 'publicity' AS kind, c.title || CASE WHEN c.is_example AND position('示例' IN c.title) = 0 THEN '（示例）' ELSE '' END AS title, c.publicity_from AS day, c.publicity_to AS until
            FROM programme_calls c
            WHERE c.publicity_from >= @start AND c.publicity_from < @end AND c.published_at IS NOT NULL AND c.status <> 'cancelled'
            UNION ALL
            SELECT d.id, d.kind, d.title, (d.published_at AT TIME ZONE 'Asia/Shanghai')::date, NULL
            FROM protection_disclosures d WHERE d.published_at >= @from AND d.published_at < @to AND d.withdrawn_at IS NULL
            ORDER BY day DESC, id DESC
            """, new { start, end, from, to }, cancellationToken: ct))).ToList();
        var items = rows.Take(MaxItems).Select(r => r.Kind switch
        {
            "publicity" => new BriefingItem($"{r.Title} 拟立项/认定名单公示", r.Until is { } u ? $"公示期至 {u:yyyy-MM-dd}，期内可在线提出异议" : null, "/programme-notices", r.Day),
            "typical_case" => new BriefingItem(r.Title, "知识产权保护典型案例", $"/typical-cases/{r.Id}", r.Day),
            _ => new BriefingItem(r.Title, "行政处罚决定公开", "/disclosures", r.Day),
        }).ToList();
        return new BriefingSection(BriefingSections.Notices, BriefingSections.Names[BriefingSections.Notices], rows.Count, items,
            "本期开始的申报评审公示、公开的典型案例和行政处罚决定");
    }

    private sealed record CallRow(long Id, string Title, bool IsExample, DateOnly ApplyFrom, DateOnly ApplyTo, bool New);

    private static async Task<BriefingSection> CallsAsync(NpgsqlConnection conn, DateTimeOffset from, DateTimeOffset to, DateOnly end, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<CallRow>(new CommandDefinition("""
            SELECT c.id, c.title, c.is_example, c.apply_from, c.apply_to, c.published_at >= @from AND c.published_at < @to AS new
            FROM programme_calls c
            WHERE c.published_at IS NOT NULL AND c.status IN ('open', 'closed')
              AND ((c.published_at >= @from AND c.published_at < @to)
                   OR (c.status = 'open' AND c.apply_to >= @end AND c.apply_to < @end + @soon))
            ORDER BY new DESC, c.apply_to, c.id
            """, new { from, to, end, soon = ClosingSoonDays }, cancellationToken: ct))).ToList();
        var items = rows.Take(MaxItems).Select(r => new BriefingItem(
            r.Title + (r.IsExample && !r.Title.Contains("示例") ? "（示例）" : ""),
            (r.New ? "新发布" : "即将截止") + $"，申报时间 {r.ApplyFrom:yyyy-MM-dd} 至 {r.ApplyTo:yyyy-MM-dd}", "/programmes/public", r.ApplyFrom)).ToList();
        return new BriefingSection(BriefingSections.Calls, BriefingSections.Names[BriefingSections.Calls], rows.Count, items,
            $"本期发布的项目申报通知，以及 {ClosingSoonDays} 天内截止的在申报项目");
    }

    /// <summary>The e-mail body as plain text.</summary>
    public string Text(BriefingContent c)
    {
        var sb = new StringBuilder().Append(c.Title).Append("\n\n");
        foreach (var s in c.Sections)
        {
            sb.Append($"【{s.Name}】共 {s.Total} 项\n");
            if (s.Total == 0) sb.Append("本期没有新的内容。\n");
            foreach (var i in s.Items)
                sb.Append("· ").Append(i.Title).Append(i.Detail is { Length: > 0 } d ? $"（{d}）" : "")
                    .Append(MailTemplate.LinkOf(i.Link, options.Mail) is { } url ? $" {url}" : "").Append('\n');
            if (s.Total > s.Items.Count) sb.Append($"……另有 {s.Total - s.Items.Count} 项，请登录平台查看。\n");
            sb.Append('\n');
        }
        return sb.Append("—\n").Append(Footer).ToString();
    }

    public const string Footer = "此简报由知产平台按您的订阅自动生成，请勿直接回复。可在平台“分析预警 · 订阅与简报”中修改或退订。";

    /// <summary>The e-mail body as HTML (inline styles only: mail clients drop style sheets), links absolute when ZHICHAN_PUBLIC_URL is set.</summary>
    public string Html(BriefingContent c, long? briefingId)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder();
        sb.Append($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{E(c.Title)}</title></head>
            <body style="margin:0;background:#f4f6f9;font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#1f2d3d">
            <div style="max-width:680px;margin:24px auto;background:#fff;border:1px solid #e4e8ee;border-radius:6px">
            <div style="padding:14px 24px;background:#1f5fbf;color:#fff;font-size:16px">知产 · 知识产权简报</div>
            <div style="padding:24px">
            <h1 style="font-size:18px;margin:0 0 8px">{E(c.Title)}</h1>
            <p style="margin:0 0 16px;color:#5a6b7f">本期共 {c.ItemCount} 项更新</p>
            """);
        foreach (var s in c.Sections)
        {
            sb.Append($"<h2 style=\"font-size:16px;margin:20px 0 6px;border-left:4px solid #1f5fbf;padding-left:8px\">{E(s.Name)}（{s.Total}）</h2>");
            sb.Append($"<p style=\"margin:0 0 8px;color:#8492a6;font-size:12px\">{E(s.Note)}</p>");
            if (s.Total == 0) { sb.Append("<p style=\"margin:0 0 8px;color:#5a6b7f\">本期没有新的内容。</p>"); continue; }
            sb.Append("<ul style=\"margin:0 0 8px;padding-left:20px;line-height:1.7\">");
            foreach (var i in s.Items)
            {
                var url = MailTemplate.LinkOf(i.Link, options.Mail);
                var title = url is null ? E(i.Title) : $"<a href=\"{E(url)}\" style=\"color:#1f5fbf\">{E(i.Title)}</a>";
                var date = i.Date is { } d ? $"<span style=\"color:#8492a6\"> {d:yyyy-MM-dd}</span>" : "";
                var detail = i.Detail is { Length: > 0 } t ? $"<br><span style=\"color:#5a6b7f;font-size:13px\">{E(t)}</span>" : "";
                sb.Append($"<li>{title}{date}{detail}</li>");
            }
            sb.Append("</ul>");
            if (s.Total > s.Items.Count) sb.Append($"<p style=\"margin:0 0 8px;color:#5a6b7f\">……另有 {s.Total - s.Items.Count} 项，请登录平台查看。</p>");
        }
        var page = briefingId is { } id ? MailTemplate.LinkOf($"/analysis/briefings/{id}", options.Mail) : null;
        if (page is not null)
            sb.Append($"<p style=\"margin:20px 0\"><a href=\"{E(page)}\" style=\"background:#1f5fbf;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none\">在平台中查看本期简报</a></p>");
        sb.Append($"""
            </div>
            <div style="padding:12px 24px;border-top:1px solid #e4e8ee;color:#8492a6;font-size:12px">{E(Footer)}</div>
            </div></body></html>
            """);
        return sb.ToString();
    }
}
