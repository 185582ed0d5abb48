using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpinionResponse.Infrastructure.Data;
using Xunit;

namespace OpinionResponse.Tests.Support;

/// <summary>
/// The engine the tests run on: SQLite files by default; PostgreSQL with <c>OR_TEST_DATABASE=PostgreSql</c> and
/// <c>OR_TEST_POSTGRES</c> (an administrator's connection string: test.sh starts a throw-away server and sets both).
/// On PostgreSQL each app gets its own database, copied from a template migrated once per test run (CREATE DATABASE …
/// TEMPLATE takes a fraction of a second; migrating takes seconds), and dropped when the app is disposed.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("OR_TEST_DATABASE"), nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Admin => Environment.GetEnvironmentVariable("OR_TEST_POSTGRES")
        ?? throw new InvalidOperationException("OR_TEST_DATABASE=PostgreSql needs OR_TEST_POSTGRES, an administrator's connection string.");

    /// <summary>A new database copied from the migrated template; its connection string.</summary>
    public static string CreatePostgreSql()
    {
        var template = Template.Value;
        var name = $"or_test_{Guid.NewGuid():N}";
        ExecuteAdmin($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\";");
        return ConnectionString(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever still uses it.</summary>
    public static void DropPostgreSql(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        ExecuteAdmin($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE);");
    }

    /// <summary>
    /// An open connection holding the database's write lock until disposed: other connections read on, their writes
    /// wait. SQLite has one lock for the file (BEGIN IMMEDIATE); on PostgreSQL every table is locked in EXCLUSIVE mode,
    /// which lets reads through and holds every INSERT, UPDATE and DELETE.
    /// </summary>
    public static async Task<DbConnection> HoldWritesAsync(TestApp app)
    {
        DbConnection connection = IsPostgreSql
            ? new NpgsqlConnection(app.ConnectionString)
            : new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = IsPostgreSql
            ? "BEGIN; DO $$ BEGIN EXECUTE (SELECT 'LOCK TABLE ' || string_agg(format('%I', tablename), ', ') || ' IN EXCLUSIVE MODE' " +
              "FROM pg_tables WHERE schemaname = 'public'); END $$;"
            : "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private static string ConnectionString(string database) =>
        // A pool per app, kept small: many apps run at once against one server of limited connections.
        new NpgsqlConnectionStringBuilder(Admin) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    private static string CreateTemplate()
    {
        var name = $"or_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        ExecuteAdmin($"CREATE DATABASE \"{name}\";");
        var connectionString = ConnectionString(name);
        using (var db = new PostgreSqlOpinionDbContext(
                   DatabaseSetup.ConfigurePostgreSql(new DbContextOptionsBuilder<PostgreSqlOpinionDbContext>(), connectionString).Options))
        {
            db.Database.Migrate();
        }

        // A template must have no open connection while it is copied.
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAdmin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);");
            }
            catch (NpgsqlException)
            {
                // The server may be gone already (test.sh stops it); nothing is left behind then.
            }
        };
        return name;
    }

    private static void ExecuteAdmin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A test about SQLite itself (its file, its PRAGMAs, its SQL written past the app): skipped on PostgreSQL, saying why.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute(string reason)
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = $"SQLite only: {reason}";
        }
    }
}

/// <summary>The <see cref="SqliteFactAttribute"/> of a theory.</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute(string reason)
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = $"SQLite only: {reason}";
        }
    }
}

/// <summary>A test of what only PostgreSQL does: skipped on the SQLite run, saying why.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute(string reason)
    {
        if (!TestDatabase.IsPostgreSql)
        {
            Skip = $"PostgreSQL only (OR_TEST_DATABASE=PostgreSql; test.sh runs it): {reason}";
        }
    }
}
