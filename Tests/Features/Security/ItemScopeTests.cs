using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

using OpinionResponse.Tests.Support;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>
/// SECURITY.md Z2 for items (docs/adr/0005-item-scope.md): outside the opinion office a unit sees the items routed to it
/// and those of cases it may see — in the queue, its count, the related items, the suggestions — and reaches no other
/// item by id, to read, claim, dismiss or open a case from it.
/// </summary>
[Collection(SecurityDesk.Name)]
public class ItemScopeTests(DeskFixture fixture)
{
    private const string Post =
        "北岸中学门口的减速带被压坏了一半，钢钉翘起来，上学放学时间电动车经过差点摔倒，家长们很担心，希望尽快修好。";

    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_construction_officer_sees_no_title_of_another_units_near_duplicate_and_the_opinion_office_does()
    {
        var tag = Desk.Tag();
        var social = await SubmitAsync($"社事办{tag}", $"{tag} {Post}", DemoAccounts.SocialAffairs);
        var ours = await SubmitAsync($"城建办{tag}", $"求扩散！{tag} {Post}", DemoAccounts.Construction);
        await NearDuplicateSuggestionAsync(ours);

        var asOffice = await desk.SendAsync(DemoAccounts.Duty, new FindRelated.Query(ours));
        Assert.Contains(asOffice.Items, i => i.Id == social);

        var asConstruction = await desk.SendAsync(DemoAccounts.ConstructionOfficer, new FindRelated.Query(ours));
        Assert.DoesNotContain(asConstruction.Items, i => i.Id == social || i.Title.Contains("社事办", StringComparison.Ordinal));

        var officeQueue = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));
        Assert.Equal($"社事办{tag}", officeQueue.Items.Single(r => r.Id == ours).Suggestion?.RelatedItemTitle);
        var queue = await desk.SendAsync(DemoAccounts.ConstructionOfficer, new ListTriageQueue.Query(Search: tag));
        var row = Assert.Single(queue.Items);
        Assert.Equal(ours, row.Id);
        Assert.Null(row.Suggestion);
    }

    [Fact]
    public async Task Another_units_item_is_not_found_by_id_for_any_item_request_and_stays_untouched()
    {
        var tag = Desk.Tag();
        var social = await SubmitAsync($"社事办{tag}", $"{tag} 社事办的事项", DemoAccounts.SocialAffairs);

        foreach (var outsider in new[] { DemoAccounts.ConstructionOfficer, DemoAccounts.ConstructionChief, DemoAccounts.VillageOfficer })
        {
            await Expect.NotFoundAsync(() => desk.SendAsync(outsider, new FindRelated.Query(social)));
            await Expect.NotFoundAsync(() => desk.SendAsync(outsider, new ClaimItem.Command(social)));
            await Expect.NotFoundAsync(() => desk.SendAsync(outsider, new DismissItem.Command { ItemId = social, Reason = DismissReason.Spam }));
            await Expect.NotFoundAsync(() => desk.SendAsync(outsider, new OpenCaseFromItem.Command
            {
                ItemId = social, Title = "越权立案", ResponsibleUnitId = desk.Unit(DemoAccounts.Construction),
            }));
        }

        var item = await desk.ItemAsync(social);
        Assert.Equal((TriageStatus.New, (string?)null), (item.Status, item.ClaimedBy));
    }

    [Fact]
    public async Task An_item_nobody_routed_is_the_opinion_offices_and_a_village_sees_what_it_logs_itself()
    {
        var tag = Desk.Tag();
        var townWide = await SubmitAsync($"未分派{tag}", $"{tag} 未分派的事项", null);
        var logged = await desk.SendAsync(DemoAccounts.VillageOfficer, new LogItem.Command
        {
            Title = $"村里登记{tag}", Content = $"{tag} 村民来电", Contact = "13900000000",
        });

        var village = await desk.SendAsync(DemoAccounts.VillageOfficer, new ListTriageQueue.Query(Search: tag));
        Assert.Equal([logged], village.Items.Select(r => r.Id));
        Assert.Equal(desk.Unit(DemoAccounts.BinjiangVillage), (await desk.ItemAsync(logged)).SuggestedUnitId);
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.VillageOfficer, new DismissItem.Command { ItemId = townWide, Reason = DismissReason.Spam }));

        var office = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));
        Assert.Equal(new[] { logged, townWide }.Order(), office.Items.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task The_queue_count_of_a_unit_counts_only_its_items()
    {
        await SubmitAsync($"社事办{Desk.Tag()}", "社事办的另一事项", DemoAccounts.SocialAffairs);

        var construction = await desk.SendAsync(DemoAccounts.ConstructionOfficer, new CountTriageQueue.Query());
        var constructionList = await desk.SendAsync(DemoAccounts.ConstructionOfficer, new ListTriageQueue.Query(PageSize: 200));
        var office = await desk.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());

        Assert.Equal(constructionList.Total, construction);
        Assert.True(office > construction, $"office {office}, construction {construction}");
    }

    private async Task<int> SubmitAsync(string title, string content, string? unitCode)
    {
        var intake = desk.App.Services.GetRequiredService<IItemIntake>();
        var result = await intake.SubmitAsync(
            await desk.App.Services.CheckedAsync(new ItemSubmission
            {
                Channel = Channel.Weibo, Title = title, Content = content, CollectedBy = "测试", SourceKey = ItemSources.Manual,
                SuggestedUnitId = unitCode is null ? null : desk.Unit(unitCode),
            }),
            CancellationToken.None);
        return result.Single().ItemId;
    }

    private async Task NearDuplicateSuggestionAsync(int itemId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var db = await desk.App.CreateDbContextAsync();
            if (await db.ItemSuggestions.AnyAsync(s => s.ItemId == itemId && s.Stage == SuggestionStage.NearDuplicate))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No near-duplicate suggestion for item {itemId} within 10 s.");
    }
}
