using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Search;

namespace OpinionResponse.App.Features.Search;

/// <summary>
/// Keeps the case index current: every committed change of a case (its events: assessment, plan, report, task, response,
/// comment, state) re-indexes that case's text. It runs before the live events go out, so a screen that re-queries on
/// them already finds the new words. Items are indexed by the intake writer, not here.
/// </summary>
public sealed class CaseSearchSink(ISearchIndex index, ILogger<CaseSearchSink> logger) : IDomainEventSink
{
    public async ValueTask PublishAsync(IReadOnlyList<RaisedEvents> batch, CancellationToken cancellationToken)
    {
        var caseIds = batch.Select(b => b.Source).OfType<Case>().Select(c => c.Id).Distinct().ToList();
        if (caseIds.Count == 0)
        {
            return;
        }

        try
        {
            await index.IndexCasesAsync(caseIds, cancellationToken);
        }
        catch (Exception ex)
        {
            // The change itself is committed; `search rebuild` repairs the index. A sink must not throw.
            logger.LogError(ex, "Indexing cases {CaseIds} for search failed", caseIds);
        }
    }
}

/// <summary>Hands each committed batch of domain events to several sinks, in order.</summary>
public sealed class DomainEventSinks(IReadOnlyList<IDomainEventSink> sinks) : IDomainEventSink
{
    public async ValueTask PublishAsync(IReadOnlyList<RaisedEvents> batch, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            await sink.PublishAsync(batch, cancellationToken);
        }
    }
}
