using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpinionResponse.Infrastructure.Search;

/// <summary>
/// Gives every connection the app opens the two SQL functions that cut text for the search index
/// (<c>search_bigrams</c>, <c>search_unigrams</c>: <see cref="SearchText"/>), so that the migration that backfills the
/// index, the rebuild and case indexing cut text exactly as the intake writer does in C#. No trigger calls them: a
/// connection without them (the sqlite3 shell, a backup) can still write every table.
/// </summary>
public sealed class SearchFunctions : DbConnectionInterceptor
{
    public static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("search_bigrams", (string? text) => SearchText.Bigrams(text), isDeterministic: true);
            sqlite.CreateFunction("search_unigrams", (string? text) => SearchText.Unigrams(text), isDeterministic: true);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }
}
