using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// What users of a live desk must see, with two officers at once: each signed in through the real login in a browser context
/// of their own (their own cookie and circuit). What one does shows on the other's open page without a reload: every
/// test marks the watching page before the action (<see cref="LiveSteps.MarkAsync"/>) and checks the mark survived after.
/// Live expectations get <see cref="LiveWithin"/>, not the general step timeout; the time each took is written to the
/// test output.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class LiveDeskTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>"Within a second" on an idle desk (300 ms coalescing plus a re-query); a few seconds on a busy two-core machine.</summary>
    private const float LiveWithin = 5_000;

    [Fact]
    public async Task An_item_logged_by_one_officer_appears_on_another_officers_open_queue_marked_new_and_counted()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var title = $"北岸菜市场门口占道经营 {Tag()}";
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenAsync("/triage");
            await Expect(analyst.GetByTestId("triage-count")).ToBeVisibleAsync();
            var waitingBefore = await analyst.NavTriageCountAsync();
            await Expect(analyst.TriageRow(title)).ToHaveCountAsync(0);
            await analyst.MarkAsync();

            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.LogItemAsync("热线电话", title, "市民来电反映：菜市场门口流动摊贩占道经营，早高峰车辆无法通行。", "来电市民", "13900000001");

            var row = analyst.TriageRow(title);
            await LiveAsync("item on the other officer's queue", () => Expect(row).ToHaveCountAsync(1, new() { Timeout = LiveWithin }));
            await Expect(row.GetByTestId("triage-new")).ToHaveTextAsync("新");
            await Expect(row).ToHaveClassAsync(new Regex(@"\btriage-row-new\b"));
            await LiveAsync("navigation count", () => Expect(analyst.GetByTestId("nav-triage-count"))
                .ToHaveTextAsync(Number(waitingBefore + 1), new() { Timeout = LiveWithin }));
            await analyst.ExpectNotReloadedAsync();
        });
    }

    [Fact]
    public async Task An_item_being_triaged_is_claimed_for_the_others_until_the_officer_cancels()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var title = $"低价家电回收广告 {Tag()}";
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.LogItemAsync("论坛", title, "上门回收旧家电，价格全镇最高，欢迎来电。", "回收商");

            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenAsync("/triage");
            var row = analyst.TriageRow(title);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("triage-claimed")).ToHaveCountAsync(0);
            await ExpectButtonsAsync(row, enabled: true);
            await analyst.MarkAsync();
            await duty.MarkAsync();

            // 张伟 starts dismissing it: 李娜 sees it taken, and cannot act on it.
            await duty.TriageRow(title).GetByTestId("dismiss").ClickAsync();
            var dismiss = await duty.DialogWith("dismiss-dialog").ReadyAsync();
            await LiveAsync("claim on the other officer's row", () => Expect(row.GetByTestId("triage-claimed"))
                .ToContainTextAsync("张伟 正在处理", new() { Timeout = LiveWithin }));
            await Expect(row).ToHaveClassAsync(new Regex(@"\btriage-row-claimed\b"));
            await ExpectButtonsAsync(row, enabled: false);

            // Refused by the server, not only greyed out: the keyboard shortcut asks for the claim and is told no.
            await row.Locator(".triage-title").ClickAsync();
            await Expect(row).ToHaveAttributeAsync("aria-selected", "true");
            await analyst.GetByTestId("triage-queue").PressAsync("d");
            await Expect(analyst.Locator(".mud-snackbar", new() { HasText = "该信息正由其他人处理" })).ToBeVisibleAsync();
            await Expect(analyst.DialogWith("dismiss-dialog")).ToHaveCountAsync(0);
            await Expect(row.GetByTestId("triage-claimed")).ToContainTextAsync("张伟 正在处理");

            // 张伟 cancels: the item is free again for 李娜.
            await dismiss.GetByTestId("dialog-cancel").ClickAsync();
            await Expect(dismiss).ToHaveCountAsync(0);
            await LiveAsync("claim released on the other officer's row", () => Expect(row.GetByTestId("triage-claimed"))
                .ToHaveCountAsync(0, new() { Timeout = LiveWithin }));
            await Expect(row).Not.ToHaveClassAsync(new Regex(@"\btriage-row-claimed\b"));
            await ExpectButtonsAsync(row, enabled: true);

            // Now 李娜 takes it (张伟 sees her claim) and dismisses it: it leaves both queues.
            await row.GetByTestId("dismiss").ClickAsync();
            var hers = await analyst.DialogWith("dismiss-dialog").ReadyAsync();
            var dutyRow = duty.TriageRow(title);
            await LiveAsync("claim on the first officer's row", () => Expect(dutyRow.GetByTestId("triage-claimed"))
                .ToContainTextAsync("李娜 正在处理", new() { Timeout = LiveWithin }));
            await ExpectButtonsAsync(dutyRow, enabled: false);
            await hers.GetByTestId("dismiss-reason-Spam").ClickAsync();
            await hers.GetByTestId("dismiss-note").EnterAsync("商业广告，与政务无关");
            await hers.SubmitAsync();
            await Expect(row).ToHaveCountAsync(0);
            await LiveAsync("dismissed item gone from the first officer's queue", () => Expect(dutyRow)
                .ToHaveCountAsync(0, new() { Timeout = LiveWithin }));

            await analyst.ExpectNotReloadedAsync();
            await duty.ExpectNotReloadedAsync();
        });
    }

    [Fact]
    public async Task A_case_page_shows_who_else_is_viewing_it_and_drops_them_when_they_leave()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            var caseId = await duty.LogAndOpenCaseAsync($"滨江幼儿园门前路灯不亮 {Tag()}", "家长反映幼儿园门前路灯一周未亮，接送孩子不安全。");
            var viewers = duty.GetByTestId("presence-viewer");
            var analystAvatar = duty.Locator("[data-testid=presence-viewer][data-user-name='李娜']");
            await Expect(duty.GetByTestId("presence")).ToBeVisibleAsync();
            await Expect(viewers).ToHaveCountAsync(0);
            await duty.MarkAsync();

            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            await LiveAsync("viewer's avatar", () => Expect(analystAvatar).ToBeVisibleAsync(new() { Timeout = LiveWithin }));
            await Expect(analystAvatar).ToHaveTextAsync("李");
            await Expect(viewers).ToHaveCountAsync(1);
            // And she sees him, who was there first.
            await Expect(analyst.Locator("[data-testid=presence-viewer][data-user-name='张伟']")).ToBeVisibleAsync();

            // 李娜 moves on to the board (in the app, no reload): she is gone from his case page.
            await analyst.MarkAsync();
            await analyst.GetByTestId("nav-board").ClickAsync();
            await analyst.WaitForURLAsync(url => url.EndsWith("/board", StringComparison.Ordinal));
            await BrowserFixture.WaitForCircuitAsync(analyst);
            await Expect(analyst.GetByTestId("board")).ToBeVisibleAsync();
            await analyst.ExpectNotReloadedAsync();
            await LiveAsync("viewer gone", () => Expect(analystAvatar).ToHaveCountAsync(0, new() { Timeout = LiveWithin }));
            await Expect(viewers).ToHaveCountAsync(0);
            await duty.ExpectNotReloadedAsync();
        });
    }

    [Fact]
    public async Task A_mention_in_a_comment_rings_the_colleagues_bell_and_the_comment_shows_on_her_open_case_page()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            var caseId = await chief.LogAndOpenCaseAsync($"北岸中学周边网吧接纳未成年人 {Tag()}", "家长来电反映北岸中学附近网吧接纳未成年人上网至深夜。");

            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            var bellCount = analyst.GetByTestId("bell-count");
            var unreadBefore = int.Parse((await bellCount.TextContentAsync() ?? "0").Trim(), CultureInfo.InvariantCulture);
            await Expect(analyst.GetByTestId("case-comment")).ToHaveCountAsync(0);
            await analyst.MarkAsync();

            // 王强 types "@李", picks 李娜 from the suggestions and writes the rest.
            const string text = "@李娜 请补充研判";
            var box = chief.GetByTestId("comment-box");
            await box.FillAsync("@李");
            await chief.Locator("[data-testid=mention-suggestion][data-user-name='李娜']").ClickAsync();
            await Expect(box).ToHaveValueAsync("@李娜 ");
            await box.FillAsync(text);
            await chief.GetByTestId("comment-send").ClickAsync();
            await Expect(chief.GetByTestId("case-comment").Filter(new() { HasText = text })).ToHaveCountAsync(1);
            await Expect(box).ToHaveValueAsync(string.Empty);

            await LiveAsync("bell count", () => Expect(bellCount).ToHaveTextAsync(Number(unreadBefore + 1), new() { Timeout = LiveWithin }));
            await Expect(analyst.GetByTestId("bell")).ToHaveAttributeAsync("data-unread", Number(unreadBefore + 1));
            var comment = analyst.GetByTestId("case-comment").Filter(new() { HasText = text });
            await LiveAsync("comment on the open case page", () => Expect(comment).ToHaveCountAsync(1, new() { Timeout = LiveWithin }));
            await Expect(comment.Locator(".case-who")).ToHaveTextAsync("王强");
            await analyst.ExpectNotReloadedAsync();

            // The bell lists it: a mention by 王强 on this case, unread.
            await analyst.GetByTestId("bell-button").ClickAsync();
            var note = analyst.Locator($"[data-testid=notification][data-kind=Mention][data-case-id='{caseId}']");
            await Expect(note).ToHaveCountAsync(1);
            await Expect(note).ToHaveAttributeAsync("data-read", "false");
            await Expect(note).ToContainTextAsync("王强");
            await analyst.ExpectNotReloadedAsync();
        });
    }

    [Fact]
    public async Task Two_officers_saving_the_same_summary_see_both_versions_and_the_merge_keeps_both_texts()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Tag();
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            var caseId = await chief.LogAndOpenCaseAsync($"北岸大道排水工程质量受质疑 {tag}", "网友发帖质疑北岸大道新修排水管网质量，雨后多处积水。");
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            await chief.MarkAsync();
            await analyst.MarkAsync();

            // Both open 编辑摘要 on the same version of the case.
            var chiefEdit = await chief.BeginAsync("EditSummary");
            var analystEdit = await analyst.BeginAsync("EditSummary");
            var chiefText = $"王强：城建办已到场，两辆车涉水熄火，今晚抽排积水。{tag}";
            var analystText = $"李娜：网友质疑施工质量，需核实施工单位与验收记录。{tag}";

            // 王强 saves first; 李娜's page shows his summary live while her dialog keeps what she is editing.
            await chiefEdit.GetByTestId("summary").EnterAsync(chiefText);
            await chief.SubmitCaseAsync(chiefEdit);
            await Expect(chief.GetByTestId("case-summary")).ToHaveTextAsync(chiefText);
            await LiveAsync("first save on the other page", () => Expect(analyst.GetByTestId("case-summary"))
                .ToHaveTextAsync(chiefText, new() { Timeout = LiveWithin }));

            // 李娜 saves second: she is shown both versions side by side.
            await analystEdit.GetByTestId("summary").EnterAsync(analystText);
            await analystEdit.GetByTestId("dialog-submit").ClickAsync();
            var conflict = analyst.DialogWith("conflict-dialog");
            await Expect(conflict).ToBeVisibleAsync();
            await Expect(conflict.GetByTestId("conflict-field")).ToHaveCountAsync(1);
            var field = conflict.Locator("[data-testid=conflict-field][data-key=Summary]");
            await Expect(field.GetByTestId("conflict-mine")).ToContainTextAsync(analystText);
            await Expect(field.GetByTestId("conflict-theirs")).ToContainTextAsync(chiefText);
            await Expect(field.GetByTestId("conflict-theirs")).ToContainTextAsync("王强");
            await Expect(conflict.GetByTestId("conflict-save")).ToBeDisabledAsync();

            // 合并编辑 offers both texts in one box; she saves that.
            await field.GetByTestId("conflict-use-merge").ClickAsync();
            await Expect(field).ToHaveAttributeAsync("data-choice", "Merge");
            var merged = field.GetByTestId("conflict-merged");
            await Expect(merged).ToHaveValueAsync(BothOf(chiefText, analystText));
            await conflict.GetByTestId("conflict-save").ClickAsync();
            await Expect(conflict).ToHaveCountAsync(0);
            await Expect(analyst.CaseDialog()).ToHaveCountAsync(0);

            // Nothing lost: the case holds both, on her page and, live, on his.
            await Expect(analyst.GetByTestId("case-summary")).ToHaveTextAsync(BothOf(chiefText, analystText));
            await LiveAsync("merged summary on the other page", () => Expect(chief.GetByTestId("case-summary"))
                .ToHaveTextAsync(BothOf(chiefText, analystText), new() { Timeout = LiveWithin }));
            var edits = (await chief.TimelineAsync()).Where(e => e.Action == "EditSummary").Select(e => e.Actor).ToList();
            Assert.Equal(new[] { "王强", "李娜" }, edits);
            await chief.ExpectNotReloadedAsync();
            await analyst.ExpectNotReloadedAsync();
        });
    }

    [Fact]
    public async Task A_case_moved_by_one_officer_moves_its_card_on_another_officers_open_board()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            var caseId = await duty.LogAndOpenCaseAsync($"滨江村垃圾清运不及时 {Tag()}", "村民反映垃圾站三天未清运，气味很大。");

            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenAsync("/board");
            var collected = analyst.Locator("[data-testid=board-column][data-state=Collected]");
            var assessing = analyst.Locator("[data-testid=board-column][data-state=Assessing]");
            var card = $"[data-testid=board-card][data-case-id='{caseId}']";
            await Expect(collected.Locator(card)).ToHaveCountAsync(1);
            await Expect(assessing.Locator(card)).ToHaveCountAsync(0);
            var collectedBefore = await ColumnCountAsync(collected);
            var assessingBefore = await ColumnCountAsync(assessing);
            await analyst.MarkAsync();

            await duty.ConfirmAsync("StartAssessment");
            await duty.ExpectStateAsync("Assessing");

            await LiveAsync("card in the new column", () => Expect(assessing.Locator(card)).ToHaveCountAsync(1, new() { Timeout = LiveWithin }));
            await Expect(collected.Locator(card)).ToHaveCountAsync(0);
            await Expect(collected.GetByTestId("board-count")).ToHaveTextAsync(Number(collectedBefore - 1));
            await Expect(assessing.GetByTestId("board-count")).ToHaveTextAsync(Number(assessingBefore + 1));
            await analyst.ExpectNotReloadedAsync();
        });
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A text holding both <paramref name="a"/> and <paramref name="b"/>, in any order and with anything around them.</summary>
    private static Regex BothOf(string a, string b) => new($"(?s)^(?=.*{Regex.Escape(a)})(?=.*{Regex.Escape(b)})");

    private static async Task<int> ColumnCountAsync(ILocator column) =>
        int.Parse((await column.GetByTestId("board-count").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);

    private static async Task ExpectButtonsAsync(ILocator row, bool enabled)
    {
        foreach (var action in new[] { "open-case", "attach", "dismiss" })
        {
            var button = row.GetByTestId(action);
            if (enabled)
            {
                await Expect(button).ToBeEnabledAsync();
            }
            else
            {
                await Expect(button).ToBeDisabledAsync();
            }
        }
    }

    private Task LiveAsync(string what, Func<Task> expectation) => output.LiveAsync(what, expectation);
}

/// <summary>Steps of the live desk: the marks that prove a page was not reloaded, the navigation's queue count.</summary>
public static class LiveSteps
{
    /// <summary>Runs a live expectation and writes how long the change took to show.</summary>
    public static async Task LiveAsync(this ITestOutputHelper output, string what, Func<Task> expectation)
    {
        var watch = Stopwatch.StartNew();
        await expectation();
        output.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
    }

    /// <summary>Marks the page's window; a reload (or a full navigation) would lose the mark.</summary>
    public static Task MarkAsync(this IPage page) => page.EvaluateAsync("() => { window.__liveMarker = 1; }");

    /// <summary>Fails unless the window marked by <see cref="MarkAsync"/> is still the one on screen.</summary>
    public static async Task ExpectNotReloadedAsync(this IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__liveMarker === 1"), $"The page {page.Url} was reloaded.");

    /// <summary>The navigation's count of items waiting for triage (no badge: none).</summary>
    public static async Task<int> NavTriageCountAsync(this IPage page)
    {
        var badge = page.GetByTestId("nav-triage-count");
        return await badge.CountAsync() == 0 ? 0 : int.Parse((await badge.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
    }
}
