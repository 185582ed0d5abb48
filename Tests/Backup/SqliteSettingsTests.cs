using Microsoft.EntityFrameworkCore;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Backup;

/// <summary>SECURITY.md C2: the app's own connections run in WAL mode with synchronous=FULL and foreign keys on.</summary>
public sealed class SqliteSettingsTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public async Task InitializeAsync() => await app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task Every_connection_the_app_opens_runs_WAL_with_synchronous_FULL_and_foreign_keys_ON()
    {
        // Several contexts at once: each gets a connection of its own from the pool, first-opened or reused.
        var contexts = new List<Infrastructure.Data.OpinionDbContext>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var db = await app.CreateDbContextAsync();
                contexts.Add(db);
                await db.Database.OpenConnectionAsync();
            }

            foreach (var db in contexts)
            {
                Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
                Assert.Equal(2L, await PragmaAsync(db, "synchronous")); // 2 = FULL: a commit is on disk when acknowledged
                Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
            }
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    private static async Task<object?> PragmaAsync(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return await command.ExecuteScalarAsync();
    }
}
