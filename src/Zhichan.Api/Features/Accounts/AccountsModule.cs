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
