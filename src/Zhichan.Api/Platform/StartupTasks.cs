namespace Zhichan.Api.Platform;

/// <summary>Work done once at start-up after the migrations (demo data, reference data), in Order.</summary>
public interface IStartupTask
{
    int Order { get; }
    Task RunAsync(CancellationToken ct);
}
