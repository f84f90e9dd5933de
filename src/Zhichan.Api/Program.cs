using System.Text.Json.Serialization;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Observability;
using Zhichan.Api.Platform.OpenApi;
using Zhichan.Api.Platform.Security;

// every regex without its own timeout gives up after a second instead of running away on hostile input (ADR 0014)
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    // 1 MB unless an endpoint declares more (uploads and imports do, with RequestSizeLimit)
    k.Limits.MaxRequestBodySize = 1024 * 1024;
});
using var bootLog = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
var log = bootLog.CreateLogger("Zhichan.Startup");

var options = ZhichanOptions.From(builder.Configuration, builder.Environment);
string connectionString;
try
{
    builder.Services.AddZhichanTrustedProxies(options);
    connectionString = await DatabaseSetup.ResolveConnectionStringAsync(builder, options, log);
}
catch (StartupException e)
{
    log.LogCritical("{Message}", e.Message);
    Console.Error.WriteLine(e.Message);
    return 2;
}

builder.Services.AddSingleton(options);
builder.AddZhichanTelemetry(options);
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
builder.Services.AddZhichanRateLimits(options);
builder.Services.AddZhichanLoadShedding(options);
builder.Services.AddSingleton<JobSignal>();
builder.Services.AddSingleton<JobQueue>();
builder.Services.AddSingleton<Zhichan.Api.Platform.Printing.ChromiumPdf>();
builder.Services.AddSingleton<Zhichan.Api.Platform.Printing.RenderedFiles>();
if (!DatabaseSetup.IsBuildTimeDocumentGeneration)
{
    builder.Services.AddHostedService<JobRunner>();
    builder.Services.AddHostedService<RecurringJobScheduler>();
}
var modules = FeatureModules.Discover();
foreach (var module in modules) module.AddServices(builder.Services);

var app = builder.Build();

app.UseZhichanTrustedProxies(options);
app.UseCorrelationId();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseZhichanDeadlines();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseSecondFactorGate();
app.UseAuthorization();
app.UseAntiforgeryForCookieWrites();
app.UseRateLimiter();
app.UseZhichanLoadShedding();

app.MapOpenApi();
app.MapGet("/healthz", Zhichan.Api.Platform.Database.Health.HandleAsync).WithName("Health").WithTags("Platform").AllowAnonymous().ExcludeFromDescription();
app.MapMetrics();
// every module's endpoints under one group whose convention declares their problem answers in the OpenAPI document
var api = app.MapGroup("").WithProblemResponses().WithReadRetry();
foreach (var module in modules) module.MapEndpoints(api);
app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: 404, title: "未找到", detail: "接口不存在")).ExcludeFromDescription();
app.MapFallbackToFile("index.html");

if (!DatabaseSetup.IsBuildTimeDocumentGeneration)
{
    try
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        await StartupTasks.RunAllAsync(app.Services, CancellationToken.None);
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
