using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Clocks;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// A flood left untriaged (tens of thousands of items past their triage time) must not stop the watcher: each round
/// takes the oldest items up to its bound, records their alerts once, and the next round goes on from there.
/// </summary>
public class ClockBacklogTests : IAsyncLifetime
{
    private const int Backlog = 40_000;
    private const int PerRound = 50;

    private readonly ClockApp app = new();

    public async Task InitializeAsync()
    {
        app.Settings["Clocks:ItemsPerRound"] = PerRound.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.StartAsync();
        await InsertOldItemsAsync(app.Now.AddDays(-2));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_backlog_larger_than_SQLite_takes_as_parameters_is_worked_through_oldest_first_in_bounded_rounds()
    {
        Assert.Equal(PerRound, await app.ScanAsync());
        Assert.Equal(PerRound, await app.ScanAsync());

        await using var db = await app.CreateDbContextAsync();
        var alerted = await db.ClockAlerts.Where(a => a.ItemId != null).Select(a => a.ItemId!.Value).ToListAsync();
        Assert.Equal(2 * PerRound, alerted.Distinct().Count());
        var oldest = await db.Items.OrderBy(i => i.CollectedAt).ThenBy(i => i.Id).Select(i => i.Id).Take(2 * PerRound).ToListAsync();
        Assert.Equal(oldest.Order(), alerted.Order());
        Assert.All(await db.ClockAlerts.Where(a => a.ItemId != null).ToListAsync(), a => Assert.Equal(ClockThreshold.Breach, a.Threshold));
    }

    [Fact]
    public async Task A_list_of_more_ids_than_SQLite_takes_as_parameters_can_be_asked_for()
    {
        await using var db = await app.CreateDbContextAsync();
        var ids = await db.Items.Select(i => i.Id).ToListAsync();
        Assert.True(ids.Count > 32_766);

        Assert.Equal(ids.Count, await db.Items.CountAsync(i => ids.Contains(i.Id)));
    }

    private async Task InsertOldItemsAsync(DateTime collectedAt)
    {
        if (OpinionResponse.Tests.Support.TestDatabase.IsPostgreSql)
        {
            // The same rows in one statement, a second apart.
            await OpinionResponse.Tests.Features.Support.RawSql.ExecuteAsync(app,
                "INSERT INTO \"Items\" (\"Channel\", \"Title\", \"Content\", \"CollectedAt\", \"CollectedBy\", \"Views\", \"Shares\", " +
                "\"Comments\", \"Likes\", \"SourceKey\", \"Fingerprint\", \"Status\", \"Version\") " +
                "SELECT 'Forum', '积压 ' || n, '积压的帖子。', TIMESTAMP '" +
                collectedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) +
                $"' + n * INTERVAL '1 second', '导入', 0, 0, 0, 0, 'manual', 0, 'New', 0 FROM generate_series(0, {Backlog - 1}) AS n;");
            return;
        }

        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Items (Channel, Title, Content, CollectedAt, CollectedBy, Views, Shares, Comments, Likes, SourceKey, " +
                             "Fingerprint, Status, Version) VALUES ('Forum', $title, '积压的帖子。', $at, '导入', 0, 0, 0, 0, 'manual', 0, 'New', 0);";
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        for (var i = 0; i < Backlog; i++)
        {
            title.Value = $"积压 {i}";
            at.Value = collectedAt.AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
