using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Search;

/// <summary>
/// The search index on PostgreSQL, finding what <see cref="SqliteSearchIndex"/> finds: the same tokens from
/// <see cref="SearchText"/>, in two tables <c>ItemSearch</c> and <c>CaseSearch</c> keyed by the item's or case's id.
/// <c>Tokens</c> (a <c>text[]</c> with a GIN index) holds each bigram and each unit once; a query asks for all of its
/// terms' tokens with <c>@&gt;</c>, which the index answers. A term of three or more units must also be a phrase — its
/// bigrams next to each other, in order, as FTS5 reads a phrase — which <c>Bigrams</c> (the bigram column, in document
/// order) checks on the rows the index found. Tokens are letters and digits only, so they need no escaping anywhere.
/// </summary>
public sealed class PostgreSqlSearchIndex(IDbContextFactory<OpinionDbContext> dbFactory) : ISearchIndex
{
    /// <summary>Tables and indexes, for the hand-written migration.</summary>
    public const string CreateTables =
        "CREATE TABLE IF NOT EXISTS \"ItemSearch\" (\"Id\" integer PRIMARY KEY, \"Bigrams\" text NOT NULL, \"Tokens\" text[] NOT NULL);" +
        "CREATE INDEX IF NOT EXISTS \"IX_ItemSearch_Tokens\" ON \"ItemSearch\" USING gin (\"Tokens\");" +
        "CREATE TABLE IF NOT EXISTS \"CaseSearch\" (\"Id\" integer PRIMARY KEY, \"Bigrams\" text NOT NULL, \"Tokens\" text[] NOT NULL);" +
        "CREATE INDEX IF NOT EXISTS \"IX_CaseSearch_Tokens\" ON \"CaseSearch\" USING gin (\"Tokens\");";

    public const string DropTables = "DROP TABLE IF EXISTS \"ItemSearch\"; DROP TABLE IF EXISTS \"CaseSearch\";";

    private const int Chunk = 5_000;

    private static readonly string ItemTexts =
        $"SELECT i.\"Id\", {SearchSql.ForPostgreSql(SearchSql.ItemTextColumns)} FROM \"Items\" i";

    private static readonly string CaseTexts =
        $"SELECT c.\"Id\", {SearchSql.ForPostgreSql(SearchSql.CaseTextColumns)} FROM \"Cases\" c";

    public async Task AddItemsAsync(OpinionDbContext db, IReadOnlyList<OpinionItem> items, CancellationToken cancellationToken)
    {
        if (items.Count > 0)
        {
            await UpsertAsync(db, "ItemSearch", items.Select(i => (i.Id, SearchSql.ItemText(i))).ToList(), cancellationToken);
        }
    }

    public Task IndexItemsAsync(IReadOnlyCollection<int> itemIds, CancellationToken cancellationToken) =>
        IndexAsync("ItemSearch", $"{ItemTexts} WHERE i.\"Id\" = ANY(@ids)", itemIds, cancellationToken);

    public Task IndexCasesAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken) =>
        IndexAsync("CaseSearch", $"{CaseTexts} WHERE c.\"Id\" = ANY(@ids)", caseIds, cancellationToken);

    public Task<IReadOnlyList<int>> FindItemsAsync(IReadOnlyList<SearchTerm> terms, int? beforeId, int limit, CancellationToken cancellationToken) =>
        FindAsync("ItemSearch", terms, beforeId, limit, cancellationToken);

    public Task<IReadOnlyList<int>> FindCasesAsync(IReadOnlyList<SearchTerm> terms, int? beforeId, int limit, CancellationToken cancellationToken) =>
        FindAsync("CaseSearch", terms, beforeId, limit, cancellationToken);

    public async Task<IReadOnlyDictionary<int, string>> CaseTextsAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        if (caseIds.Count == 0)
        {
            return new Dictionary<int, string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReadTextsAsync(db, $"{CaseTexts} WHERE c.\"Id\" = ANY(@ids)", cancellationToken, ("@ids", caseIds.ToArray()));
    }

    public async Task<(int Items, int Cases)> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"CaseSearch\";", cancellationToken);
        var cases = await ReadTextsAsync(db, CaseTexts, cancellationToken);
        await UpsertAsync(db, "CaseSearch", cases.Select(c => (c.Key, c.Value)).ToList(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ItemSearch\";", cancellationToken);
        // In chunks of ids, each its own statement: memory stays small however many items there are.
        var maxId = await db.Items.MaxAsync(i => (int?)i.Id, cancellationToken) ?? 0;
        for (var from = 0; from < maxId; from += Chunk)
        {
            var texts = await ReadTextsAsync(db, $"{ItemTexts} WHERE i.\"Id\" > @from AND i.\"Id\" <= @to", cancellationToken,
                ("@from", from), ("@to", from + Chunk));
            await UpsertAsync(db, "ItemSearch", texts.Select(t => (t.Key, t.Value)).ToList(), cancellationToken);
        }

        return (await db.Items.CountAsync(cancellationToken), await db.Cases.CountAsync(cancellationToken));
    }

    /// <summary>Every token a document is found by: its bigrams and its units, each once, space separated.</summary>
    public static string Tokens(string text) =>
        string.Join(' ', SearchText.Bigrams(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SearchText.Unigrams(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal));

    /// <summary>The tokens every match contains, and the phrases (bigrams in a row) the longer terms must also be.</summary>
    public static (string[] Tokens, List<string> Phrases) Query(IReadOnlyList<SearchTerm> terms)
    {
        var tokens = new List<string>();
        var phrases = new List<string>();
        foreach (var term in terms)
        {
            if (term.Units.Count == 1)
            {
                tokens.Add(term.Units[0]);
                continue;
            }

            var bigrams = Enumerable.Range(0, term.Units.Count - 1).Select(i => term.Units[i] + term.Units[i + 1]).ToList();
            tokens.AddRange(bigrams);
            if (bigrams.Count > 1)
            {
                phrases.Add($"% {string.Join(' ', bigrams)} %");
            }
        }

        return (tokens.Distinct(StringComparer.Ordinal).ToArray(), phrases);
    }

    private async Task<IReadOnlyList<int>> FindAsync(string table, IReadOnlyList<SearchTerm> terms, int? beforeId, int limit,
        CancellationToken cancellationToken)
    {
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        var (tokens, phrases) = Query(terms);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var phraseSql = string.Concat(phrases.Select((_, i) => $" AND (' ' || \"Bigrams\") LIKE @phrase{i}"));
        command.CommandText =
            $"SELECT \"Id\" FROM \"{table}\" WHERE \"Tokens\" @> @tokens{phraseSql} AND \"Id\" < @before ORDER BY \"Id\" DESC LIMIT @limit;";
        Parameter(command, "@tokens", tokens);
        for (var i = 0; i < phrases.Count; i++)
        {
            Parameter(command, $"@phrase{i}", phrases[i]);
        }

        Parameter(command, "@before", beforeId ?? int.MaxValue);
        Parameter(command, "@limit", limit);
        var ids = new List<int>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private async Task IndexAsync(string table, string textSql, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var texts = await ReadTextsAsync(db, textSql, cancellationToken, ("@ids", ids.ToArray()));
        await UpsertAsync(db, table, texts.Select(t => (t.Key, t.Value)).ToList(), cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadTextsAsync(OpinionDbContext db, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            Parameter(command, name, value);
        }

        var texts = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[reader.GetInt32(0)] = reader.GetString(1);
        }

        return texts;
    }

    /// <summary>Indexes (again) each (id, text), in one statement, inside the context's transaction when it has one.</summary>
    private static async Task UpsertAsync(OpinionDbContext db, string table, IReadOnlyList<(int Id, string Text)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 0;
        command.CommandText =
            $"INSERT INTO \"{table}\" (\"Id\", \"Bigrams\", \"Tokens\") " +
            "SELECT u.id, u.bi, string_to_array(u.tok, ' ') FROM unnest(@ids, @bis, @toks) AS u(id, bi, tok) " +
            "ON CONFLICT (\"Id\") DO UPDATE SET \"Bigrams\" = EXCLUDED.\"Bigrams\", \"Tokens\" = EXCLUDED.\"Tokens\";";
        Parameter(command, "@ids", rows.Select(r => r.Id).ToArray());
        Parameter(command, "@bis", rows.Select(r => SearchText.Bigrams(r.Text)).ToArray());
        Parameter(command, "@toks", rows.Select(r => Tokens(r.Text)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
