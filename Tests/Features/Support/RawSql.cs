using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpinionResponse.Tests.Support;

namespace OpinionResponse.Tests.Features.Support;

/// <summary>SQL as someone with the database file would run it: on a connection of its own, past the app.</summary>
public static class RawSql
{
    /// <summary>
    /// Runs <paramref name="sql"/> on the database of <paramref name="app"/>, whichever engine it is on: the SQL must be
    /// what both read alike (quoted names, standard statements).
    /// </summary>
    public static async Task ExecuteAsync(TestApp app, string sql)
    {
        await using DbConnection connection = TestDatabase.IsPostgreSql
            ? new NpgsqlConnection(app.ConnectionString)
            : new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Makes the database refuse the INSERTs into <paramref name="table"/> for which <paramref name="when"/> holds (a
    /// condition on <c>NEW</c>, names quoted), until disposed: a failure injected where the app cannot see it coming.
    /// </summary>
    public static async Task<IAsyncDisposable> RefuseInsertsAsync(TestApp app, string table, string when)
    {
        var name = $"test_refuse_{Guid.NewGuid():N}";
        if (TestDatabase.IsPostgreSql)
        {
            await ExecuteAsync(app, $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                                    $"IF {when} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$; " +
                                    $"CREATE TRIGGER {name} BEFORE INSERT ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION {name}();");
            return new Undo(() => ExecuteAsync(app, $"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();"));
        }

        await ExecuteAsync(app, $"CREATE TRIGGER {name} BEFORE INSERT ON \"{table}\" WHEN {when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        return new Undo(() => ExecuteAsync(app, $"DROP TRIGGER {name};"));
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
