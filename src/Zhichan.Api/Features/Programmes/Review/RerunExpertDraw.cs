namespace Zhichan.Api.Features.Programmes.Review;

public sealed record PanelRerunResult(PanelDrawResult Result, string Fingerprint);

/// <summary>Runs the panel draw on inputs the caller sends (e.g. a published draw's, copied): anyone can check a draw independently.</summary>
public static class RerunExpertDraw
{
    public static Ok<PanelRerunResult> Handle(PanelDrawInputs? inputs)
    {
        if (inputs is null || inputs.Algorithm is null || inputs.Seed is null || inputs.EligibleExpertIds is null)
            throw new RequestValidationException("inputs", "请提交完整的抽取输入：algorithm、seed、size、reserves、eligibleExpertIds");
        var result = PanelDrawAlgorithm.Run(inputs);
        return TypedResults.Ok(new PanelRerunResult(result, PanelDrawAlgorithm.Fingerprint(result)));
    }
}
