using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Search;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Search;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Search;

[CollectionDefinition(Name)]
public sealed class SearchDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Search desk";
}

/// <summary>
/// Search through the mediator on a real SQLite file: words of one and two characters, names and numbers find items and
/// cases (the intake writer and the case events keep the index), the reader's unit scope holds, and no input errors.
/// Each test puts its own tag (a Latin word) in its texts and searches for it too, so it sees only its own rows.
/// </summary>
[Collection(SearchDesk.Name)]
public class SearchTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_two_character_word_finds_the_item_and_the_case_opened_from_it()
    {
        var tag = Desk.Tag();
        var caseId = await desk.OpenCaseAsync(title: $"{tag} 滨江小区停水两天");

        var result = await SearchAsync(DemoAccounts.Duty, $"停水 {tag}");

        Assert.Contains(result.Cases, c => c.Id == caseId);
        Assert.Contains(result.Items, i => i.CaseId == caseId);
        var other = await SearchAsync(DemoAccounts.Duty, $"漏水 {tag}");
        Assert.Empty(other.Cases);
        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task A_single_character_finds_the_items_that_have_it_and_only_those()
    {
        var tag = Desk.Tag();
        var with = await LogAsync($"{tag} 路灯", "北岸路的路灯坏了，晚上一片漆黑。");
        var without = await LogAsync($"{tag} 噪音", "工地夜里施工噪音大。");

        var result = await SearchAsync(DemoAccounts.Duty, $"灯 {tag}");

        Assert.Equal([with], result.Items.Select(i => i.Id));
        Assert.DoesNotContain(result.Items, i => i.Id == without);
    }

    [Fact]
    public async Task Peoples_names_are_found_in_an_item_and_in_a_cases_comment()
    {
        var tag = Desk.Tag();
        var item = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline, Title = $"{tag} 来电", Content = "反映小区电梯停运。", Author = "欧阳娜娜", Contact = "13800000001",
        });
        var caseId = await desk.OpenCaseAsync(title: $"{tag} 电梯停运");
        await desk.SendAsync(DemoAccounts.Analyst, new AddComment.Command { CaseId = caseId, Text = "已联系物业经理司马光，明早维修。" });

        Assert.Equal([item], (await SearchAsync(DemoAccounts.Duty, $"欧阳娜娜 {tag}")).Items.Select(i => i.Id));
        var byComment = await SearchAsync(DemoAccounts.Duty, $"司马光 {tag}");
        Assert.Equal([caseId], byComment.Cases.Select(c => c.Id));
        Assert.Contains(byComment.Cases[0].Snippet, p => p.Hit && p.Text == "司马光");
    }

    [Fact]
    public async Task Chinese_with_digits_matches_the_number_as_written_not_a_longer_one()
    {
        var tag = Desk.Tag();
        var third = await LogAsync($"{tag} 楼道", "滨江小区3号楼楼道灯不亮。");
        var thirteenth = await LogAsync($"{tag} 漏水", "滨江小区13号楼楼顶漏水。");
        var fullWidth = await LogAsync($"{tag} 电梯", "滨江小区３号楼电梯异响。");

        var result = await SearchAsync(DemoAccounts.Duty, $"3号楼 {tag}");

        Assert.Equal(new[] { fullWidth, third }, result.Items.Select(i => i.Id));
        Assert.DoesNotContain(result.Items, i => i.Id == thirteenth);
        Assert.Contains(result.Items.Single(i => i.Id == third).Snippet, p => p.Hit && p.Text == "3号楼");
    }

    [Fact]
    public async Task Another_units_items_and_cases_give_zero_rows_and_the_opinion_office_sees_them()
    {
        var tag = Desk.Tag();
        var social = await SubmitAsync($"{tag} 低保审核", "社事办的低保审核投诉。", DemoAccounts.SocialAffairs);
        var socialCase = await desk.OpenCaseAsync(DemoAccounts.SocialAffairs, title: $"{tag} 低保审核不公");

        foreach (var outsider in new[] { DemoAccounts.ConstructionOfficer, DemoAccounts.ConstructionChief, DemoAccounts.VillageOfficer })
        {
            var result = await SearchAsync(outsider, $"低保 {tag}");
            Assert.Empty(result.Cases);
            Assert.Empty(result.Items);
            Assert.False(result.MoreCases || result.MoreItems);
        }

        var office = await SearchAsync(DemoAccounts.Supervisor, $"低保 {tag}");
        Assert.Contains(office.Items, i => i.Id == social);
        Assert.Contains(office.Cases, c => c.Id == socialCase);
    }

    [Fact]
    public async Task A_unit_finds_its_own_case_and_the_items_routed_to_it()
    {
        var tag = Desk.Tag();
        var routed = await SubmitAsync($"{tag} 道路塌陷", "城建办辖区道路塌陷。", DemoAccounts.Construction);
        var ownCase = await desk.OpenCaseAsync(DemoAccounts.Construction, title: $"{tag} 道路塌陷处置");

        var result = await SearchAsync(DemoAccounts.ConstructionOfficer, $"塌陷 {tag}");

        Assert.Contains(result.Items, i => i.Id == routed);
        Assert.Equal([ownCase], result.Cases.Select(c => c.Id));
    }

    public static TheoryData<string> Hostile => new()
    {
        "\"",
        "*",
        "-",
        "NEAR",
        "OR",
        "AND NOT",
        "(",
        ")",
        "停水\" OR \"",
        "NEAR(停 水, 2)",
        "停* -水 ^首",
        "bi : 停水",
        "{bi uni} : 停",
        "'; DROP TABLE Items; --",
        "😀😀",
        "停😀水",
        "   ",
        "\t\n",
        "",
        "ｅｘｔ　全角",
        "%_\\",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Search_syntax_typed_into_the_box_is_text_and_never_an_error(string typed)
    {
        var result = await SearchAsync(DemoAccounts.Duty, typed);

        Assert.NotNull(result);
        Assert.All(result.Terms, t => Assert.True(t.IndexOfAny("\"*()-:{}^'; ".ToCharArray()) < 0, t));
    }

    [Fact]
    public async Task Quotes_and_operators_around_a_word_still_find_it()
    {
        var tag = Desk.Tag();
        var item = await LogAsync($"{tag} 停水", "来电反映停水。");

        foreach (var typed in new[] { $"\"停水\" {tag}", $"停水* {tag}", $"(停水) {tag}", $"-停水 {tag}", $"停水 OR {tag}" })
        {
            var result = await SearchAsync(DemoAccounts.Duty, typed);
            if (typed.Contains(" OR ", StringComparison.Ordinal))
            {
                // OR is a word like any other: no item has it, so nothing matches every word.
                Assert.Empty(result.Items);
            }
            else
            {
                Assert.Equal([item], result.Items.Select(i => i.Id));
            }
        }
    }

    [Fact]
    public async Task Two_thousand_characters_and_only_emoji_or_spaces_answer_without_error()
    {
        var tag = Desk.Tag();
        await LogAsync($"{tag} 停水", "来电反映停水。");

        var longest = await SearchAsync(DemoAccounts.Duty, $"{tag} " + string.Concat(Enumerable.Repeat("停水漏水", 500)));
        Assert.Empty(longest.Items);
        Assert.True(longest.Terms.Sum(t => t.Length) <= SearchText.MaxQueryUnits + tag.Length);

        Assert.Same(SearchRecords.Result.Empty, await SearchAsync(DemoAccounts.Duty, "😀🙂👍"));
        Assert.Same(SearchRecords.Result.Empty, await SearchAsync(DemoAccounts.Duty, "      "));
    }

    [Fact]
    public async Task Filters_narrow_by_channel_state_and_period()
    {
        var tag = Desk.Tag();
        var forum = await LogAsync($"{tag} 积水", "路口积水严重。", Channel.Forum);
        var weibo = await LogAsync($"{tag} 积水", "网友发帖说路口积水。", Channel.Weibo);
        var caseId = await desk.OpenCaseAsync(title: $"{tag} 路口积水");

        Assert.Equal([weibo], (await desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query { Text = $"积水 {tag}", Channel = Channel.Weibo }))
            .Items.Select(i => i.Id));
        var collected = await desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query { Text = $"积水 {tag}", State = CaseState.Collected });
        Assert.Equal([caseId], collected.Cases.Select(c => c.Id));
        Assert.DoesNotContain(collected.Items, i => i.Id == forum || i.Id == weibo);
        var closed = await desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query { Text = $"积水 {tag}", State = CaseState.Closed });
        Assert.Empty(closed.Cases);
        var lastYear = await desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query
        {
            Text = $"积水 {tag}", From = new DateOnly(2020, 1, 1), To = new DateOnly(2020, 12, 31),
        });
        Assert.Empty(lastYear.Items);
        Assert.Empty(lastYear.Cases);
    }

    [Fact]
    public async Task A_case_is_found_by_words_added_after_it_was_opened()
    {
        var tag = Desk.Tag();
        var caseId = await desk.OpenCaseAsync(title: $"{tag} 垃圾清运");
        Assert.Empty((await SearchAsync(DemoAccounts.Duty, $"焚烧 {tag}")).Cases);

        await desk.SendAsync(DemoAccounts.Analyst, new AddComment.Command { CaseId = caseId, Text = "现场发现有人焚烧垃圾。" });

        Assert.Equal([caseId], (await SearchAsync(DemoAccounts.Duty, $"焚烧 {tag}")).Cases.Select(c => c.Id));
    }

    [Fact]
    public async Task Rows_written_past_the_app_are_found_after_a_rebuild()
    {
        var tag = Desk.Tag();
        await RawSql.ExecuteAsync(desk.App,
            "INSERT INTO \"Items\" (\"Channel\", \"Title\", \"Content\", \"CollectedAt\", \"CollectedBy\", \"Views\", \"Shares\", \"Comments\", " +
            "\"Likes\", \"SourceKey\", \"Fingerprint\", \"Status\", \"Version\") " +
            $"VALUES ('Forum', '{tag} 桥面裂缝', '桥面裂缝。', '2026-12-01 08:00:00', '导入', 0, 0, 0, 0, 'manual', 0, 'New', 0);");

        Assert.Empty((await SearchAsync(DemoAccounts.Duty, $"裂缝 {tag}")).Items);

        await desk.App.Services.GetRequiredService<ISearchIndex>().RebuildAsync(CancellationToken.None);

        Assert.Single((await SearchAsync(DemoAccounts.Duty, $"裂缝 {tag}")).Items);
    }

    [Fact]
    public async Task Marked_pieces_of_a_title_keep_its_markup_as_text()
    {
        var tag = Desk.Tag();
        await LogAsync($"{tag} <b onmouseover=x>停水</b>", "<script>alert(1)</script>停水");

        var hit = Assert.Single((await SearchAsync(DemoAccounts.Duty, $"停水 {tag}")).Items);

        Assert.Equal($"{tag} <b onmouseover=x>停水</b>", string.Concat(hit.Title.Select(p => p.Text)));
        Assert.Contains(hit.Title, p => p.Hit && p.Text == "停水");
        Assert.DoesNotContain(hit.Title, p => p.Hit && p.Text.Contains('<', StringComparison.Ordinal));
    }

    private Task<SearchRecords.Result> SearchAsync(DemoAccount account, string text) =>
        desk.SendAsync(account, new SearchRecords.Query { Text = text });

    private Task<int> LogAsync(string title, string content, Channel channel = Channel.Forum) =>
        desk.SendAsync(DemoAccounts.Duty, new LogItem.Command { Channel = channel, Title = title, Content = content, SourceName = "北岸论坛" });

    private async Task<int> SubmitAsync(string title, string content, string unitCode)
    {
        var intake = desk.App.Services.GetRequiredService<IItemIntake>();
        var result = await intake.SubmitAsync(
            await desk.App.Services.CheckedAsync(new ItemSubmission
            {
                Channel = Channel.Weibo, Title = title, Content = content, CollectedBy = "测试", SourceKey = ItemSources.Manual,
                SuggestedUnitId = desk.Unit(unitCode),
            }),
            CancellationToken.None);
        return result.Single().ItemId;
    }
}

/// <summary>SECURITY.md V2: searches are limited per user, with a message in the user's language naming the box.</summary>
public sealed class SearchRateLimitTests : IAsyncLifetime
{
    private readonly TestApp app = new() { Settings = { ["Search:PerUserPerMinute"] = "3" } };
    private Desk desk = null!;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        desk = await Desk.CreateAsync(app);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_user_past_the_limit_is_told_to_wait_and_another_user_still_searches()
    {
        for (var i = 0; i < 3; i++)
        {
            await desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query { Text = "停水" });
        }

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query { Text = "停水" }));
        Assert.Equal(nameof(SearchRecords.Query.Text), Assert.Single(refused.Errors).PropertyName);
        await desk.SendAsync(DemoAccounts.Analyst, new SearchRecords.Query { Text = "停水" });
    }
}
