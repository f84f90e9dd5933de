namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record RerunResult(DrawAssignment[] Result, string Fingerprint);

/// <summary>Runs the draw algorithm on inputs the caller sends (e.g. a published draw's, copied): anyone can check a draw independently.</summary>
public static class RerunInspectionDraw
{
    public const int MaxCandidates = 10_000;

    public static Ok<RerunResult> Handle(DrawInputs? inputs)
    {
        if (inputs is null || inputs.Targets is null || inputs.Inspectors is null || inputs.Exclusions is null || inputs.Seed is null || inputs.Algorithm is null)
            throw new RequestValidationException("inputs", "请提交完整的抽取输入：algorithm、seed、targetCount、inspectorsPerTarget、targets、inspectors、exclusions");
        if (inputs.Targets.Count > MaxCandidates || inputs.Inspectors.Count > MaxCandidates || inputs.Exclusions.Count > MaxCandidates * 10)
            throw new RequestValidationException("inputs", $"候选对象和检查人员各不超过 {MaxCandidates} 个");
        var result = DrawAlgorithm.Run(inputs).ToArray();
        return TypedResults.Ok(new RerunResult(result, DrawAlgorithm.Fingerprint(result)));
    }
}
