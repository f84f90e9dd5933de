using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// A normalised record as it waits for the writer: its row encoded for the COPY (<see cref="RecordCodec.Prepare"/>), its
/// content hash and its applicants (for their entities), a few objects where the record itself holds about a hundred —
/// each of which the garbage collector would copy while the batch waits. <see cref="Decode"/> gives the whole record
/// back when it has to be merged.
/// </summary>
public sealed class PreparedRecord(string recordKey, string contentHash, ReadOnlyMemory<byte> row, RecordApplicants applicants)
{
    public string RecordKey { get; } = recordKey;

    /// <summary><see cref="RecordCodec.ContentHash"/>: the writer skips a row whose hash the stored record holds.</summary>
    public string ContentHash { get; } = contentHash;

    /// <summary>The row's fields in binary COPY form (<see cref="RecordCodec.Encode"/>), in a pooled chunk of its batch (<see cref="EncodedRows"/>) or an array of its own.</summary>
    public ReadOnlyMemory<byte> Row { get; } = row;

    public RecordApplicants Applicants { get; } = applicants;

    /// <summary>The source row it came from (for a rejection at write time); 0 when it came from no file.</summary>
    public long RowNumber { get; init; }

    /// <summary>Its region columns (kept by an import that completes regions from what it wrote: <see cref="WriteSession.KeepRegions"/>).</summary>
    public RegionFacts Region { get; init; }

    public NormalisedRecord Decode() => RecordCodec.Decode(Row.Span);
}

/// <summary>What the writer needs of a record's applicants to link it to their entities: names, matching keys, regions and kinds, in the record's order.</summary>
public readonly record struct RecordApplicants(string[] Names, string[] Keys, List<ApplicantRegion> Regions, string[] Kinds)
{
    public static RecordApplicants Of(NormalisedRecord r)
    {
        var kinds = new string[r.Applicants.Length];
        for (var i = 0; i < kinds.Length; i++)
            // the matching key is the name's NormaliseForMatching form, which the classification reads
            kinds[i] = i < r.ApplicantKeys.Length
                ? ApplicantName.Classify(r.Applicants[i], r.ApplicantKeys[i], r.RegionRule == RegionRules.Foreign,
                    inChina: i < r.ApplicantRegions.Count && RecordNormaliser.IsRomanised(r.ApplicantRegions[i].Rule))
                : ApplicantName.Classify(r.Applicants[i], r.RegionRule == RegionRules.Foreign);
        return new RecordApplicants(r.Applicants, r.ApplicantKeys, r.ApplicantRegions, kinds);
    }
}
