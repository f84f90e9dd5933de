namespace Zhichan.Api.Platform.Auth;

/// <summary>The roles of PRODUCT.md §Who uses it.</summary>
public static class Roles
{
    public const string Admin = "admin", Bureau = "bureau", Department = "department", District = "district",
        Enterprise = "enterprise", Agency = "agency", Expert = "expert", Bank = "bank";
    public static readonly string[] All = [Admin, Bureau, Department, District, Enterprise, Agency, Expert, Bank];

    /// <summary>Government accounts (the operator, the bureau, departments, districts): longer passwords, second factor on offer.</summary>
    public static bool IsGovernment(string? role) => role is Admin or Bureau or Department or District;

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Admin] = "平台管理员", [Bureau] = "知识产权局", [Department] = "成员单位", [District] = "县区/园区",
        [Enterprise] = "创新主体", [Agency] = "服务机构", [Expert] = "专家", [Bank] = "金融机构",
    };
}

/// <summary>Authorization policies; every endpoint group names one.</summary>
public static class Policies
{
    /// <summary>Platform operator only.</summary>
    public const string Admin = "admin";
    /// <summary>Bureau staff and the operator: plans, assessments, cases, registries.</summary>
    public const string Staff = "staff";
    /// <summary>Government users: bureau, departments, districts (and admin).</summary>
    public const string Government = "government";
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "signed-in";
    /// <summary>The Prometheus endpoint: the operator, or a scraper with the ZHICHAN_METRICS_TOKEN bearer token (ADR 0065).</summary>
    public const string Metrics = "metrics";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder b) => b
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Bureau))
        .AddPolicy(Government, p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.Department, Roles.District))
        .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
        .AddPolicy(Metrics, p => p.RequireAssertion(c =>
            c.User.IsInRole(Roles.Admin) || c.Resource is HttpContext http && Observability.Telemetry.HasMetricsToken(http)));
}
