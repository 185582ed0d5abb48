using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Import;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Intake.Import;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>
/// SECURITY.md U2 for the intake: the audit row of a hand-logged item and of an import commits in the writer's
/// transaction, with the items: when the row cannot be written the items are not stored either.
/// </summary>
[Collection(AuditAndConcurrencyDesk.Name)]
public class IntakeAuditTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_logged_item_and_its_audit_row_commit_together()
    {
        var last = await desk.LastAuditIdAsync();

        var itemId = await desk.LogItemAsync();

        var row = Assert.Single(await desk.AuditSinceAsync(last));
        Assert.Equal(("LogItem.Command", AuditOutcome.Succeeded, "Item", itemId.ToString(CultureInfo.InvariantCulture)),
            (row.Action, row.Outcome, row.ObjectType, row.ObjectId));
        Assert.StartsWith("{\"submitted\":1,\"created\":1}", row.Detail, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", row.Ip);
    }

    [Fact]
    public async Task When_the_audit_row_cannot_be_written_the_logged_item_is_not_stored_either()
    {
        var tag = Desk.Tag();
        var items = await desk.ItemCountAsync();
        var last = await desk.LastAuditIdAsync();

        await using (await RefuseSuccessRowsAsync("LogItem.Command"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => desk.LogItemAsync($"{tag} 回滚"));
        }

        Assert.Equal(items, await desk.ItemCountAsync());
        var row = Assert.Single(await desk.AuditSinceAsync(last));
        Assert.Equal(AuditOutcome.Failed, row.Outcome);
    }

    [Fact]
    public async Task An_import_writes_its_audit_row_with_each_chunk_of_items_and_rolls_back_with_them()
    {
        var tag = Desk.Tag();
        var sheet = SampleFiles.Utf8WithBom(SampleFiles.Csv("渠道,标题,内容",
            $"论坛,导入一,{tag} 第一条", $"论坛,导入二,{tag} 第二条"));
        var items = await desk.ItemCountAsync();
        var last = await desk.LastAuditIdAsync();

        await using (await RefuseSuccessRowsAsync("ImportItems.Command"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() =>
                desk.SendAsync(DemoAccounts.Duty, new ImportItems.Command { FileName = "a.csv", File = sheet }));
        }

        Assert.Equal(items, await desk.ItemCountAsync());
        Assert.Equal([AuditOutcome.Failed], (await desk.AuditSinceAsync(last)).Select(a => a.Outcome));

        last = await desk.LastAuditIdAsync();
        var result = await desk.SendAsync(DemoAccounts.Duty, new ImportItems.Command { FileName = "a.csv", File = sheet });

        Assert.Equal(2, result.Created);
        var row = Assert.Single(await desk.AuditSinceAsync(last));
        Assert.Equal(("ImportItems.Command", AuditOutcome.Succeeded), (row.Action, row.Outcome));
        Assert.StartsWith("{\"submitted\":2,\"created\":2}", row.Detail, StringComparison.Ordinal);
        Assert.Contains("a.csv", row.Detail, StringComparison.Ordinal);
    }

    /// <summary>Makes the database refuse the successful audit row of <paramref name="action"/> until disposed.</summary>
    private Task<IAsyncDisposable> RefuseSuccessRowsAsync(string action) =>
        RawSql.RefuseInsertsAsync(desk.App, "AuditLog", $"NEW.\"Action\" = '{action}' AND NEW.\"Outcome\" = 'Succeeded'");
}
