using QRCoder;

namespace Zhichan.Api.Features.Registries.Training;

/// <param name="BaseUrl">The address the participants' phones reach the platform at (the page passes its own origin).</param>
/// <param name="ValidMinutes">How long the code checks people in (5–720, default 120), never past the event's last day.</param>
public sealed record CheckInCodeRequest(string? BaseUrl, int? ValidMinutes);

public sealed record CheckInCodeDto(long EventId, string Url, DateTimeOffset ExpiresAt, string QrPngDataUrl);

/// <summary>
/// The QR code of an event's check-in (bureau): a link to the check-in page carrying a signed token that expires. A participant
/// signed in on their phone opens it and is checked in (CheckInToTraining). Shown from the day before the event to its last day.
/// </summary>
public static class CreateTrainingCheckInCode
{
    public static async Task<Ok<CheckInCodeDto>> HandleAsync(long id, CheckInCodeRequest req, ZhichanDb db, CurrentUser me, TrainingCheckInTokens tokens,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var e = await db.Set<TrainingEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);
        var v = new Validation();
        v.Url("baseUrl", req.BaseUrl, "平台地址");
        if (req.ValidMinutes is < 5 or > 720) v.Add("validMinutes", "有效时间应在 5 至 720 分钟之间");
        v.ThrowIfInvalid();
        if (e.CancelledAt is not null) throw new DomainException("培训已取消");
        var today = ChinaTime.Today(clock);
        if (today < e.StartsOn.AddDays(-1)) throw new DomainException($"签到码从培训前一天（{e.StartsOn.AddDays(-1):yyyy-MM-dd}）起生成");
        if (today > e.EndsOn) throw new DomainException("培训已结束，请用名单签到或导入签到表");
        var now = clock.GetUtcNow();
        var lastMoment = new DateTimeOffset(e.EndsOn.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8));
        var expires = now.AddMinutes(req.ValidMinutes ?? 120);
        if (expires > lastMoment) expires = lastMoment;
        var baseUrl = (string.IsNullOrWhiteSpace(req.BaseUrl) ? $"{http.Request.Scheme}://{http.Request.Host}" : req.BaseUrl.Trim()).TrimEnd('/');
        var url = $"{baseUrl}/registries/training/check-in?t={Uri.EscapeDataString(tokens.Issue(id, expires))}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        AuditLog.Add(db, me, "create", "training_check_in_codes", id.ToString(), null, new { expires });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CheckInCodeDto(id, url, expires, "data:image/png;base64," + Convert.ToBase64String(png)));
    }
}
