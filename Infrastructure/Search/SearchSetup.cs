using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Infrastructure.Search;

public static class SearchSetup
{
    /// <summary>The search index; items are indexed by the intake writer, or by a stage after it (<see cref="SearchOptions"/>).</summary>
    public static IServiceCollection AddSearchIndex(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SearchOptions.Section);
        services.Configure<SearchOptions>(section);
        if (Data.DatabaseSetup.Provider(configuration) == Data.DatabaseProvider.PostgreSql)
        {
            services.AddSingleton<ISearchIndex, PostgreSqlSearchIndex>();
        }
        else
        {
            services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
        }

        if (section.GetValue(nameof(SearchOptions.ItemIndexing), new SearchOptions().ItemIndexing) == ItemIndexing.AfterCommit)
        {
            services.AddSingleton<IItemsIngestedHandler, SearchIndexStage>();
        }

        return services;
    }
}

/// <summary>Indexes the items of a committed batch, when the writer does not (<see cref="ItemIndexing.AfterCommit"/>).</summary>
public sealed class SearchIndexStage(ISearchIndex index, IntakeWriteGate writeGate) : IItemsIngestedHandler
{
    public async Task OnIngestedAsync(IReadOnlyList<Domain.Items.OpinionItem> created, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await index.IndexItemsAsync(created.Select(i => i.Id).ToList(), cancellationToken);
        }
    }
}
