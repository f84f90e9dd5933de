using Xunit.Abstractions;
using Xunit.Sdk;

namespace Zhichan.Tests.Infrastructure;

/// <summary>Marks a test that leaves its class fixture unusable (it kills a process the others would need): it runs last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunsLastAttribute : Attribute;

/// <summary>
/// The default order of a class's tests, except that those marked <see cref="RunsLastAttribute"/> come after the others
/// (use with <c>[TestCaseOrderer(RunsLastOrderer.Name, RunsLastOrderer.Assembly)]</c>).
/// </summary>
public sealed class RunsLastOrderer : ITestCaseOrderer
{
    public const string Name = "Zhichan.Tests.Infrastructure.RunsLastOrderer", Assembly = "Zhichan.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(RunsLastAttribute).AssemblyQualifiedName).Any())
            .ThenBy(t => t.UniqueID, StringComparer.Ordinal);
}
