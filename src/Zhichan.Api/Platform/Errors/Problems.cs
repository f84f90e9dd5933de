using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Zhichan.Api.Platform.Errors;

/// <summary>A request that fails validation: field → Chinese messages. Becomes a 400 validation problem.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "请求参数有误")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Members added to the problem beside the field errors (e.g. where in a search expression the error is).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    public RequestValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}

/// <summary>A domain rule refusing the request: becomes a problem with the given status (409 conflict by default).</summary>
public sealed class DomainException(string message, int status = StatusCodes.Status409Conflict, string? title = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title ?? (status == 404 ? "未找到" : status == 409 ? "操作冲突" : "请求无法处理");
}

/// <summary>
/// Collects field errors and throws them together. Format checks test the length first and use regexes that cannot
/// backtrack (<see cref="RegexOptions.NonBacktracking"/>), so no input makes them slow (ADR 0014).
/// </summary>
public sealed class Validation
{
    public const int MaxEmailLength = 254, MaxUrlLength = 2000;

    private static readonly Regex EmailPattern = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private readonly Dictionary<string, List<string>> _errors = [];

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var l)) _errors[field] = l = [];
        l.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, string label) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, $"{label}不能为空") : this;

    public Validation MaxLength(string field, string? value, int max, string label) =>
        value is not null && value.Length > max ? Add(field, $"{label}不能超过 {max} 个字符") : this;

    public Validation OneOf(string field, string? value, IEnumerable<string> allowed, string label)
    {
        var list = allowed.ToList();
        return value is not null && !list.Contains(value) ? Add(field, $"{label}“{value}”无效，应为：{string.Join("、", list)}") : this;
    }

    /// <summary>An optional e-mail address: at most 254 characters, one @, a dot in the domain.</summary>
    public Validation Email(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return this;
        var v = value.Trim();
        return v.Length > MaxEmailLength ? Add(field, $"{label}不能超过 {MaxEmailLength} 个字符")
            : !EmailPattern.IsMatch(v) ? Add(field, $"{label}“{Shorten(v)}”格式不正确") : this;
    }

    /// <summary>An optional web address: http or https only (no javascript:, data: or file: links), at most 2,000 characters.</summary>
    public Validation Url(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return this;
        var v = value.Trim();
        if (v.Length > MaxUrlLength) return Add(field, $"{label}不能超过 {MaxUrlLength} 个字符");
        return Uri.TryCreate(v, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? this : Add(field, $"{label}应为以 http:// 或 https:// 开头的网址");
    }

    /// <summary>Text without control characters (NUL and the like, which the database refuses); tabs and line breaks are allowed.</summary>
    public Validation PlainText(string field, string? value, string label) =>
        value is not null && value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? Add(field, $"{label}含有不可见的控制字符，请删除后重试") : this;

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    public bool IsValid => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

/// <summary>
/// Turns exceptions into RFC 7807 problem details: validation → 400 with field errors, unique violation → 409,
/// malformed requests → 400, the database unavailable or read-only → 503 with Retry-After (ADR 0063), anything else → 500
/// logged with the correlation id that the response carries.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception ex, CancellationToken ct)
    {
        ProblemDetails pd;
        switch (ex)
        {
            case RequestValidationException v:
                pd = new ValidationProblemDetails(v.Errors) { Status = 400, Title = "请求参数有误", Detail = v.Message };
                foreach (var (key, value) in v.Extensions) pd.Extensions[key] = value;
                break;
            case DomainException d:
                pd = new ProblemDetails { Status = d.Status, Title = d.Title, Detail = d.Message };
                break;
            case BadHttpRequestException b:
                pd = new ProblemDetails { Status = b.StatusCode, Title = "请求格式错误", Detail = BadRequestDetail(b) };
                break;
            case var _ when Unique(ex) is { } pg:
                pd = new ProblemDetails { Status = 409, Title = "数据已存在", Detail = $"与已有数据重复（{pg.ConstraintName}），未作修改" };
                break;
            case OperationCanceledException when ctx.RequestAborted.IsCancellationRequested:
                return true;
            case var _ when DatabaseUnavailable.Is(ex):
                // the database restarting, unreachable or read-only: a moment's unavailability, not a fault of the request (ADR 0063)
                log.LogWarning("Database unavailable for {Method} {Path}, correlation {Correlation}: {Message}", ctx.Request.Method, ctx.Request.Path,
                    ctx.Items[CorrelationMiddleware.ItemKey], ex.GetBaseException().Message);
                ctx.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                pd = new ProblemDetails { Status = 503, Title = "服务暂时不可用", Detail = "数据库暂时不可用（正在重启、切换或只读），请稍后重试" };
                break;
            default:
                log.LogError(ex, "Unhandled exception for {Method} {Path}, correlation {Correlation}", ctx.Request.Method, ctx.Request.Path,
                    ctx.Items[CorrelationMiddleware.ItemKey]);
                pd = new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = $"服务器处理请求时出错，请联系管理员并提供关联编号 {ctx.Items[CorrelationMiddleware.ItemKey]}" };
                break;
        }
        ctx.Response.StatusCode = pd.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = pd, Exception = ex });
    }

    private static PostgresException? Unique(Exception ex) =>
        ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p => p,
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p } => p,
            _ => null,
        };

    private static string BadRequestDetail(BadHttpRequestException b) =>
        b.InnerException is System.Text.Json.JsonException j
            ? $"请求体不是有效的 JSON（{j.Path}）"
            : b.Message.Contains("Required parameter", StringComparison.Ordinal) ? "缺少必需的参数：" + b.Message
            : b.Message.Contains("Failed to bind parameter", StringComparison.Ordinal) ? "参数格式错误：" + b.Message
            : b.Message.Contains("Implicit body inferred", StringComparison.Ordinal) || b.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "请求体缺失或格式错误"
            : b.Message;
}

/// <summary>
/// Gives every request a correlation id, echoed in the response (X-Correlation-Id), in problem details and in the log
/// scope: the caller's own X-Correlation-Id when it sends one, otherwise the request's W3C trace id (taken from an incoming
/// <c>traceparent</c> or new), so that logs, traces and error answers name the same id (ADR 0065).
/// </summary>
public static class CorrelationMiddleware
{
    public const string ItemKey = "CorrelationId", Header = "X-Correlation-Id";

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var id = ctx.Request.Headers[Header].FirstOrDefault() is { Length: > 0 and <= 64 } given ? given : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        ctx.Items[ItemKey] = id;
        ctx.Response.Headers[Header] = id;
        var log = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Zhichan.Request");
        using (log.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id })) await next();
    });

    public static void AddZhichanProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["correlationId"] = c.HttpContext.Items[ItemKey];
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Title = c.ProblemDetails.Status switch
            {
                404 when c.ProblemDetails.Title is null or "Not Found" => "未找到",
                405 => "不支持的请求方法",
                415 => "不支持的内容类型",
                _ => c.ProblemDetails.Title,
            };
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }
}
