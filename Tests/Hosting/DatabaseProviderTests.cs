using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpinionResponse.App.Cli;
using OpinionResponse.App.Features.Backup;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Search;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// The two database providers: each has migrations for the whole model, the app runs on the configured one, and what
/// differs between them (errors, backups, search) is handled for both.
/// </summary>
[Collection(QueryDesk.Name)]
public class DatabaseProviderTests(DeskFixture fixture)
{
    [Fact]
    public void Each_provider_has_migrations_for_the_whole_model()
    {
        using var sqlite = new DesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations (Data/Migrations) lag behind the model");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations (Data/PostgreSqlMigrations) lag behind the model");
        Assert.Contains(postgres.Database.GetMigrations(), m => m.EndsWith("_AuditChainTriggers", StringComparison.Ordinal));
        Assert.Contains(postgres.Database.GetMigrations(), m => m.EndsWith("_SearchIndex", StringComparison.Ordinal));
        Assert.Contains(postgres.Database.GetMigrations(), m => m.EndsWith("_ScoringPolicyFirstVersion", StringComparison.Ordinal));
    }

    [Fact]
    public void Times_are_timestamps_without_time_zone_on_PostgreSQL()
    {
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var times = postgres.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, p => Assert.Equal("timestamp without time zone", p.GetColumnType()));
    }

    [Fact]
    public void A_unique_key_refusing_a_row_is_recognised_on_both_engines()
    {
        var sqlite = new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: SpecialReports.Year, SpecialReports.Serial'.", 19, 2067);
        var postgres = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation,
            constraintName: "IX_SpecialReports_Year_Serial");
        var foreignKey = new PostgresException("violates foreign key constraint", "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation);

        Assert.True(DbErrors.IsUniqueViolation(new DbUpdateException("save", sqlite), "Year"));
        Assert.True(DbErrors.IsUniqueViolation(new DbUpdateException("save", postgres), "Year"));
        Assert.False(DbErrors.IsUniqueViolation(new DbUpdateException("save", postgres), "Number"));
        Assert.False(DbErrors.IsUniqueViolation(new DbUpdateException("save", foreignKey)));
        Assert.False(DbErrors.IsUniqueViolation(new DbUpdateException("save", new SqliteException("FOREIGN KEY constraint failed", 19, 787))));
    }

    [Fact]
    public void A_PostgreSQL_query_asks_the_index_for_every_token_and_checks_longer_terms_as_phrases()
    {
        var (tokens, phrases) = PostgreSqlSearchIndex.Query(SearchText.Terms("滨江小区 停水 3号楼 水"));

        Assert.Equal(["滨江", "江小", "小区", "停水", "3号", "号楼", "水"], tokens);
        Assert.Equal(["% 滨江 江小 小区 %", "% 3号 号楼 %"], phrases);
        Assert.Equal("滨江 江小 小区 滨 江 小 区", PostgreSqlSearchIndex.Tokens("滨江小区"));
    }

    [PostgreSqlFact("the app's context on PostgreSQL")]
    public async Task The_app_under_test_runs_on_its_own_PostgreSQL_database()
    {
        await using var db = await fixture.App.CreateDbContextAsync();

        Assert.IsType<PostgreSqlOpinionDbContext>(db);
        var database = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database;
        Assert.StartsWith("or_test_", database, StringComparison.Ordinal);
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.Equal(1, await db.ScoringPolicyVersions.CountAsync(v => v.Version == 1));
    }

    [PostgreSqlFact("backups on PostgreSQL are the server's own")]
    public async Task On_PostgreSQL_the_backup_page_says_the_server_takes_the_backups_and_the_app_takes_none()
    {
        var listing = await fixture.App.SendAsync(DemoAccounts.Admin, new ListBackups.Query());

        Assert.True(listing.TakenByDatabaseServer);
        Assert.False(listing.Scheduled);
        Assert.Empty(listing.Rows);
        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => fixture.App.SendAsync(DemoAccounts.Admin, new BackupNow.Command()));
        Assert.Contains("pg_dump", refused.Message, StringComparison.Ordinal);

        // The command line refuses too (the reason goes to standard error).
        await using var scope = fixture.App.Services.CreateAsyncScope();
        Assert.Equal(1, await new BackupCommand().RunAsync(scope.ServiceProvider, ["now"], new StringWriter(), CancellationToken.None));
    }
}
