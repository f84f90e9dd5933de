using System.Text.Json;
using System.Text.RegularExpressions;
using Zhichan.Api.Platform;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The code conventions of ARCHITECTURE.md and ADR 0012 that a reviewer would otherwise have to check by eye: exact
/// contracts in the OpenAPI document, one wiring file per module, settings and lock keys with one owner each, and a
/// Platform that depends on no feature. They read the committed OpenAPI document and the sources, so they cost no app start.
/// </summary>
public class ConventionTests
{
    private static readonly string Src = Path.Combine(TestData.RepoRoot, "src", "Zhichan.Api");

    private static JsonElement OpenApi() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "openapi", "Zhichan.Api.json"))).RootElement;

    private static IEnumerable<(string Method, string Path, JsonElement Op)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => (o.Name, p.Name, o.Value)));

    private static IEnumerable<(string File, string Text)> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Src, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(Src, f), File.ReadAllText(f)));

    [Fact]
    public void OpenApi_EveryOperation_ListsItsProblemAnswers()
    {
        var ops = Operations(OpenApi()).ToList();
        var without = ops.Where(o => !o.Op.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('4')))
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToList();
        ops.Count.ShouldBeGreaterThan(100);
        without.ShouldBeEmpty("operations without any 4xx problem response");
        // the problem answers are problem details
        var problem = ops.SelectMany(o => o.Op.GetProperty("responses").EnumerateObject().Where(r => r.Name is "401" or "404" or "409")).First();
        problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
    }

    [Fact]
    public void OpenApi_Numbers_AreNeverStrings()
    {
        // with JsonNumberHandling.Strict an int64 id is {"type":"integer","format":"int64"}, not ["integer","string"] with a pattern
        var text = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "openapi", "Zhichan.Api.json"));
        Regex.Matches(text, "\"integer\",\\s*\"string\"|\"number\",\\s*\"string\"").Count.ShouldBe(0);
        var ts = File.ReadAllText(Path.Combine(TestData.RepoRoot, "web", "src", "api", "schema.d.ts"));
        ts.ShouldNotContain("number | string");
    }

    [Fact]
    public void Platform_DependsOnNoFeature()
    {
        Sources("Platform").Where(s => s.Text.Contains("Zhichan.Api.Features", StringComparison.Ordinal)).Select(s => s.File).ShouldBeEmpty();
    }

    [Fact]
    public void Modules_AreWiredInOneModuleFileEach_HoldingOnlyTheModule()
    {
        var modules = FeatureModules.Discover().Select(m => m.GetType()).Where(t => t.Namespace!.StartsWith("Zhichan.Api.Features.", StringComparison.Ordinal)).ToList();
        modules.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var type in modules)
        {
            // a module of a sub-folder (Features/Registries/Experts) is named after its own folder: ExpertsModule
            var folder = type.Namespace!["Zhichan.Api.Features.".Length..].Replace('.', '/');
            var module = folder.Split('/')[^1];
            type.Name.ShouldBe($"{module}Module");
            var file = Path.Combine(Src, "Features", folder, $"{module}Module.cs");
            File.Exists(file).ShouldBeTrue($"{type.Name} should live in Features/{folder}/{module}Module.cs");
            var declarations = Regex.Matches(File.ReadAllText(file), @"^(public|internal|file)\s+(sealed\s+|static\s+|abstract\s+|partial\s+)*(class|record|struct|interface|enum)\s", RegexOptions.Multiline);
            declarations.Count.ShouldBe(1, $"{file} holds only the module's wiring (its route table), not handlers or DTOs");
        }
    }

    [Fact]
    public void Settings_AreReadOnlyByZhichanOptions()
    {
        var readers = new Regex(@"GetEnvironmentVariable\(""ZHICHAN_|\[""ZHICHAN_");
        Sources("").Where(s => !s.File.EndsWith("ZhichanOptions.cs", StringComparison.Ordinal) && readers.IsMatch(s.Text)).Select(s => s.File).ShouldBeEmpty();
    }

    [Fact]
    public void AdvisoryLockKeys_LiveInOneList()
    {
        Sources("").Where(s => !s.File.EndsWith("AdvisoryLocks.cs", StringComparison.Ordinal) && Regex.IsMatch(s.Text, @"pg_(try_)?advisory_(xact_)?lock\(\s*(\d|hashtext)"))
            .Select(s => s.File).ShouldBeEmpty();
    }
}
