using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Zhichan.Tests.Infrastructure.BrowserFirstOrderer", "Zhichan.Tests")]

namespace Zhichan.Tests.Infrastructure;

/// <summary>
/// Starts the "Browser" collection first. Its classes share one browser and one app, so they run one after another: about
/// ten minutes of the suite on one thread. Started in the default order it began half-way and ran alone for the last five
/// minutes; started first, the other collections fill the second thread meanwhile. The rest keep the default order.
/// </summary>
public sealed class BrowserFirstOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == "Browser" ? 0 : 1).ThenBy(c => c.UniqueID);
}
