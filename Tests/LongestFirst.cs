using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("OpinionResponse.Tests.LongestFirst", "OpinionResponse.Tests")]

namespace OpinionResponse.Tests;

/// <summary>
/// Starts the collections that take longest first, so the short ones fill the threads around them: in name order the
/// browser collection (several minutes, one test after another) started a third of the way into the run and ended it.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    // Collection names, or the class of a class's own collection; measured on a whole run, longest first.
    private static readonly string[] Longest =
    [
        "browser", "browser-second", "UserCliTests", "two-nodes", "TwoNodeTests", "ClockIdempotencyTests", "browser-demo",
        "short-lease-nodes", "browser-clocks", "FollowUpTests", "KillTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Rank(c.DisplayName)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(string name)
    {
        for (var i = 0; i < Longest.Length; i++)
        {
            if (name == Longest[i] || name.EndsWith("." + Longest[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Longest.Length;
    }
}
