using System.Reflection;
using System.Text.Json;

namespace Zhichan.Api.Platform;

/// <summary>
/// Seed data shipped inside the assembly: every <c>Features/&lt;Module&gt;/Seeds/*.json</c> is an embedded resource named
/// <c>seeds/&lt;Module&gt;/Seeds/&lt;file&gt;</c> (see the project file), so a seed can never be missing or stale next to the binary.
/// </summary>
public static class EmbeddedSeeds
{
    private static readonly Assembly Assembly = typeof(EmbeddedSeeds).Assembly;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    /// <summary>The seed files of a module, ordered by name (e.g. Plans → 000.json … 004.json).</summary>
    public static IReadOnlyList<string> Names(string module) =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix(module), StringComparison.Ordinal))
            .Select(n => n[Prefix(module).Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>One seed file of a module, deserialised (web defaults: camelCase).</summary>
    public static T Read<T>(string module, string file)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix(module) + file)
            ?? throw new InvalidOperationException($"The seed {module}/{file} is not embedded in the assembly");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"The seed {module}/{file} is empty");
    }

    private static string Prefix(string module) => $"seeds/{module}/Seeds/";
}
