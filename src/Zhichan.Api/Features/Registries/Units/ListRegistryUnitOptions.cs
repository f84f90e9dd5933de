using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record RegistryUnitOptions(IReadOnlyList<VocabularyItem> PilotKinds, IReadOnlyList<VocabularyItem> Levels, IReadOnlyList<VocabularyItem> PilotStatuses,
    IReadOnlyList<VocabularyItem> EvaluationResults, IReadOnlyList<VocabularyItem> GiKinds, IReadOnlyList<VocabularyItem> GiStatuses,
    IReadOnlyList<VocabularyItem> VarietyStatuses, IReadOnlyList<VocabularyItem> HeritageLevels, IReadOnlyList<VocabularyItem> HeritageCategories,
    IReadOnlyList<string> PilotImportHeaders, IReadOnlyList<string> GiImportHeaders);

/// <summary>The controlled lists of the four registers with their Chinese names, and the import headers (for forms and filters).</summary>
public static class ListRegistryUnitOptions
{
    public static Ok<RegistryUnitOptions> Handle() => TypedResults.Ok(new RegistryUnitOptions(PilotKinds, Levels, PilotStatuses, EvaluationResults, GiKinds,
        GiStatuses, VarietyStatuses, HeritageLevels, HeritageCategories,
        ImportPilotUnits.Columns.Select(c => c.Required ? c.Headers[0] + "*" : c.Headers[0]).ToList(),
        ImportGeoIndications.Columns.Select(c => c.Required ? c.Headers[0] + "*" : c.Headers[0]).ToList()));
}
