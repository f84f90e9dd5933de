using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Npgsql;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.OpenApi;

var builder = WebApplication.CreateBuilder(args);
using var bootLog = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
var log = bootLog.CreateLogger("Zhichan.Startup");

var options = ZhichanOptions.From(builder.Configuration, builder.Environment);
string connectionString;
try
{
    connectionString = await DatabaseSetup.ResolveConnectionStringAsync(builder, options, log);
}
catch (StartupException e)
{
    log.LogCritical("{Message}", e.Message);
    Console.Error.WriteLine(e.Message);
    return 2;
}

builder.Services.AddSingleton(options);
builder.Services.AddDatabase(connectionString);
builder.Services.AddZhichanProblemDetails();
builder.Services.AddZhichanAuth();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Zhichan 知产 API";
    doc.Info.Description = "知识产权强市建设工作平台：数据中心、目标考核、保护、运用、申报评审、服务与人才、分析预警。";
    return Task.CompletedTask;
}));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    // numbers are JSON numbers, never strings: the OpenAPI document then types an int64 id as integer (not integer | string)
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.OnRejected = async (ctx, ct) =>
    {
        ctx.HttpContext.Response.StatusCode = 429;
        await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx.HttpContext,
            ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "请求过于频繁，请稍后再试" },
        });
    };
    o.AddPolicy("login", ctx => RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "?",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
    o.AddPolicy("public", ctx => ctx.User.Identity?.IsAuthenticated == true
        ? RateLimitPartition.GetNoLimiter("signed-in")
        : RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "?",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PublicRatePerMinute, Window = TimeSpan.FromMinutes(1) }));
});
builder.Services.AddSingleton<JobSignal>();
builder.Services.AddSingleton<JobQueue>();
builder.Services.AddSingleton<Zhichan.Api.Platform.Printing.ChromiumPdf>();
if (!DatabaseSetup.IsBuildTimeDocumentGeneration)
{
    builder.Services.AddHostedService<JobRunner>();
    builder.Services.AddHostedService<RecurringJobScheduler>();
}
var modules = FeatureModules.Discover();
foreach (var module in modules) module.AddServices(builder.Services);

var app = builder.Build();

app.UseCorrelationId();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgeryForCookieWrites();
app.UseRateLimiter();

app.MapOpenApi();
app.MapGet("/healthz", async (NpgsqlDataSource db, CancellationToken ct) =>
{
    try
    {
        await using var cmd = db.CreateCommand("SELECT 1");
        cmd.CommandTimeout = 3;
        await cmd.ExecuteScalarAsync(ct);
        return Results.Text("ok");
    }
    catch (Exception)
    {
        return Results.Problem(statusCode: 503, title: "数据库不可用", detail: "无法连接数据库");
    }
}).WithName("Health").WithTags("Platform").AllowAnonymous().ExcludeFromDescription();
// every module's endpoints under one group whose convention declares their problem answers in the OpenAPI document
var api = app.MapGroup("").WithProblemResponses();
foreach (var module in modules) module.MapEndpoints(api);
app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: 404, title: "未找到", detail: "接口不存在")).ExcludeFromDescription();
app.MapFallbackToFile("index.html");

if (!DatabaseSetup.IsBuildTimeDocumentGeneration)
{
    try
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        foreach (var task in app.Services.GetServices<IStartupTask>().OrderBy(t => t.Order)) await task.RunAsync(CancellationToken.None);
    }
    catch (StartupException e)
    {
        log.LogCritical("{Message}", e.Message);
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}

await app.RunAsync();
return 0;

public partial class Program;
