using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

/// <summary>The attach dialog lists the open case of the item's near-duplicates first; one click selects it.</summary>
public class RelatedCasesTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_case_of_a_near_duplicate_is_offered_first_and_one_click_attaches_the_repost_to_it()
    {
        var post = $"{Desk.Tag()} 锦绣家园今天又停水了，这已经是本月第三次，每次都没有提前通知，早上起来连刷牙的水都没有。供水公司说是二次供水泵房的问题。";
        var original = await SubmitAsync(post);
        var caseId = await Desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = original,
            Title = "锦绣家园停水",
            Summary = "本月第三次停水",
            ResponsibleUnitId = await App.UnitIdAsync(DemoAccounts.TownOffice),
        });
        var repost = await SubmitAsync("转发微博//@锦绣家园业主:" + post + "[怒]");
        await SuggestedAsync(repost);
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();

        page.WaitForElement($"[data-testid=triage-row][data-item-id='{repost}'] [data-testid=attach]", Wait).RowClick();
        var related = page.WaitForElement($"[data-testid=related-case][data-case-id='{caseId}']", Wait);
        Assert.Equal(string.Format(Text("Related.Distance"), 0), related.QuerySelector("[data-testid=related-case-distance]")!.TextContent.Trim());
        Assert.Equal(original.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=related-item]").GetAttribute("data-item-id"));
        related.Click();
        page.WaitForAssertion(() => Assert.Equal("true",
            page.Find($"[data-testid=related-case][data-case-id='{caseId}']").GetAttribute("aria-selected")), Wait);
        page.Find("[data-testid=dialog-submit]").Click();

        await Eventually.HoldsAsync(async () => (await Desk.ItemAsync(repost)).Status == TriageStatus.Attached, Wait);
        Assert.Equal(caseId, (await Desk.ItemAsync(repost)).CaseId);
    }

    private async Task<int> SubmitAsync(string content)
    {
        var result = await App.Services.GetRequiredService<IItemIntake>().SubmitAsync(await App.Services.CheckedAsync(
            new ItemSubmission { Channel = Channel.Weibo, Content = content, CollectedBy = "测试", ExternalId = Guid.NewGuid().ToString("N") }),
            CancellationToken.None);
        return result.Single().ItemId;
    }

    private async Task SuggestedAsync(int itemId) => await Eventually.HoldsAsync(async () =>
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.ItemSuggestions.AnyAsync(s => s.ItemId == itemId && s.Stage == SuggestionStage.NearDuplicate);
    }, Wait);
}
