namespace Zhichan.Tests.Platform;

/// <summary>
/// The tests that start PostgreSQL clusters of their own, run one at a time: a cluster starting while another's huge
/// pages are reserved (PrivatePostgres, ADR 0073) could map them first.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PrivateClusters
{
    public const string Name = "Private clusters";
}
