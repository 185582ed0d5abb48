using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

[Collection(TriageDesk.Name)]
public class ListTriageQueueTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_queue_lists_untriaged_items_newest_first()
    {
        var tag = Desk.Tag();
        var first = await desk.LogItemAsync($"{tag} 第一条");
        var dismissed = await desk.LogItemAsync($"{tag} 广告");
        var third = await desk.LogItemAsync($"{tag} 第三条", Channel.Weibo);
        var opened = await desk.LogItemAsync($"{tag} 已立案");
        await desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = dismissed, Reason = DismissReason.Spam });
        await desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = opened,
            Title = "已立案",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        });

        var queue = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));

        Assert.Equal([third, first], queue.Items.Select(i => i.Id));
        Assert.Equal(2, queue.Total);
        Assert.All(queue.Items, i => Assert.Equal(TriageStatus.New, i.Status));
    }

    [Fact]
    public async Task The_queue_filters_by_channel_and_pages()
    {
        var tag = Desk.Tag();
        var hotline1 = await desk.LogItemAsync($"{tag} 热线一");
        var weibo = await desk.LogItemAsync($"{tag} 微博", Channel.Weibo);
        var hotline2 = await desk.LogItemAsync($"{tag} 热线二");

        var weiboOnly = await desk.SendAsync(DemoAccounts.Analyst, new ListTriageQueue.Query(Search: tag, Channel: Channel.Weibo));
        var secondPage = await desk.SendAsync(DemoAccounts.Chief, new ListTriageQueue.Query(Search: tag, Channel: Channel.Hotline, Page: 1, PageSize: 1));

        Assert.Equal(weibo, Assert.Single(weiboOnly.Items).Id);
        Assert.Equal(hotline1, Assert.Single(secondPage.Items).Id);
        Assert.Equal(2, secondPage.Total);
        Assert.NotEqual(hotline1, hotline2);
    }

    [Fact]
    public async Task A_row_carries_an_excerpt_of_a_long_item_and_the_whole_of_a_short_one()
    {
        var tag = Desk.Tag();
        var longText = string.Concat(Enumerable.Repeat("滨江村自来水发黑有异味。", 200));
        var shortText = new string('水', ListTriageQueue.ExcerptLength);
        var longId = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command { Channel = Channel.Forum, Title = $"{tag} 长文", Content = longText });
        var shortId = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command { Channel = Channel.Forum, Title = $"{tag} 短文", Content = shortText });

        var rows = (await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag))).Items.ToDictionary(r => r.Id);

        Assert.Equal(longText[..ListTriageQueue.ExcerptLength] + "…", rows[longId].Content);
        Assert.Equal(shortText, rows[shortId].Content);
    }

    [Fact]
    public async Task A_press_officer_cannot_see_the_queue()
    {
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new ListTriageQueue.Query()));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Supervisor, new ListTriageQueue.Query()));
    }
}
