using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Browser;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// One desk on two app processes (<see cref="TwoNodesFixture"/>): what a user does on node A reaches, live, the open
/// pages of a user served by node B, and what the database decides (claims, concurrent edits) holds on both. Each
/// person is signed in on one node only, as nginx's sticky sessions would keep them.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed class CrossNodeTests(TwoNodesFixture nodes, ITestOutputHelper output)
{
    /// <summary>As on one node (LiveDeskTests), plus the hop through Redis.</summary>
    private const float LiveWithin = 5_000;

    [RedisFact]
    public async Task An_item_posted_to_node_A_appears_on_a_queue_open_on_node_B_and_a_claim_taken_on_A_is_shown_and_refused_on_B()
    {
        await using var onA = new BrowserDesk(nodes.OnA);
        await using var onB = new BrowserDesk(nodes.OnB);
        await onB.RunAsync(() => onA.RunAsync(async () =>
        {
            var title = $"北岸菜市场门口占道经营 {Tag()}";
            var analyst = await onB.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenAsync("/triage");
            await Expect(analyst.GetByTestId("triage-count")).ToBeVisibleAsync();
            var waitingBefore = await analyst.NavTriageCountAsync();
            await analyst.MarkAsync();

            await nodes.PostItemAsync(nodes.A, title, "市民反映：菜市场门口流动摊贩占道经营，早高峰车辆无法通行。");

            var row = analyst.TriageRow(title);
            await LiveAsync("item posted to A on B's queue", () => Expect(row).ToHaveCountAsync(1, new() { Timeout = LiveWithin }));
            await LiveAsync("B's navigation count", () => Expect(analyst.GetByTestId("nav-triage-count"))
                .ToHaveTextAsync(Number(waitingBefore + 1), new() { Timeout = LiveWithin }));

            // 张伟, on node A, starts dismissing it: 李娜 on node B sees it taken, and the server refuses her.
            var duty = await onA.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.TriageRow(title).GetByTestId("dismiss").ClickAsync();
            var dismiss = await duty.DialogWith("dismiss-dialog").ReadyAsync();
            await LiveAsync("A's claim on B's row", () => Expect(row.GetByTestId("triage-claimed"))
                .ToContainTextAsync("张伟 正在处理", new() { Timeout = LiveWithin }));
            await Expect(row.GetByTestId("dismiss")).ToBeDisabledAsync();
            await row.Locator(".triage-title").ClickAsync();
            await Expect(row).ToHaveAttributeAsync("aria-selected", "true");
            await analyst.GetByTestId("triage-queue").PressAsync("d");
            await Expect(analyst.Locator(".mud-snackbar", new() { HasText = "该信息正由其他人处理" })).ToBeVisibleAsync();
            await Expect(analyst.DialogWith("dismiss-dialog")).ToHaveCountAsync(0);

            // He cancels on A: free again on B.
            await dismiss.GetByTestId("dialog-cancel").ClickAsync();
            await LiveAsync("A's release on B's row", () => Expect(row.GetByTestId("triage-claimed"))
                .ToHaveCountAsync(0, new() { Timeout = LiveWithin }));
            await Expect(row.GetByTestId("dismiss")).ToBeEnabledAsync();
            await analyst.ExpectNotReloadedAsync();
        }));
    }

    [RedisFact]
    public async Task Viewers_on_both_nodes_see_each_other_and_a_mention_on_A_rings_the_bell_and_shows_on_the_case_page_on_B()
    {
        await using var onA = new BrowserDesk(nodes.OnA);
        await using var onB = new BrowserDesk(nodes.OnB);
        await onB.RunAsync(() => onA.RunAsync(async () =>
        {
            var chief = await onA.AsAsync(DemoAccounts.Chief);
            var caseId = await chief.LogAndOpenCaseAsync($"北岸中学周边网吧接纳未成年人 {Tag()}", "家长来电反映北岸中学附近网吧接纳未成年人上网至深夜。");
            await chief.MarkAsync();

            var analyst = await onB.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            await LiveAsync("B's viewer on A's case page", () => Expect(chief.Locator("[data-testid=presence-viewer][data-user-name='李娜']"))
                .ToBeVisibleAsync(new() { Timeout = LiveWithin }));
            await Expect(analyst.Locator("[data-testid=presence-viewer][data-user-name='王强']")).ToBeVisibleAsync();
            var bellCount = analyst.GetByTestId("bell-count");
            var unreadBefore = int.Parse((await bellCount.TextContentAsync() ?? "0").Trim(), CultureInfo.InvariantCulture);
            await analyst.MarkAsync();

            const string text = "@李娜 请补充研判";
            var box = chief.GetByTestId("comment-box");
            await box.FillAsync("@李");
            await chief.Locator("[data-testid=mention-suggestion][data-user-name='李娜']").ClickAsync();
            await box.FillAsync(text);
            await chief.GetByTestId("comment-send").ClickAsync();
            await Expect(chief.GetByTestId("case-comment").Filter(new() { HasText = text })).ToHaveCountAsync(1);

            await LiveAsync("bell on B", () => Expect(bellCount).ToHaveTextAsync(Number(unreadBefore + 1), new() { Timeout = LiveWithin }));
            await LiveAsync("comment on B's case page", () => Expect(analyst.GetByTestId("case-comment").Filter(new() { HasText = text }))
                .ToHaveCountAsync(1, new() { Timeout = LiveWithin }));

            // 李娜 leaves the case (in the app, no reload): gone from his page on A.
            await analyst.GetByTestId("nav-board").ClickAsync();
            await Expect(analyst.GetByTestId("board")).ToBeVisibleAsync();
            await LiveAsync("B's viewer gone from A's page", () => Expect(chief.Locator("[data-testid=presence-viewer][data-user-name='李娜']"))
                .ToHaveCountAsync(0, new() { Timeout = LiveWithin }));
            await analyst.ExpectNotReloadedAsync();
            await chief.ExpectNotReloadedAsync();
        }));
    }

    [RedisFact]
    public async Task Saving_a_summary_on_B_over_one_saved_on_A_meanwhile_shows_both_versions()
    {
        await using var onA = new BrowserDesk(nodes.OnA);
        await using var onB = new BrowserDesk(nodes.OnB);
        await onB.RunAsync(() => onA.RunAsync(async () =>
        {
            var tag = Tag();
            var chief = await onA.AsAsync(DemoAccounts.Chief);
            var caseId = await chief.LogAndOpenCaseAsync($"北岸大道排水工程质量受质疑 {tag}", "网友发帖质疑北岸大道新修排水管网质量，雨后多处积水。");
            var analyst = await onB.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);

            var chiefEdit = await chief.BeginAsync("EditSummary");
            var analystEdit = await analyst.BeginAsync("EditSummary");
            var chiefText = $"王强：城建办已到场，今晚抽排积水。{tag}";
            var analystText = $"李娜：需核实施工单位与验收记录。{tag}";

            await chiefEdit.GetByTestId("summary").EnterAsync(chiefText);
            await chief.SubmitCaseAsync(chiefEdit);
            await LiveAsync("A's save on B's case page", () => Expect(analyst.GetByTestId("case-summary"))
                .ToHaveTextAsync(chiefText, new() { Timeout = LiveWithin }));

            await analystEdit.GetByTestId("summary").EnterAsync(analystText);
            await analystEdit.GetByTestId("dialog-submit").ClickAsync();
            var conflict = analyst.DialogWith("conflict-dialog");
            await Expect(conflict).ToBeVisibleAsync();
            var field = conflict.Locator("[data-testid=conflict-field][data-key=Summary]");
            await Expect(field.GetByTestId("conflict-mine")).ToContainTextAsync(analystText);
            await Expect(field.GetByTestId("conflict-theirs")).ToContainTextAsync(chiefText);
            await Expect(chief.GetByTestId("case-summary")).ToHaveTextAsync(chiefText);
        }));
    }

    [RedisFact]
    public async Task An_item_stored_by_node_B_is_found_as_the_near_duplicate_and_same_matter_of_a_later_item_on_node_A()
    {
        var tag = Tag();
        const string content = "北岸镇滨江小区三期从昨晚开始停水，已经超过十五个小时，物业没有任何通知，老人和孩子生活非常不便，"
            + "居民多次拨打物业电话无人接听，希望有关部门尽快协调自来水公司恢复供水并说明原因。";
        var first = await nodes.PostItemAsync(nodes.B, $"滨江小区三期停水十五小时 {tag}", content);
        // The first item's own stages ran on B; A hears of it through Redis and reads it from the database.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var second = await nodes.PostItemAsync(nodes.A, $"滨江小区三期停水十五小时无人管 {tag}", content + "转发求助！");

        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await nodes.DbAsync();
            var stages = await db.ItemSuggestions.AsNoTracking().Where(s => s.ItemId == second && s.RelatedItemId == first)
                .Select(s => s.Stage).ToListAsync();
            return stages.Contains(SuggestionStage.NearDuplicate) && stages.Contains(SuggestionStage.SameMatter);
        }, TimeSpan.FromSeconds(30));
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private Task LiveAsync(string what, Func<Task> expectation) => output.LiveAsync(what, expectation);
}
