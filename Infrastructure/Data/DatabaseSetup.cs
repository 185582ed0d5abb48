using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpinionResponse.Infrastructure.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the DbContext factory on a SQLite file. A relative <c>Data Source</c> is taken relative to
    /// <paramref name="contentRoot"/>, and its folder is created.
    /// </summary>
    public static IServiceCollection AddOpinionDatabase(this IServiceCollection services, string connectionString, string contentRoot)
    {
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

    /// <summary>The database file of <paramref name="connectionString"/>, a relative path taken from <paramref name="contentRoot"/>.</summary>
    public static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.IsPathRooted(dataSource) || dataSource == ":memory:" ? dataSource : Path.GetFullPath(Path.Combine(contentRoot, dataSource));
    }

    /// <summary>Applies pending migrations and switches the file to WAL (persistent for the file).</summary>
    public static async Task MigrateAsync(this IDbContextFactory<OpinionDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The next case number of the year, e.g. BAZ-2026-0007, taken inside the caller's transaction.</summary>
    public static async Task<string> NextCaseNumberAsync(this OpinionDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var year = now.Year;
        var last = await db.Database
            .SqlQuery<int>($"INSERT INTO CaseCounters (Year, Last) VALUES ({year}, 1) ON CONFLICT(Year) DO UPDATE SET Last = Last + 1 RETURNING Last AS Value")
            .ToListAsync(cancellationToken);
        return $"BAZ-{year}-{last.Single():0000}";
    }
}
