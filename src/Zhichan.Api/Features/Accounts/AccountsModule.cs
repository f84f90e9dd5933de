namespace Zhichan.Api.Features.Accounts;

public sealed class AccountsModule : Platform.IFeatureModule
{
    public int Order => 10;
    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/auth").WithTags("Accounts");
        g.MapPost("/login", Login.HandleAsync).WithName("Login").WithSummary("登录（Cookie），返回当前用户和防伪令牌")
            .AllowAnonymous().WithMetadata(new SkipAntiforgery()).RequireRateLimiting(Platform.Security.RateLimits.Login)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        g.MapPost("/logout", Logout.HandleAsync).WithName("Logout").WithSummary("退出登录（结束服务器端会话）").AllowAnonymous();
        g.MapPost("/password", ChangePassword.HandleAsync).WithName("ChangePassword").WithSummary("修改本人密码（结束本账户的其他会话）")
            .RequireAuthorization(Policies.SignedIn);
        g.MapPost("/second-factor/setup", SetUpSecondFactor.HandleAsync).WithName("SetUpSecondFactor")
            .WithSummary("双因素认证：生成新的 TOTP 密钥与二维码（启用前不生效）").RequireAuthorization(Policies.SignedIn);
        g.MapPost("/second-factor/enable", EnableSecondFactor.HandleAsync).WithName("EnableSecondFactor")
            .WithSummary("双因素认证：以动态验证码确认并启用，返回一次性恢复码").RequireAuthorization(Policies.SignedIn);
        g.MapPost("/second-factor/disable", DisableSecondFactor.HandleAsync).WithName("DisableSecondFactor")
            .WithSummary("双因素认证：凭密码停用").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/email-notifications", GetEmailNotifications.HandleAsync).WithName("GetEmailNotifications")
            .WithSummary("本人的邮件通知设置（邮箱、是否接收、平台是否已配置邮件服务器）").RequireAuthorization(Policies.SignedIn);
        g.MapPut("/email-notifications", SetEmailNotifications.HandleAsync).WithName("SetEmailNotifications")
            .WithSummary("开启或关闭本人的邮件通知（站内通知不受影响）").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/me", Me.HandleAsync).WithName("GetCurrentUser").WithSummary("当前用户与新的防伪令牌").RequireAuthorization(Policies.SignedIn);
    }
}
