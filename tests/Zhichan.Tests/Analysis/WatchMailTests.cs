using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Analysis.AnalysisTestData;
using static Zhichan.Tests.Analysis.WatchesApi;

namespace Zhichan.Tests.Analysis;

/// <summary>The app with SMTP pointed at the loopback sink (as the mail tests configure it), for the watches' e-mail.</summary>
public class WatchMailFactory : ZhichanFactory, IAsyncLifetime
{
    public SmtpSink Sink { get; } = new();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_SMTP_HOST"] = "127.0.0.1", ["ZHICHAN_SMTP_PORT"] = Sink.Port.ToString(), ["ZHICHAN_SMTP_SECURITY"] = "none",
        ["ZHICHAN_MAIL_FROM"] = "知产平台 <noreply@ip.example.gov.cn>", ["ZHICHAN_PUBLIC_URL"] = "https://ip.example.gov.cn/",
        ["ZHICHAN_MAIL_INTERVAL_MINUTES"] = "0",
    };

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

/// <summary>An alert reaches the owner by e-mail when they have an address and e-mail notifications on (ADR 0046), and not when they turned them off.</summary>
public class WatchMailTests(WatchMailFactory app) : IntegrationTest<WatchMailFactory>(app)
{
    [Fact]
    public async Task Alert_IsMailedToTheOwnerWithEmailOn_WithTheLinkToItsEvidence()
    {
        App.Sink.Clear();
        await App.ExecuteAsync("UPDATE users SET email = 'ip@hengrui.example.com', notify_by_email = true WHERE username = 'hengrui'");
        await App.ExecuteAsync("UPDATE users SET email = 'staff@ip.example.gov.cn', notify_by_email = false WHERE username = 'bureau'");
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var watch = await CreateAsync(hengrui, new { kind = "search", name = "恒瑞医药新申请", q = "恒瑞医药" });
        var quiet = await CreateAsync(bureau, new { kind = "search", name = "局里的检索", q = "恒瑞医药" });

        await ImportAsync(bureau, HengruiLater, "hengrui-later.csv");
        await EvaluateAsync(bureau);
        var hit = (await HitsAsync(hengrui, watch.GetProperty("id").GetInt64())).ShouldHaveSingleItem();
        (await HitsAsync(bureau, quiet.GetProperty("id").GetInt64())).ShouldHaveSingleItem();

        var res = await admin.PostAsync("/api/admin/mail/send", null);
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        var msg = App.Sink.Received.ShouldHaveSingleItem(); // the bureau user turned e-mail off: in-app only
        msg.Subject.ShouldBe("监控预警：恒瑞医药新申请");
        msg.To.Mailboxes.Single().Address.ShouldBe("ip@hengrui.example.com");
        msg.TextBody!.ShouldContain("导入后新增 5 条符合检索式的记录");
        msg.HtmlBody!.ShouldContain($"href=\"https://ip.example.gov.cn/analysis/watches/{watch.GetProperty("id").GetInt64()}?hit={hit.GetProperty("id").GetInt64()}\"");
        var inbox = await bureau.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("type").GetString() == "analysis.watch");
    }
}
