using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Notifications;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>The app with SMTP pointed at a real SMTP server on loopback (<see cref="SmtpSink"/>); only the demo accounts are loaded.</summary>
public class MailFactory : ZhichanFactory, IAsyncLifetime
{
    public SmtpSink Sink { get; } = new();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_SMTP_HOST"] = "127.0.0.1", ["ZHICHAN_SMTP_PORT"] = Sink.Port.ToString(), ["ZHICHAN_SMTP_SECURITY"] = "none",
        ["ZHICHAN_MAIL_FROM"] = "知产平台 <noreply@ip.example.gov.cn>", ["ZHICHAN_PUBLIC_URL"] = "https://ip.example.gov.cn/",
        ["ZHICHAN_MAIL_INTERVAL_MINUTES"] = "0", ["ZHICHAN_MAIL_MAX_ATTEMPTS"] = "2",
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(Zhichan.Api.Platform.IStartupTask)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Admin.DemoAccounts)).ToList())
                services.Remove(d);
        });
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public class MailTests(MailFactory app) : IntegrationTest<MailFactory>(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.Sink.Clear();
    }

    private async Task NotifyUnitOfAsync(string username, string title, string body, string link)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var unit = await App.ScalarAsync<long>("SELECT org_unit_id FROM users WHERE username = $1", username);
        await Notifier.ToUnitAsync(db, unit, new NotificationMessage("test.mail", title, body, link), CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private async Task<JsonElement> SendNowAsync(HttpClient admin)
    {
        var res = await admin.PostAsync("/api/admin/mail/send", null);
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return await res.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Notification_ToUnit_IsMailedOnceToUsersWithAnAddress_InChinese_WithTheLink()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var id = await App.ScalarAsync<long>("SELECT id FROM users WHERE username = 'hengrui'");
        var unit = await App.ScalarAsync<long>("SELECT org_unit_id FROM users WHERE username = 'hengrui'");
        var put = await admin.PutAsJsonAsync($"/api/admin/users/{id}", new { displayName = "恒瑞联络员", role = "enterprise", orgUnitId = unit, email = "ip@hengrui.example.com", isActive = true });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        await NotifyUnitOfAsync("hengrui", "托管权利年费将于 30 天内到期", "专利 ZL201710447290.8 的第 8 年年费应于 2027-01-05 前缴纳。\n请及时办理。", "/transactions/custody");
        var pass = await SendNowAsync(admin);
        pass.GetProperty("queued").GetInt32().ShouldBe(1);
        pass.GetProperty("sent").GetInt32().ShouldBe(1);

        var msg = App.Sink.Received.ShouldHaveSingleItem();
        msg.Subject.ShouldBe("托管权利年费将于 30 天内到期");
        msg.To.Mailboxes.Single().Address.ShouldBe("ip@hengrui.example.com");
        msg.From.Mailboxes.Single().Name.ShouldBe("知产平台");
        msg.TextBody!.ShouldContain("第 8 年年费");
        msg.TextBody!.ShouldContain("https://ip.example.gov.cn/transactions/custody");
        msg.HtmlBody!.ShouldContain("href=\"https://ip.example.gov.cn/transactions/custody\"");
        msg.HtmlBody!.ShouldContain("<p style=\"margin:0 0 12px;line-height:1.7\">请及时办理。</p>");

        // a second pass sends nothing again
        var again = await SendNowAsync(admin);
        again.GetProperty("queued").GetInt32().ShouldBe(0);
        again.GetProperty("sent").GetInt32().ShouldBe(0);
        App.Sink.Received.Count.ShouldBe(1);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/mail?status=sent");
        list.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        list.GetProperty("counts").GetProperty("sent").GetInt64().ShouldBe(1);
        list.GetProperty("items")[0].GetProperty("statusName").GetString().ShouldBe("已发送");
    }

    [Fact]
    public async Task OptedOutUser_GetsNoMail_ButStillTheInAppNotification()
    {
        await App.ExecuteAsync("UPDATE users SET email = 'ip@hengrui.example.com' WHERE username = 'hengrui'");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var set = await hengrui.PutAsJsonAsync("/api/auth/email-notifications", new { enabled = false });
        var settings = await set.Content.ReadFromJsonAsync<JsonElement>();
        settings.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        settings.GetProperty("serverConfigured").GetBoolean().ShouldBeTrue();
        settings.GetProperty("email").GetString().ShouldBe("ip@hengrui.example.com");

        await NotifyUnitOfAsync("hengrui", "备案已受理", "您的备案已受理。", "/transactions/filings");
        var pass = await SendNowAsync(await App.CreateClientAsAsync("admin"));
        pass.GetProperty("queued").GetInt32().ShouldBe(0);
        App.Sink.Received.ShouldBeEmpty();
        var inbox = await hengrui.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count");
        inbox.GetProperty("count").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task RefusedRecipient_FailsAtOnce_TransientRefusal_IsRetriedThenGivenUp_AdminCanRetry()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var refused = await admin.PostAsJsonAsync("/api/admin/mail/test", new { to = "reject@example.com" });
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failed").GetInt32().ShouldBe(1);
        var busy = await admin.PostAsJsonAsync("/api/admin/mail/test", new { to = "later@example.com" });
        (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retrying").GetInt32().ShouldBe(1);

        var failed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/mail?status=failed");
        var row = failed.GetProperty("items").EnumerateArray().Single();
        row.GetProperty("toAddress").GetString().ShouldBe("reject@example.com");
        row.GetProperty("lastError").GetString()!.ShouldContain("拒收（550）");
        var pending = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/mail?status=pending")).GetProperty("items").EnumerateArray().Single();
        pending.GetProperty("attempts").GetInt32().ShouldBe(1);
        pending.GetProperty("nextAttemptAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        // the retry falls due; the second attempt is the last (ZHICHAN_MAIL_MAX_ATTEMPTS = 2)
        await App.ExecuteAsync("UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'pending'");
        (await SendNowAsync(admin)).GetProperty("failed").GetInt32().ShouldBe(1);
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/mail")).GetProperty("counts").GetProperty("failed").GetInt64().ShouldBe(2);

        var retry = await admin.PostAsync($"/api/admin/mail/{row.GetProperty("id").GetInt64()}/retry", null);
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("pending");
        App.Sink.Received.ShouldBeEmpty();

        var bad = await admin.PostAsJsonAsync("/api/admin/mail/test", new { to = "不是邮箱" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("请填写有效的邮箱地址");
        (await (await App.CreateClientAsAsync("bureau")).GetAsync("/api/admin/mail")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
