using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>The database engine, from <c>Database:Provider</c> (docs/deploy.md).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: one box, the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several app processes or a standby.</summary>
    PostgreSql,
}

public static class DatabaseSetup
{
    public const string ProviderKey = "Database:Provider";

    /// <summary>The configured provider; SQLite when none is set.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration.GetValue(ProviderKey, DatabaseProvider.Sqlite);

    /// <summary>
    /// Registers the DbContext factory. On SQLite a relative <c>Data Source</c> is taken relative to
    /// <paramref name="contentRoot"/>, and its folder is created. On PostgreSQL the factory hands out
    /// <see cref="PostgreSqlOpinionDbContext"/> (its own migrations) as an <see cref="OpinionDbContext"/>.
    /// </summary>
    public static IServiceCollection AddOpinionDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString,
        string contentRoot)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContextFactory<OpinionDbContext, PostgreSqlContextFactory>(options => ConfigurePostgreSql(options, connectionString));
            return services;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        builder.DataSource = ResolveDataSource(connectionString, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        builder.ForeignKeys = true;
        var resolved = builder.ToString();
        services.AddDbContextFactory<OpinionDbContext>(options => options
            // A list in a query (ids.Contains(x)) goes as one JSON parameter read with json_each, not one parameter
            // per element: SQLite refuses more than 32,766 parameters, and a list of open items can be longer.
            .UseSqlite(resolved, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SqlitePragmas(), new Search.SearchFunctions()));
        return services;
    }

    /// <summary>The PostgreSQL options of the app and of <c>dotnet ef</c>.</summary>
    public static DbContextOptionsBuilder ConfigurePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        // A list in a query goes as one array parameter (= ANY(@p)), PostgreSQL's own way, whatever its length.
        options.UseNpgsql(connectionString, npgsql => npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>True on PostgreSQL (the derived context), for the few statements written for each engine.</summary>
    public static bool IsPostgreSql(this OpinionDbContext db) => db is PostgreSqlOpinionDbContext;

    /// <summary>The database file of <paramref name="connectionString"/>, a relative path taken from <paramref name="contentRoot"/>.</summary>
    public static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.IsPathRooted(dataSource) || dataSource == ":memory:" ? dataSource : Path.GetFullPath(Path.Combine(contentRoot, dataSource));
    }

    /// <summary>Applies pending migrations; on SQLite it first switches the file to WAL (persistent for the file).</summary>
    public static async Task MigrateAsync(this IDbContextFactory<OpinionDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.IsPostgreSql())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The next case number of the year, e.g. BAZ-2026-0007, taken inside the caller's transaction.</summary>
    public static async Task<string> NextCaseNumberAsync(this OpinionDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var year = now.Year;
        // The same upsert on both engines; PostgreSQL needs the identifiers quoted (it folds bare names to lower case)
        // and the updated column named by its table (the proposed row, EXCLUDED, is in scope too).
        var last = await db.Database
            .SqlQuery<int>($"""INSERT INTO "CaseCounters" ("Year", "Last") VALUES ({year}, 1) ON CONFLICT("Year") DO UPDATE SET "Last" = "CaseCounters"."Last" + 1 RETURNING "Last" AS "Value" """)
            .ToListAsync(cancellationToken);
        return $"BAZ-{year}-{last.Single():0000}";
    }
}

/// <summary>Hands out <see cref="PostgreSqlOpinionDbContext"/> where the app asks for an <see cref="OpinionDbContext"/>.</summary>
internal sealed class PostgreSqlContextFactory(DbContextOptions<OpinionDbContext> options, IServiceProvider services)
    : IDbContextFactory<OpinionDbContext>
{
    public OpinionDbContext CreateDbContext() => new PostgreSqlOpinionDbContext(options, services.GetService<IDomainEventSink>());
}
