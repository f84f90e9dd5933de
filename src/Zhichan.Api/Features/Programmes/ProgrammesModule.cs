namespace Zhichan.Api.Features.Programmes;

/// <summary>申报评审: programme types, calls, applications and the formal check (the engine's first stages, ADR 0040).</summary>
public sealed class ProgrammesModule : IFeatureModule
{
    public int Order => 96;

    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
    }
}
