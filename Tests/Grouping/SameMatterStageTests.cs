using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>Stage 2 at intake, on the real app and a real SQLite file: a hotline note gets the post's open case as a suggestion.</summary>
public class SameMatterStageTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        await PlaceSeed.SeedAsync(app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>(), CancellationToken.None);
        await app.Services.GetRequiredService<SameMatterLoader>().RebuildAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_hotline_note_in_other_words_is_suggested_for_the_open_case_of_the_post()
    {
        var post = await app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Weibo,
            Title = "滨江小区停水快一天了",
            Content = "#北岸镇# 滨江小区从前天晚上十点停水到现在，一千多户没水用，物业说是市政管子爆了，什么时候来水没人知道！",
        });
        var caseId = await app.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = post,
            Title = "滨江小区大面积停水",
            ResponsibleUnitId = await app.UnitIdAsync(DemoAccounts.Construction),
        });
        var unrelated = await app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline,
            Contact = "138****6621",
            Title = "滨江小区电梯困人",
            Content = "来电人反映：滨江小区5栋电梯今晨发生困人，被困约30分钟，物业联系不上。",
        });

        var note = await app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline,
            Contact = "138****6621",
            Title = "来电反映小区没水",
            Content = "来电人反映：其居住的滨江小区自前晚22时起全小区没水，询问恢复供水时间，要求督促自来水公司尽快抢修。",
        });

        var suggestion = await WaitForSuggestionAsync(note);
        Assert.Equal(SuggestionStage.SameMatter, suggestion.Stage);
        Assert.Equal(post, suggestion.RelatedItemId);
        Assert.Equal(caseId, suggestion.CaseId);
        Assert.Contains("\"kind\":\"place\",\"value\":\"滨江小区\"", suggestion.ReasonsJson);
        Assert.Contains("\"kind\":\"problem\",\"value\":\"停水\"", suggestion.ReasonsJson);

        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.ItemSuggestions.AnyAsync(s => s.ItemId == note && s.RelatedItemId == unrelated));
        Assert.Equal(TriageStatus.New, (await db.Items.SingleAsync(i => i.Id == note)).Status);
    }

    private async Task<ItemSuggestion> WaitForSuggestionAsync(int itemId)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = await app.CreateDbContextAsync();
            var found = await db.ItemSuggestions.AsNoTracking()
                .Where(s => s.ItemId == itemId && s.Stage == SuggestionStage.SameMatter).OrderByDescending(s => s.Score).FirstOrDefaultAsync();
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No same-matter suggestion for item {itemId}.");
    }
}
