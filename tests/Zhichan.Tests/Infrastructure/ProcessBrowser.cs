using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Infrastructure;

/// <summary>A browser's cookie jar and antiforgery token, sent to whichever instance a request goes to.</summary>
public sealed class ProcessBrowser
{
    private static readonly HttpClient Http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> _cookies = [];
    private string? _xsrf;

    public async Task<HttpResponseMessage> SendAsync(AppProcess to, HttpMethod method, string path, object? json = null, string? forwardedFor = null, HttpContent? content = null)
    {
        var req = new HttpRequestMessage(method, to.BaseUrl + path) { Content = content ?? (json is null ? null : JsonContent.Create(json)) };
        if (_cookies.Count > 0) req.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        if (_xsrf is not null) req.Headers.Add("X-XSRF-TOKEN", _xsrf);
        if (forwardedFor is not null) req.Headers.Add("X-Forwarded-For", forwardedFor);
        var res = await Http.SendAsync(req);
        if (res.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var c in set)
            {
                var pair = c.Split(';')[0];
                var eq = pair.IndexOf('=');
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        return res;
    }

    public async Task SignInAsync(AppProcess on, string username, string password = ZhichanFactory.Password, string? forwardedFor = null)
    {
        var res = await SendAsync(on, HttpMethod.Post, "/api/auth/login", new { username, password }, forwardedFor);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        _xsrf = JsonDocument.Parse(text).RootElement.GetProperty("csrfToken").GetString();
    }

    public async Task<HttpStatusCode> MeAsync(AppProcess on) => (await SendAsync(on, HttpMethod.Get, "/api/auth/me")).StatusCode;
}
