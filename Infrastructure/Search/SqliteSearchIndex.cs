using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Search;

/// <summary>
/// The search index in two contentless FTS5 tables, <c>ItemSearch</c> and <c>CaseSearch</c>, whose rowid is the item's
/// or case's id. A query is built from <see cref="SearchTerm"/>s only — each term a phrase of its bigrams, or its single
/// unit — never from the text as typed, so no input can be read as FTS syntax.
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<OpinionDbContext> dbFactory) : ISearchIndex
{
    private const int RebuildChunk = 20_000;

    public async Task AddItemsAsync(OpinionDbContext db, IReadOnlyList<OpinionItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "INSERT INTO ItemSearch(rowid, bi, uni) VALUES ($id, $bi, $uni);";
        var id = Parameter(command, "$id");
        var bi = Parameter(command, "$bi");
        var uni = Parameter(command, "$uni");
        await command.PrepareAsync(cancellationToken);
        foreach (var item in items)
        {
            var text = SearchSql.ItemText(item);
            id.Value = item.Id;
            bi.Value = SearchText.Bigrams(text);
            uni.Value = SearchText.Unigrams(text);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task IndexItemsAsync(IReadOnlyCollection<int> itemIds, CancellationToken cancellationToken) =>
        ExecuteForIdsAsync(SearchSql.IndexItems("i.Id IN (SELECT value FROM json_each($ids))"), itemIds, cancellationToken);

    public Task IndexCasesAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken) =>
        ExecuteForIdsAsync(SearchSql.IndexCases("c.Id IN (SELECT value FROM json_each($ids))"), caseIds, cancellationToken);

    public Task<IReadOnlyList<int>> FindItemsAsync(IReadOnlyList<SearchTerm> terms, int? beforeId, int limit, CancellationToken cancellationToken) =>
        FindAsync("ItemSearch", terms, beforeId, limit, cancellationToken);

    public Task<IReadOnlyList<int>> FindCasesAsync(IReadOnlyList<SearchTerm> terms, int? beforeId, int limit, CancellationToken cancellationToken) =>
        FindAsync("CaseSearch", terms, beforeId, limit, cancellationToken);

    public async Task<IReadOnlyDictionary<int, string>> CaseTextsAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<int, string>();
        if (caseIds.Count == 0)
        {
            return texts;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT c.Id, {SearchSql.CaseTextColumns} FROM Cases c WHERE c.Id IN (SELECT value FROM json_each($ids));";
        Parameter(command, "$ids").Value = JsonSerializer.Serialize(caseIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[reader.GetInt32(0)] = reader.GetString(1);
        }

        return texts;
    }

    public async Task<(int Items, int Cases)> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ExecuteAsync(db, SearchSql.ClearCases + SearchSql.IndexCases("1"), cancellationToken);
        await ExecuteAsync(db, SearchSql.ClearItems, cancellationToken);
        // In chunks of ids: each a short transaction, so the intake writer is not held up for the whole rebuild.
        var maxId = await db.Items.MaxAsync(i => (int?)i.Id, cancellationToken) ?? 0;
        for (var from = 0; from < maxId; from += RebuildChunk)
        {
            await ExecuteAsync(db, SearchSql.IndexItems("i.Id > $from AND i.Id <= $to"), cancellationToken, ("$from", from), ("$to", from + RebuildChunk));
        }

        return (await db.Items.CountAsync(cancellationToken), await db.Cases.CountAsync(cancellationToken));
    }

    /// <summary>The FTS5 query for <paramref name="terms"/>: every term must match (AND).</summary>
    public static string MatchExpression(IReadOnlyList<SearchTerm> terms)
    {
        var sb = new StringBuilder();
        foreach (var term in terms)
        {
            if (sb.Length > 0)
            {
                sb.Append(" AND ");
            }

            // Units are letters and digits only (SearchText), so they need no escaping inside the quotes.
            if (term.Units.Count == 1)
            {
                sb.Append("uni : \"").Append(term.Units[0]).Append('"');
            }
            else
            {
                sb.Append("bi : \"");
                for (var i = 0; i + 1 < term.Units.Count; i++)
                {
                    sb.Append(i > 0 ? " " : string.Empty).Append(term.Units[i]).Append(term.Units[i + 1]);
                }

                sb.Append('"');
            }
        }

        return sb.ToString();
    }

    private async Task<IReadOnlyList<int>> FindAsync(string table, IReadOnlyList<SearchTerm> terms, int? beforeId, int limit,
        CancellationToken cancellationToken)
    {
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid FROM {table} WHERE {table} MATCH $match AND rowid < $before ORDER BY rowid DESC LIMIT $limit;";
        Parameter(command, "$match").Value = MatchExpression(terms);
        Parameter(command, "$before").Value = beforeId ?? int.MaxValue;
        Parameter(command, "$limit").Value = limit;
        var ids = new List<int>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private async Task ExecuteForIdsAsync(string sql, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ExecuteAsync(db, sql, cancellationToken, ("$ids", JsonSerializer.Serialize(ids)));
    }

    private static async Task ExecuteAsync(OpinionDbContext db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            Parameter(command, name).Value = value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
