using System.Globalization;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>SECURITY.md U1–U3: one audit row per command, in the command's own transaction, and the log is append-only.</summary>
[Collection(AuditAndConcurrencyDesk.Name)]
public class AuditTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Every_successful_case_command_writes_one_row_naming_the_action_the_user_and_the_case()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);

        var id = await desk.NewCase().ConfirmedBy(Desk.Agency).InAsync(CaseState.Closed);

        (string Action, DemoAccount By)[] expected =
        [
            ("StartAssessment", DemoAccounts.Analyst), ("CompleteAssessment", DemoAccounts.Analyst), ("RecordReport", DemoAccounts.Analyst),
            ("SubmitReport", DemoAccounts.Analyst), ("SavePlan", DemoAccounts.Analyst), ("SubmitPlan", DemoAccounts.Analyst),
            ("SignPlan", DemoAccounts.Chief), ("BeginResponse", DemoAccounts.Press), ("DraftResponse", DemoAccounts.Press),
            ("SubmitResponse", DemoAccounts.Press), ("ApproveResponse", DemoAccounts.Chief), ("RecordConfirmation", DemoAccounts.Press),
            ("PublishResponse", DemoAccounts.Press), ("CloseCase", DemoAccounts.Chief),
        ];
        // The opening is covered by its own test below.
        var rows = (await desk.AuditOfCaseAsync(id)).Where(a => a.Action != "OpenCaseFromItem.Command").ToList();
        Assert.Equal(
            expected.Select(e => ($"{e.Action}.Command", desk.Actor(e.By).UserId, e.By.DisplayName, AuditOutcome.Succeeded)),
            rows.Select(a => (a.Action, a.UserId!, a.UserName!, a.Outcome)));
        var townOffice = desk.Unit(DemoAccounts.TownOffice).ToString(CultureInfo.InvariantCulture);
        Assert.All(rows, a =>
        {
            Assert.Equal(townOffice, a.Units);
            Assert.InRange(a.At, started, DateTime.UtcNow);
            Assert.Contains($"\"CaseId\":{id}", a.Detail, StringComparison.Ordinal);
        });
        var @case = await desk.CaseAsync(id);
        Assert.Equal(rows.Count, @case.Timeline.Count(t => t.Action is not ("Opened" or "ItemAttached")));
    }

    [Fact]
    public async Task A_change_is_audited_with_the_values_before_and_after()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var before = await desk.CaseAsync(id);

        await desk.SendAsync(DemoAccounts.Analyst, new EditCaseSummary.Command
        {
            CaseId = id, ExpectedVersion = before.Version, Title = "滨江村三组自来水发黑", Summary = "涉及约40户",
        });

        var row = (await desk.AuditOfCaseAsync(id)).Single(a => a.Action == "EditCaseSummary.Command");
        Assert.NotNull(row.Changes);
        using var changes = System.Text.Json.JsonDocument.Parse(row.Changes);
        var title = changes.RootElement.GetProperty($"Case#{id}").GetProperty("Title");
        Assert.Equal((before.Title, "滨江村三组自来水发黑"), (title[0].GetString(), title[1].GetString()));
    }

    [Fact]
    public async Task Triage_commands_are_audited_once_each()
    {
        var last = await desk.LastAuditIdAsync();

        var itemId = await desk.LogItemAsync();
        await desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = itemId, Reason = DismissReason.Spam });

        var rows = await desk.AuditSinceAsync(last);
        Assert.Equal(["LogItem.Command", "DismissItem.Command"], rows.Select(a => a.Action));
        Assert.All(rows, a => Assert.Equal((desk.Actor(DemoAccounts.Duty).UserId, AuditOutcome.Succeeded, "127.0.0.1"), (a.UserId, a.Outcome, a.Ip)));
        Assert.Contains($"\"ItemId\":{itemId}", rows[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_case_is_audited_once_against_the_new_case()
    {
        var itemId = await desk.LogItemAsync();
        var last = await desk.LastAuditIdAsync();

        var caseId = await desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = "立案",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        });

        var row = Assert.Single(await desk.AuditSinceAsync(last));
        Assert.Equal(("OpenCaseFromItem.Command", AuditOutcome.Succeeded), (row.Action, row.Outcome));
        Assert.Equal(("Case", caseId.ToString(CultureInfo.InvariantCulture)), (row.ObjectType, row.ObjectId));
    }

    [Fact]
    public async Task A_refused_or_invalid_command_is_audited_as_such_and_changes_nothing()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var version = await desk.VersionAsync(id);
        var last = await desk.LastAuditIdAsync();

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new StartAssessment.Command(id)));
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = id, Reason = "反弹" }),
            DomainErrors.TriggerNotAllowed);
        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new AddComment.Command { CaseId = id, Text = "" }), "Text");

        var rows = await desk.AuditSinceAsync(last);
        Assert.Equal(
            [
                ("StartAssessment.Command", AuditOutcome.Refused, desk.Actor(DemoAccounts.Press).UserId),
                ("ReopenCase.Command", AuditOutcome.Refused, desk.Actor(DemoAccounts.Chief).UserId),
                ("AddComment.Command", AuditOutcome.Invalid, desk.Actor(DemoAccounts.Duty).UserId),
            ],
            rows.Select(a => (a.Action, a.Outcome, a.UserId!)));
        Assert.All(rows, a => Assert.Equal(id.ToString(CultureInfo.InvariantCulture), a.ObjectId));
        Assert.Contains(DomainErrors.TriggerNotAllowed, rows[1].Detail, StringComparison.Ordinal);
        var @case = await desk.CaseAsync(id);
        Assert.Equal((version, CaseState.Collected), (@case.Version, @case.State));
        Assert.Empty(@case.Comments);
    }

    [Fact]
    public async Task Queries_leave_no_audit_row()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var last = await desk.LastAuditIdAsync();

        await desk.DetailAsync(id);
        await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query());

        Assert.Empty(await desk.AuditSinceAsync(last));
    }

    [Fact]
    public async Task A_row_commits_only_with_its_change_when_commands_race()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var last = await desk.LastAuditIdAsync();

        Task<bool>[] comments;
        await using (await desk.HoldWritesAsync())
        {
            comments = Enumerable.Range(1, 6).Select(n => Task.Run(async () =>
            {
                try
                {
                    await desk.SendAsync(DemoAccounts.Duty, new AddComment.Command { CaseId = id, Text = $"并发备注 {n}" });
                    return true;
                }
                catch (ConcurrencyConflictException)
                {
                    return false;
                }
            })).ToArray();
        }

        var outcomes = await Task.WhenAll(comments);
        Assert.Contains(false, outcomes);

        var rows = await desk.AuditSinceAsync(last);
        var stored = (await desk.CaseAsync(id)).Comments;
        Assert.Equal(6, rows.Count);
        Assert.Equal(outcomes.Count(o => o), rows.Count(a => a.Outcome == AuditOutcome.Succeeded));
        Assert.Equal(stored.Count, rows.Count(a => a.Outcome == AuditOutcome.Succeeded));
        Assert.All(stored, c => Assert.Single(rows, a => a.Outcome == AuditOutcome.Succeeded && a.Detail!.Contains(c.Text, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_audit_log_refuses_updates()
    {
        var row = await AnAuditRowAsync();
        await using var db = await desk.App.CreateDbContextAsync();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditLog\" SET \"Outcome\" = 'Succeeded', \"UserId\" = 'someone-else' WHERE \"Id\" = {row.Id}"));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);

        var after = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == row.Id);
        Assert.Equal((row.UserId, row.Outcome), (after.UserId, after.Outcome));
    }

    [Fact]
    public async Task The_audit_log_refuses_deletes()
    {
        var row = await AnAuditRowAsync();
        await using var db = await desk.App.CreateDbContextAsync();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditLog\" WHERE \"Id\" = {row.Id}"));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);

        Assert.True(await db.AuditEntries.AnyAsync(a => a.Id == row.Id));
    }

    private async Task<AuditEntry> AnAuditRowAsync()
    {
        var last = await desk.LastAuditIdAsync();
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new LogItem.Command { Title = "越权", Content = "越权" }));
        return Assert.Single(await desk.AuditSinceAsync(last));
    }
}
