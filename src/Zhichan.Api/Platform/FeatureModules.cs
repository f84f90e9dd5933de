using System.Reflection;

namespace Zhichan.Api.Platform;

/// <summary>
/// A feature folder's wiring: its services and its endpoints. Program.cs finds every module in the assembly, so adding
/// a module never touches the shared start-up code.
/// </summary>
public interface IFeatureModule
{
    /// <summary>Order of registration and mapping (lower first).</summary>
    int Order => 100;
    void AddServices(IServiceCollection services);
    void MapEndpoints(IEndpointRouteBuilder app);
}

public static class FeatureModules
{
    public static IReadOnlyList<IFeatureModule> Discover() =>
        Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IFeatureModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IFeatureModule)Activator.CreateInstance(t)!)
            .OrderBy(m => m.Order).ThenBy(m => m.GetType().FullName, StringComparer.Ordinal).ToList();
}
