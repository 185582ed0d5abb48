using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Search;

/// <summary>
/// The full-text index of items and cases (docs/adr/0013-search-index.md). It finds ids only, newest first; the caller
/// applies the reader's unit scope and the filters to them with the same queries the lists use, so the index never decides
/// who sees what. SQLite implements it with FTS5 tables of character bigrams (<see cref="SqliteSearchIndex"/>); a
/// PostgreSQL deployment with a GIN index over the same tokens (<see cref="PostgreSqlSearchIndex"/>).
/// </summary>
public interface ISearchIndex
{
    /// <summary>Indexes new items inside the caller's open transaction (the intake writer's), so they commit together.</summary>
    Task AddItemsAsync(OpinionDbContext db, IReadOnlyList<OpinionItem> items, CancellationToken cancellationToken);

    /// <summary>Indexes items already committed, each again if it was indexed before (the after-commit stage, idempotent).</summary>
    Task IndexItemsAsync(IReadOnlyCollection<int> itemIds, CancellationToken cancellationToken);

    /// <summary>Indexes the current text of these cases (title, summary, assessment, plans, reports, tasks, responses, comments).</summary>
    Task IndexCasesAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken);

    /// <summary>Ids of the items containing every term, newest first, below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<int>> FindItemsAsync(IReadOnlyList<SearchTerm> terms, int? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Ids of the cases containing every term, newest first, below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<int>> FindCasesAsync(IReadOnlyList<SearchTerm> terms, int? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>The text each case is indexed by (for the snippet shown with a hit).</summary>
    Task<IReadOnlyDictionary<int, string>> CaseTextsAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken);

    /// <summary>Indexes everything again from the tables (after a restore, or to repair); returns the counts.</summary>
    Task<(int Items, int Cases)> RebuildAsync(CancellationToken cancellationToken);
}

/// <summary>Where the intake writer's items are indexed (docs/benchmarks-search.md measures both).</summary>
public enum ItemIndexing
{
    /// <summary>In the writer's transaction: an acknowledged item is searchable at once.</summary>
    InWriter,

    /// <summary>By an ingested-item stage after the commit: the writer does less, the index follows shortly.</summary>
    AfterCommit,
}

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// After the commit by default: in the writer's transaction the index rows cut the write path from about 12,000 to
    /// about 3,500 items a second (docs/benchmarks-search.md), below what a burst needs; after it, an item is searchable
    /// a moment later (the stage indexes thousands a second) and a restart hands unindexed items over again.
    /// </summary>
    public ItemIndexing ItemIndexing { get; set; } = ItemIndexing.AfterCommit;
}
