using System.Diagnostics;
using System.Globalization;
using OpinionResponse.Infrastructure.Search;

namespace OpinionResponse.App.Cli;

/// <summary>
/// <c>search rebuild</c>: indexes every item and case again from the tables, for a database whose index is missing or
/// suspect (a file restored from elsewhere, rows written past the app). The app may keep running: the items are indexed
/// in short transactions, and what arrives meanwhile is indexed by the writer as usual.
/// </summary>
public sealed class SearchCommand : ICliCommand
{
    public string Name => "search";

    public string Usage => "search rebuild";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args is not ["rebuild"])
        {
            await Console.Error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        var (items, cases) = await services.GetRequiredService<ISearchIndex>().RebuildAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Search index rebuilt: {items} items, {cases} cases in {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
