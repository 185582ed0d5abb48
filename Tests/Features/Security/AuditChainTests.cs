using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Cli;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>
/// SECURITY.md U3: every audit row is sealed into a hash chain; the verifier names the first broken link when a row is
/// edited (triggers dropped and recreated), deleted or inserted; the head can be exported and checked later. Tampering
/// happens on a copy of the desk's file (VACUUM INTO), so the desk's own chain stays intact for the other tests.
/// </summary>
[Collection(AuditAndConcurrencyDesk.Name)]
public class AuditChainTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Every_row_is_sealed_in_order_and_the_chain_verifies()
    {
        await MoreRowsAsync();
        await SealAsync();

        await using var db = await desk.App.CreateDbContextAsync();
        // Background stages may add a row meanwhile: what is sealed is a prefix in Id order, numbered 1..n.
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        var sealedRows = rows.TakeWhile(r => r.Hash is not null).ToList();
        Assert.True(sealedRows.Count >= 2);
        Assert.All(rows.Skip(sealedRows.Count), r => Assert.Null(r.Hash));
        Assert.Equal(Enumerable.Range(1, sealedRows.Count).Select(i => (long?)i), sealedRows.Select(r => r.Seq));
        rows = sealedRows;
        var result = await AuditChain.VerifyAsync(db, null, CancellationToken.None);
        Assert.True(result.Intact, result.Break?.Reason);
        Assert.InRange(result.Checked, rows.Count, rows.Count + 5);
        Assert.Equal(result.Checked, result.Head!.Seq);
    }

    [Fact]
    public async Task The_sealer_seals_a_new_row_within_seconds_on_its_own()
    {
        var last = await desk.LastAuditIdAsync();
        await desk.LogItemAsync("自动封存");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        AuditEntry row;
        do
        {
            await Task.Delay(200);
            row = Assert.Single(await desk.AuditSinceAsync(last));
        }
        while (row.Hash is null && DateTime.UtcNow < deadline);

        Assert.NotNull(row.Seq);
        Assert.Equal(AuditChain.HashHexLength, row.Hash!.Length);
    }

    [SqliteFact("the tampering is done on a SQLite copy of the database (VACUUM INTO), with its triggers dropped and recreated")]
    public async Task A_row_edited_with_the_triggers_dropped_and_recreated_is_the_first_broken_link()
    {
        await using var copy = await TamperableCopyAsync();
        var target = await copy.SeqOfRowAsync(middle: true);

        await copy.WithoutTriggerAsync("AuditLog_NoUpdate",
            $"UPDATE AuditLog SET UserName = '另一个人' WHERE Seq = {target}");

        var result = await copy.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal((target, "AuditChain.HashMismatch"), (result.Break!.Seq, result.Break.Code));
        Assert.Equal(target - 1, result.Checked);
    }

    [SqliteFact("the tampering is done on a SQLite copy of the database (VACUUM INTO), with its triggers dropped and recreated")]
    public async Task A_deleted_row_is_the_first_broken_link()
    {
        await using var copy = await TamperableCopyAsync();
        var target = await copy.SeqOfRowAsync(middle: true);

        await copy.WithoutTriggerAsync("AuditLog_NoDelete", $"DELETE FROM AuditLog WHERE Seq = {target}");

        var result = await copy.VerifyAsync();
        Assert.Equal((target, "AuditChain.SeqGap"), (result.Break!.Seq, result.Break.Code));
    }

    [SqliteFact("the tampering is done on a SQLite copy of the database (VACUUM INTO), with its triggers dropped and recreated")]
    public async Task A_row_inserted_among_sealed_rows_is_the_first_broken_link()
    {
        await using var copy = await TamperableCopyAsync();

        await copy.ExecuteAsync("INSERT INTO AuditLog (Id, At, UserName, Action, Outcome) VALUES (-1, '2026-01-01 00:00:00', '伪造', 'SignPlan.Command', 'Succeeded')");

        var result = await copy.VerifyAsync();
        Assert.Equal((1L, "AuditChain.UnsealedBeforeSealed"), (result.Break!.Seq, result.Break.Code));
    }

    [SqliteFact("the tampering is done on a SQLite copy of the database (VACUUM INTO), with its triggers dropped and recreated")]
    public async Task A_sealed_looking_row_appended_with_a_made_up_hash_is_the_first_broken_link()
    {
        await using var copy = await TamperableCopyAsync();
        var head = (await copy.VerifyAsync()).Head!;

        await copy.WithoutTriggerAsync("AuditLog_InsertUnsealed",
            $"INSERT INTO AuditLog (At, UserName, Action, Outcome, Seq, Hash) VALUES ('2026-01-01 00:00:00', '伪造', 'SignPlan.Command', 'Succeeded', {head.Seq + 1}, '{new string('a', 64)}')");

        var result = await copy.VerifyAsync();
        Assert.Equal((head.Seq + 1, "AuditChain.HashMismatch"), (result.Break!.Seq, result.Break.Code));
    }

    [SqliteFact("the tampering is done on a SQLite copy of the database (VACUUM INTO), with its triggers dropped and recreated")]
    public async Task A_chain_rewritten_from_an_edited_row_on_is_caught_by_the_exported_head()
    {
        await using var copy = await TamperableCopyAsync();
        var exported = (await copy.VerifyAsync()).Head!;
        var target = await copy.SeqOfRowAsync(middle: true);

        // Someone who knows the algorithm edits a row and re-seals everything after it: the chain alone looks whole.
        await copy.WithoutTriggerAsync("AuditLog_NoUpdate",
            $"UPDATE AuditLog SET UserName = '另一个人' WHERE Seq = {target}; UPDATE AuditLog SET Seq = NULL, Hash = NULL WHERE Seq >= {target}");
        await using (var db = copy.Context())
        {
            await AuditChain.SealAllAsync(db, CancellationToken.None);
        }

        Assert.True((await copy.VerifyAsync()).Intact);
        var result = await copy.VerifyAsync(exported);
        Assert.Equal((exported.Seq, "AuditChain.HeadMismatch"), (result.Break!.Seq, result.Break.Code));
    }

    [Fact]
    public async Task Triggers_allow_sealing_once_and_nothing_else()
    {
        var last = await desk.LastAuditIdAsync();
        await desk.LogItemAsync("封存规则");
        var hash = new string('b', 64);

        // An unsealed row: sealing it while changing its content is refused.
        await RefusedAsync($"UPDATE \"AuditLog\" SET \"Seq\" = 9999999, \"Hash\" = '{hash}', \"UserName\" = '另一个人' WHERE \"Id\" > {last}");
        await SealAsync();
        var row = Assert.Single(await desk.AuditSinceAsync(last));

        // A sealed row: neither its hash nor its place can be set again.
        await RefusedAsync($"UPDATE \"AuditLog\" SET \"Hash\" = '{hash}' WHERE \"Id\" = {row.Id}");
        await RefusedAsync($"UPDATE \"AuditLog\" SET \"Seq\" = NULL, \"Hash\" = NULL WHERE \"Id\" = {row.Id}");
        // And no row comes in already sealed.
        await RefusedAsync("INSERT INTO \"AuditLog\" (\"At\", \"Action\", \"Outcome\", \"Seq\", \"Hash\") " +
                           $"VALUES ('2026-01-01 00:00:00', 'x', 'Succeeded', 9999998, '{hash}')");
        await using var db = await desk.App.CreateDbContextAsync();
        var stored = await db.AuditEntries.Where(a => a.Id == row.Id).Select(a => new { a.Seq, a.Hash }).SingleAsync();
        Assert.Equal((row.Seq, row.Hash), (stored.Seq, stored.Hash));
    }

    [Fact]
    public async Task The_cli_prints_the_head_and_verifies_against_it()
    {
        await MoreRowsAsync();
        var command = new AuditCommand();
        var head = new StringWriter();
        await using var scope = desk.App.Services.CreateAsyncScope();

        Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["head"], head, CancellationToken.None));
        await using var db = await desk.App.CreateDbContextAsync();
        var newest = await db.AuditEntries.AsNoTracking().Where(a => a.Seq != null).OrderByDescending(a => a.Seq).FirstAsync();
        Assert.StartsWith($"{newest.Seq}:{newest.Hash} ", head.ToString(), StringComparison.Ordinal);

        var verify = new StringWriter();
        Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["verify", head.ToString().Trim()], verify, CancellationToken.None));
        Assert.StartsWith("OK ", verify.ToString(), StringComparison.Ordinal);
        var wrong = $"{newest.Seq}:{new string('0', 64)}";
        Assert.Equal(1, await command.RunAsync(scope.ServiceProvider, ["verify", wrong], new StringWriter(), CancellationToken.None));
    }

    private async Task MoreRowsAsync()
    {
        var itemId = await desk.LogItemAsync("审计链");
        await desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = itemId, Reason = DismissReason.Spam });
    }

    /// <summary>The statement fails, refused by the audit log's triggers (not for a mistake in the SQL).</summary>
    private async Task RefusedAsync(string sql)
    {
        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => RawSql.ExecuteAsync(desk.App, sql));
        Assert.Contains("audit", refused.Message, StringComparison.Ordinal);
    }

    private async Task SealAsync() => await desk.App.Services.GetRequiredService<AuditSealer>().SealNowAsync(CancellationToken.None);

    private async Task<TamperedCopy> TamperableCopyAsync()
    {
        await MoreRowsAsync();
        await MoreRowsAsync();
        await SealAsync();
        var path = Path.Combine(Path.GetDirectoryName(desk.App.DatabasePath)!, $"tampered-{Guid.NewGuid():N}.db");
        await RawSql.ExecuteAsync(desk.App.DatabasePath, $"VACUUM INTO '{path}'");

        var copy = new TamperedCopy(path);
        Assert.True((await copy.VerifyAsync()).Intact);
        return copy;
    }

    /// <summary>A copy of the desk's database that a test may tamper with as an attacker with the file would.</summary>
    private sealed class TamperedCopy(string path) : IAsyncDisposable
    {
        public OpinionDbContext Context() =>
            new(new DbContextOptionsBuilder<OpinionDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);

        public async Task<AuditVerification> VerifyAsync(AuditHead? expected = null)
        {
            await using var db = Context();
            return await AuditChain.VerifyAsync(db, expected, CancellationToken.None);
        }

        public async Task<long> SeqOfRowAsync(bool middle)
        {
            await using var db = Context();
            var max = await db.AuditEntries.MaxAsync(a => a.Seq) ?? 0;
            Assert.True(max >= 3);
            return middle ? max / 2 : max;
        }

        public Task ExecuteAsync(string sql) => RawSql.ExecuteAsync(path, sql);

        /// <summary>Drops the trigger, runs <paramref name="sql"/> and recreates the trigger as it was.</summary>
        public async Task WithoutTriggerAsync(string trigger, string sql)
        {
            var definition = (string)(await RawSql.ScalarAsync(path, $"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{trigger}'"))!;
            await RawSql.ExecuteAsync(path, $"DROP TRIGGER {trigger}; {sql}; {definition};");
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            return ValueTask.CompletedTask;
        }
    }
}
