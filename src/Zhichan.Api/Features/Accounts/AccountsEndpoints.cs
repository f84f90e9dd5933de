using Zhichan.Api.Platform.Auth;

namespace Zhichan.Api.Features.Accounts;

public sealed class AccountsModule : Platform.IFeatureModule
{
    public int Order => 10;
    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/auth").WithTags("Accounts");
        g.MapPost("/login", Login.HandleAsync).WithName("Login").WithSummary("登录（Cookie），返回当前用户和防伪令牌")
            .AllowAnonymous().WithMetadata(new SkipAntiforgery()).RequireRateLimiting("login");
        g.MapPost("/logout", Logout.HandleAsync).WithName("Logout").WithSummary("退出登录").AllowAnonymous().WithMetadata(new SkipAntiforgery());
        g.MapGet("/me", Me.HandleAsync).WithName("GetCurrentUser").WithSummary("当前用户与新的防伪令牌").RequireAuthorization(Policies.SignedIn);
    }
}

/// <summary>The signed-in user as the web shell needs it (menu by role, region, org unit).</summary>
public sealed record SessionUser(long Id, string Username, string DisplayName, string Role, string RoleName, long? OrgUnitId,
    string? OrgUnitName, string? RegionCode);

public sealed record SessionResponse(SessionUser User, string CsrfToken);
