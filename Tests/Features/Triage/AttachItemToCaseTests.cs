using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

[Collection(TriageDesk.Name)]
public class AttachItemToCaseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task An_item_about_the_same_matter_joins_the_open_case()
    {
        var caseId = await desk.OpenCaseAsync();
        var version = await desk.VersionAsync(caseId);
        var itemId = await desk.LogItemAsync($"{Desk.Tag()} 又一位村民来电", Channel.Weibo);

        await desk.SendAsync(DemoAccounts.Duty, new AttachItemToCase.Command(itemId, caseId));

        var item = await desk.ItemAsync(itemId);
        Assert.Equal(TriageStatus.Attached, item.Status);
        Assert.Equal(caseId, item.CaseId);
        var @case = await desk.CaseAsync(caseId);
        Assert.Equal(version + 1, @case.Version);
        Assert.Equal("ItemAttached", @case.Timeline.MaxBy(t => t.Id)!.Action);
        var detail = await desk.DetailAsync(caseId);
        Assert.Equal(2, detail.Items.Count);
        Assert.Contains(detail.Items, i => i.Id == itemId);
    }

    [Fact]
    public async Task An_item_cannot_join_a_dismissed_case()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Dismissed);
        var itemId = await desk.LogItemAsync();

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty, new AttachItemToCase.Command(itemId, caseId)), DomainErrors.TriggerNotAllowed);

        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(itemId)).Status);
        Assert.Single(await desk.ItemsOfAsync(caseId));
    }

    [Fact]
    public async Task A_village_officer_cannot_attach_to_a_case_of_another_unit()
    {
        var caseId = await desk.OpenCaseAsync(DemoAccounts.Construction);
        var itemId = await desk.LogItemAsync();

        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.VillageOfficer, new AttachItemToCase.Command(itemId, caseId)));

        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(itemId)).Status);
    }

    /// <summary>SECURITY.md I3: two officers triaging one item at once (attaching it to two cases) take effect once.</summary>
    [Fact]
    public async Task An_item_attached_to_two_cases_at_once_joins_only_one()
    {
        int[] cases = [await desk.OpenCaseAsync(), await desk.OpenCaseAsync()];
        var itemId = await desk.LogItemAsync();

        Task<int?>[] attempts;
        await using (await desk.HoldWritesAsync())
        {
            attempts = cases.Select(caseId => Task.Run(async () =>
            {
                try
                {
                    await desk.SendAsync(DemoAccounts.Duty, new AttachItemToCase.Command(itemId, caseId));
                    return (int?)caseId;
                }
                catch (Exception ex) when (ex is DomainException or ConcurrencyConflictException)
                {
                    return null;
                }
            })).ToArray();
        }

        var winner = Assert.Single((await Task.WhenAll(attempts)).OfType<int>());
        Assert.Equal(winner, (await desk.ItemAsync(itemId)).CaseId);
        var loser = cases.Single(c => c != winner);
        Assert.Single(await desk.ItemsOfAsync(loser));
        Assert.Single((await desk.CaseAsync(loser)).Timeline, t => t.Action == "ItemAttached");
    }
}
