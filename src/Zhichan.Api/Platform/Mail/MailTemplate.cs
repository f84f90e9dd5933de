using System.Net;

namespace Zhichan.Api.Platform.Mail;

/// <summary>
/// The one layout of the platform's e-mails: a header with the platform's name, the title, the body paragraphs, a button to the
/// page in the platform (absolute when ZHICHAN_PUBLIC_URL is set), and a footer saying why the message came and how to stop it.
/// Inline styles only: mail clients drop style sheets.
/// </summary>
public static class MailTemplate
{
    public const string Footer = "此邮件由知产平台自动发送，请勿直接回复。如不希望接收邮件通知，可在平台“账户安全”中关闭。";

    public static string? LinkOf(string? path, MailOptions o) =>
        path is null ? null : path.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? path : o.PublicUrl is { } root ? root + path : null;

    public static string Text(string body, string? link, MailOptions o) =>
        body + (LinkOf(link, o) is { } url ? $"\n\n查看详情：{url}" : link is not null ? $"\n\n请登录平台查看（{link}）" : "") + "\n\n—\n" + Footer;

    public static string Html(string title, string body, string? link, MailOptions o)
    {
        var paragraphs = string.Concat(body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => $"<p style=\"margin:0 0 12px;line-height:1.7\">{WebUtility.HtmlEncode(p)}</p>"));
        var url = LinkOf(link, o);
        var button = url is null ? "" :
            $"<p style=\"margin:20px 0\"><a href=\"{WebUtility.HtmlEncode(url)}\" style=\"background:#1f5fbf;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none\">在平台中查看</a></p>";
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="margin:0;background:#f4f6f9;font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#1f2d3d">
            <div style="max-width:640px;margin:24px auto;background:#fff;border:1px solid #e4e8ee;border-radius:6px">
            <div style="padding:14px 24px;background:#1f5fbf;color:#fff;font-size:16px">知产 · 知识产权强市建设工作平台</div>
            <div style="padding:24px">
            <h1 style="font-size:18px;margin:0 0 16px">{WebUtility.HtmlEncode(title)}</h1>
            {paragraphs}{button}
            </div>
            <div style="padding:12px 24px;border-top:1px solid #e4e8ee;color:#8492a6;font-size:12px">{WebUtility.HtmlEncode(Footer)}</div>
            </div></body></html>
            """;
    }
}
