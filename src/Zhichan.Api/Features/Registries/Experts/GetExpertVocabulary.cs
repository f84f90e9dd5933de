namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>The controlled list of specialties (IPC sections A–H and the service fields), and the kinds of declared relation.</summary>
public static class GetExpertVocabulary
{
    public sealed record ExpertVocabularyDto(SpecialtyDto[] Specialties, KindDto[] RelationKinds, KindDto[] DocumentKinds);

    public sealed record KindDto(string Code, string Label);

    public static Ok<ExpertVocabularyDto> Handle() => TypedResults.Ok(new ExpertVocabularyDto(
        ExpertSpecialties.All.Select(s => new SpecialtyDto(s.Code, s.Label, s.Group)).ToArray(),
        RelationKinds.Labels.Select(k => new KindDto(k.Key, k.Value)).ToArray(),
        ExpertDocumentKinds.Labels.Select(k => new KindDto(k.Key, k.Value)).ToArray()));
}
