using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// Loads the programme types of Seeds/programme-types.json into programme_types at start-up (ADR 0040): a type is upserted by
/// its code; when the seed's name, category, applicant, sources or definition differ from the row, the row takes the seed and its
/// version goes up by one, so a call or an application can tell which version of the rules it was made under. Types the bureau
/// switched off stay off.
/// </summary>
public sealed class ProgrammeTypeSeeds(IServiceScopeFactory scopes) : IStartupTask
{
    public int Order => 60;

    public sealed record SeedType(string Code, string Name, string Category, string Applicant, string[] Sources, JsonObject Definition);
    public sealed record SeedFile(string? Description, List<SeedType> Types);

    public static SeedFile Read() => EmbeddedSeeds.Read<SeedFile>("Programmes", "programme-types.json");

    public async Task RunAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var rows = await db.Set<ProgrammeType>().ToDictionaryAsync(t => t.Code, ct);
        foreach (var s in Read().Types)
        {
            // through the record: the stored JSON is exactly what the engine reads (unknown keys in the seed are a mistake, not data)
            var parsed = s.Definition.Deserialize<ProgrammeDefinition>(JsonSerializerOptions.Web) ?? new();
            var definition = JsonSerializer.Serialize(parsed, JsonSerializerOptions.Web);
            if (!rows.TryGetValue(s.Code, out var row))
            {
                db.Add(new ProgrammeType { Code = s.Code, Name = s.Name, Category = s.Category, Applicant = s.Applicant, Sources = s.Sources, Definition = definition });
                continue;
            }
            var same = row.Name == s.Name && row.Category == s.Category && row.Applicant == s.Applicant && row.Sources.SequenceEqual(s.Sources)
                       && JsonNode.DeepEquals(JsonNode.Parse(row.Definition), JsonNode.Parse(definition));
            if (same) continue;
            (row.Name, row.Category, row.Applicant, row.Sources, row.Definition) = (s.Name, s.Category, s.Applicant, s.Sources, definition);
            row.Version++;
            row.UpdatedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync(ct);
    }
}
