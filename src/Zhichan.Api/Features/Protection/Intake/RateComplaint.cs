using System.Text.Json;
using System.Text.RegularExpressions;
using Zhichan.Api.Features.Records.Normalisation;
using static Zhichan.Api.Features.Protection.Intake.IntakeRules;

namespace Zhichan.Api.Features.Protection.Intake;

public sealed record SatisfactionRequest(string? Code, int? Score, string? Comment);

/// <summary>The complainant's satisfaction rating after closure.</summary>
public static class RateComplaint
{
    public static async Task<NoContent> HandleAsync(string receiptNumber, SatisfactionRequest req, ZhichanDb db, CancellationToken ct)
    {
        var c = await FindWithCodeAsync(db, receiptNumber, req.Code, ct);
        var v = new Validation();
        if (req.Score is null or < 1 or > 5) v.Add("score", "满意度评分应为 1～5 分");
        v.MaxLength("comment", req.Comment, 1000, "意见");
        v.ThrowIfInvalid();
        if (c.Status != CaseStatus.Closed) throw new DomainException("案件结案后才能评价");
        if (c.Satisfaction is not null) throw new DomainException("该案件已评价过");
        c.Satisfaction = req.Score; c.SatisfactionComment = Blank(req.Comment); c.SatisfactionAt = DateTimeOffset.UtcNow; c.UpdatedAt = DateTimeOffset.UtcNow;
        db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = c.Id, ActorName = "投诉人", Action = "satisfaction", Note = $"满意度评价 {req.Score} 分", IsPublic = true });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
