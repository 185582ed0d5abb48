using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

[Collection(TriageDesk.Name)]
public class DismissItemTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_duty_officer_dismisses_spam_and_it_leaves_the_queue()
    {
        var title = $"{Desk.Tag()} 代开发票";
        var id = await desk.LogItemAsync(title, Channel.Forum);

        await desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = id, Reason = DismissReason.Spam, Note = " 广告 " });

        var item = await desk.ItemAsync(id);
        Assert.Equal(TriageStatus.Dismissed, item.Status);
        Assert.Equal(DismissReason.Spam, item.DismissReason);
        Assert.Equal("广告", item.DismissNote);
        Assert.Equal(DemoAccounts.Duty.DisplayName, item.TriagedBy);
        Assert.NotNull(item.TriagedAt);
        Assert.Null(item.CaseId);
        var queue = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: title));
        Assert.Empty(queue.Items);
    }

    [Fact]
    public async Task An_irrelevant_item_needs_a_note()
    {
        var id = await desk.LogItemAsync();

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = id, Reason = DismissReason.Irrelevant }),
            "Note");

        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(id)).Status);
    }

    [Fact]
    public async Task A_dismissal_needs_a_reason()
    {
        var id = await desk.LogItemAsync();

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = id }), "Reason");
    }

    [Fact]
    public async Task An_item_that_opened_a_case_cannot_be_dismissed()
    {
        var caseId = await desk.OpenCaseAsync();
        var itemId = Assert.Single(await desk.ItemsOfAsync(caseId)).Id;

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = itemId, Reason = DismissReason.Duplicate }),
            DomainErrors.ItemNotNew);

        var item = await desk.ItemAsync(itemId);
        Assert.Equal(TriageStatus.OpenedCase, item.Status);
        Assert.Equal(caseId, item.CaseId);
    }

    [Fact]
    public async Task A_press_officer_cannot_dismiss_an_item()
    {
        var id = await desk.LogItemAsync();

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new DismissItem.Command { ItemId = id, Reason = DismissReason.Spam }));

        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(id)).Status);
    }
}
