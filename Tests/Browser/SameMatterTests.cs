using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// Same-matter grouping in the browser: a hotline note logged by hand, in other words than the 微博 post of an open case, shows that
/// case on its queue row with the reasons in words, and one click attaches it there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SameMatterTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_hotline_note_shows_the_case_of_the_matching_post_with_its_reasons_and_one_click_attaches_it()
    {
        await PrepareGazetteerAsync();
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var postTitle = $"滨江小区停水快一天了 {tag}";
            var noteTitle = $"来电反映小区没水 {tag}";
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.LogItemAsync("微博", postTitle,
                "#北岸镇# 滨江小区从前天晚上十点停水到现在，一千多户没水用，物业说是市政管子爆了，什么时候来水没人知道！", "江城生活观察");
            var caseId = await duty.OpenCaseFromItemAsync(postTitle, "城建办");

            await duty.OpenAsync("/triage");
            await duty.LogItemAsync("热线电话", noteTitle,
                "来电人反映：其居住的滨江小区自前晚22时起全小区没水，询问恢复供水时间，要求督促自来水公司尽快抢修并告知居民。",
                "来电市民", "13900000005");

            var chip = duty.TriageRow(noteTitle).GetByTestId("triage-suggestion");
            await Expect(chip).ToHaveAttributeAsync("data-case-id", caseId.ToString(CultureInfo.InvariantCulture));
            await Expect(chip).ToContainTextAsync("可能是同一事件");
            await Expect(chip.GetByTestId("suggestion-case")).ToContainTextAsync(postTitle);
            await Expect(chip.GetByTestId("suggestion-reasons")).ToContainTextAsync("同一地点：滨江小区");
            await Expect(chip.GetByTestId("suggestion-reasons")).ToContainTextAsync("同一问题：停水");
            await Expect(chip.GetByTestId("suggestion-reasons")).ToContainTextAsync("时间相近");

            await chip.GetByTestId("suggestion-attach").ClickAsync();
            await Expect(duty.TriageRow(noteTitle)).ToHaveCountAsync(0);

            await duty.OpenCaseAsync(caseId);
            await Expect(duty.GetByTestId("case-item").Filter(new() { HasText = noteTitle })).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task An_admin_adds_a_place_with_its_other_names_to_the_gazetteer()
    {
        await PrepareGazetteerAsync();
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var name = $"青石巷{Guid.NewGuid().ToString("N")[..4]}";
            var admin = await desk.AsAsync(DemoAccounts.Admin);
            await admin.OpenAsync("/admin/places");
            await Expect(admin.Locator("[data-testid=place-row][data-name='滨江小区']")).ToContainTextAsync("滨江新村");

            await admin.GetByTestId("place-name").EnterAsync(name);
            await admin.GetByTestId("place-aliases").EnterAsync("青石老巷、石巷");
            await admin.GetByTestId("place-save").ClickAsync();

            var row = admin.Locator($"[data-testid=place-row][data-name='{name}']");
            await Expect(row).ToContainTextAsync("青石老巷、石巷");
            await Expect(row).ToContainTextAsync("小区");
        });
    }

    /// <summary>The fixture's desk has the organisation only: add 北岸镇's places and let the index learn them.</summary>
    private async Task PrepareGazetteerAsync()
    {
        var services = fixture.App.Services;
        await PlaceSeed.SeedAsync(services.GetRequiredService<IDbContextFactory<OpinionDbContext>>(), CancellationToken.None);
        await services.GetRequiredService<SameMatterLoader>().RebuildAsync(CancellationToken.None);
    }
}
