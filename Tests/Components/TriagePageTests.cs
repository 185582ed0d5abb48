using AngleSharp.Dom;
using Bunit;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

public class TriagePageTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task The_queue_lists_the_new_items_newest_first()
    {
        await EmptyQueueAsync();
        var tag = Desk.Tag();
        string[] logged = [$"{tag} 滨江村自来水发黑", $"{tag} 北岸中学门口积水", $"{tag} 菜市场噪音扰民"];
        foreach (var title in logged)
        {
            await LogAsync(title);
        }

        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();

        page.WaitForAssertion(() => Assert.Equal(logged.Reverse(), Titles(page)));
        Assert.Equal(3, page.FindAll("[data-testid=triage-row]").Count);
    }

    [Fact]
    public async Task A_dismissed_item_is_not_listed()
    {
        var tag = Desk.Tag();
        var kept = await LogAsync($"{tag} 留在队列");
        var dismissed = await LogAsync($"{tag} 已排除");
        await Desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = dismissed, Reason = DismissReason.Spam });

        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();

        page.WaitForAssertion(() => Assert.Contains($"{tag} 留在队列", Titles(page)));
        Assert.DoesNotContain($"{tag} 已排除", Titles(page));
        Assert.Empty(page.FindAll($"[data-testid=triage-row][data-item-id='{dismissed}']"));
        Assert.Single(page.FindAll($"[data-testid=triage-row][data-item-id='{kept}']"));
    }

    [Fact]
    public async Task Dismissing_as_irrelevant_needs_a_note_and_then_removes_the_item()
    {
        var id = await LogAsync($"{Desk.Tag()} 外地新闻转载");
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement($"[data-testid=triage-row][data-item-id='{id}'] [data-testid=dismiss]").RowClick();
        page.WaitForElement("[data-testid=dismiss-dialog]");
        var irrelevant = page.Find("[data-testid=dismiss-reason-Irrelevant]");
        Assert.Equal("无关信息", irrelevant.Closest("label")!.TextContent.Trim());
        irrelevant.Click();

        page.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal(Text("Validation.NoteForIrrelevant"), FieldError(page, "dismiss-note")));
        Assert.Single(page.FindAll("[data-testid=dismiss-dialog]"));
        Assert.Equal(TriageStatus.Claimed, (await Desk.ItemAsync(id)).Status);

        page.Find("[data-testid=dismiss-note]").Change("外地新闻，与本镇无关");
        page.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=dismiss-dialog]"));
            Assert.Empty(page.FindAll($"[data-testid=triage-row][data-item-id='{id}']"));
            Assert.Contains(Text("Triage.Dismissed"), page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);
        });
        var item = await Desk.ItemAsync(id);
        Assert.Equal(TriageStatus.Dismissed, item.Status);
        Assert.Equal(DismissReason.Irrelevant, item.DismissReason);
        Assert.Equal("外地新闻，与本镇无关", item.DismissNote);
        Assert.Equal(DemoAccounts.Duty.DisplayName, item.TriagedBy);
    }

    [Fact]
    public async Task Markup_typed_into_an_item_is_shown_as_text()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var id = await LogAsync($"{Desk.Tag()} {hostile}", content: $"<script>alert(2)</script>{hostile}");

        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();

        var row = page.WaitForElement($"[data-testid=triage-row][data-item-id='{id}']");
        Assert.EndsWith(hostile, row.QuerySelector(".triage-title")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("&lt;img", row.OuterHtml, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("img[onerror], script"));
    }

    private Task<int> LogAsync(string title, string content = "来电反映情况，请核实。") =>
        Desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Forum,
            Title = title,
            Content = content,
            SourceName = "北岸论坛",
            Author = "网友",
        });

    /// <summary>The queue is shared by the tests of this class: the one that counts rows starts from an empty queue.</summary>
    private async Task EmptyQueueAsync()
    {
        var queue = await Desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(PageSize: 500));
        foreach (var row in queue.Items)
        {
            await Desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = row.Id, Reason = DismissReason.Spam });
        }
    }

    private static List<string> Titles(IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        page.FindAll("[data-testid=triage-row] .triage-title").Select(t => t.TextContent.Trim()).ToList();
}
