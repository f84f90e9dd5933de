using System.Text.Json;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes.Review;

public sealed record ReviewFormValue(string Key, string Label, string Value);

public sealed record ReviewSheet(ScoringCriterion[] Criteria, decimal MaxTotal, decimal CommentBelow);

public sealed record MyScore(Dictionary<string, decimal> Scores, decimal? Total, string? Comment, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt);

public sealed record ReviewApplicationDto(long Id, long CallId, string CallTitle, string ProgrammeName, string ApplicantName, string? RegionCode, string Status,
    string StatusLabel, ReviewFormValue[] Form, decimal? AmountRequested, ReviewSheet Sheet, MyScore? MyScore, bool Editable, long MemberId);

/// <summary>
/// One application as an expert of its panel sees it: the form as the definition labels it with personal data masked (contact
/// names, phones, e-mail, ID numbers), the scoring sheet with guidance and the expert's own score. 404 outside the expert's panels.
/// </summary>
public static class GetReviewApplication
{
    public static async Task<Ok<ReviewApplicationDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (seat, app) = await ExpertSeats.ForApplicationAsync(db, me, id, ct);
        return TypedResults.Ok(await ToDtoAsync(db, seat, app, ct));
    }

    internal static async Task<ReviewApplicationDto> ToDtoAsync(ZhichanDb db, ExpertSeats.Seat seat, ProgrammeApplication app, CancellationToken ct)
    {
        var call = await ReviewViews.CallAsync(db, app.CallId, ct);
        var type = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(t => t.Id == call.TypeId, ct);
        var def = type.Parsed();
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(app.Form) ?? [];
        var form = def.Fields.Where(f => values.ContainsKey(f.Key))
            .Select(f => new ReviewFormValue(f.Key, f.Label, Masking.MaskText(Display(values[f.Key])))).ToArray();
        var score = await db.Set<ProgrammeScore>().AsNoTracking().FirstOrDefaultAsync(s => s.ApplicationId == app.Id && s.MemberId == seat.Member.Id, ct);
        var max = ScoringSheet.MaxTotal(def.Scoring);
        return new ReviewApplicationDto(app.Id, call.Id, call.Title, type.Name, app.ApplicantName, app.RegionCode, app.Status,
            ApplicationStates.Machine.StateName(app.Status), form, app.AmountRequested, new ReviewSheet(def.Scoring, max, max * ScoringSheet.CommentBelowShare),
            score is null ? null : new MyScore(JsonSerializer.Deserialize<Dictionary<string, decimal>>(score.Scores) ?? [], score.Total, score.Comment, score.SubmittedAt, score.UpdatedAt),
            app.Status == ApplicationStates.Accepted && score?.SubmittedAt is null, seat.Member.Id);
    }

    private static string Display(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Array => string.Join("、", v.EnumerateArray().Select(Display)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => v.ToString(),
    };
}
