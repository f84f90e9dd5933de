namespace Zhichan.Api.Features.Accounts;

public static class Me
{
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> HandleAsync(HttpContext http, CurrentUser me, ZhichanDb db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Id == me.Id && u.IsActive, ct);
        if (user is null) return TypedResults.Problem(statusCode: 401, title: "未登录", detail: "账户不存在或已停用，请重新登录");
        var factor = http.User.FindFirst(SessionStore.SecondFactorClaim)?.Value ?? SessionStore.NoSecondFactor;
        return TypedResults.Ok(new SessionResponse(Login.ToSession(user, factor), AuthSetup.IssueXsrfToken(http)));
    }
}
