namespace Zhichan.Api.Features.Admin;

public sealed class AdminModule : Platform.IFeatureModule
{
    public int Order => 20;
    public void AddServices(IServiceCollection services) => services.AddSingleton<Platform.IStartupTask, DemoAccounts>();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsers.HandleAsync).WithName("ListUsers").WithSummary("用户列表（按用户名、姓名、角色筛选）");
        users.MapPost("/", CreateUser.HandleAsync).WithName("CreateUser").WithSummary("新建用户");
        users.MapPut("/{id:long}", UpdateUser.HandleAsync).WithName("UpdateUser").WithSummary("修改用户（角色、单位、启用状态）");
        users.MapPost("/{id:long}/unlock", UnlockUser.HandleAsync).WithName("UnlockUser").WithSummary("解除登录锁定");
        users.MapPost("/{id:long}/password", ResetUserPassword.HandleAsync).WithName("ResetUserPassword").WithSummary("重置密码");

        var units = app.MapGroup("/api/admin/org-units").WithTags("Admin");
        units.MapGet("/", ListOrgUnits.HandleAsync).WithName("ListOrgUnits").WithSummary("单位列表").RequireAuthorization(Policies.Government);
        units.MapPost("/", CreateOrgUnit.HandleAsync).WithName("CreateOrgUnit").WithSummary("新建单位").RequireAuthorization(Policies.Admin);
        units.MapPut("/{id:long}", UpdateOrgUnit.HandleAsync).WithName("UpdateOrgUnit").WithSummary("修改单位").RequireAuthorization(Policies.Admin);

        app.MapGet("/api/admin/audit", ListAuditLog.HandleAsync).WithTags("Admin").WithName("ListAuditLog")
            .WithSummary("审计日志（按操作人、对象、动作、时间筛选）").RequireAuthorization(Policies.Admin);
    }
}

