using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.App.Features.Scoring;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Scoring;

/// <summary>A desk of its own: these tests change the scoring policy, which would move the scores other collections expect.</summary>
[CollectionDefinition(Name)]
public sealed class ScoringDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Scoring desk";
}

[Collection(ScoringDesk.Name)]
public class ScoringPolicyTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_first_version_is_the_policy_the_desk_scored_with_before()
    {
        await using var db = await desk.App.CreateDbContextAsync();
        var first = await db.ScoringPolicyVersions.AsNoTracking().SingleAsync(v => v.Version == 1);

        Assert.Equal(RiskScoringPolicy.Default.ToJson(), first.ToPolicy().ToJson());
    }

    [Fact]
    public async Task A_new_version_scores_new_assessments_and_leaves_made_ones_as_they_were()
    {
        var word = Desk.Tag();
        var before = await AssessedCaseAsync($"{word} 停水");
        var recorded = (await desk.CaseAsync(before)).Assessment!;
        var oldVersion = recorded.PolicyVersion;

        var draft = SaveScoringPolicy.Command.From((await desk.SendAsync(DemoAccounts.Admin, new GetScoringPolicy.Query())).Current);
        draft.Categories.Add(new SaveScoringPolicy.CategoryInput { Name = $"测试{word}"[..10], Words = [new() { Word = word, Weight = 33 }] });
        var saved = await desk.SendAsync(DemoAccounts.Admin, draft);
        var after = await AssessedCaseAsync($"{word} 停水");

        Assert.Equal(oldVersion + 1, saved);
        var old = (await desk.CaseAsync(before)).Assessment!;
        Assert.Equal((oldVersion, recorded.Score, recorded.Breakdown), (old.PolicyVersion, old.Score, old.Breakdown));
        Assert.Equal(10, Assert.Single(old.RecordedScore().Parts, p => p.Criterion == "content").Points);
        var @new = (await desk.CaseAsync(after)).Assessment!;
        Assert.Equal(saved, @new.PolicyVersion);
        Assert.Equal(43, Assert.Single(@new.RecordedScore().Parts, p => p.Criterion == "content").Points);
        Assert.Equal(recorded.Score + 33, @new.Score);
        Assert.Equal(saved, (await desk.DetailAsync(before)).Score.PolicyVersion);
    }

    [Fact]
    public async Task The_preview_of_the_last_30_days_equals_a_real_rescore_after_saving()
    {
        var word = Desk.Tag();
        var mine = new[] { await desk.OpenCaseAsync(title: $"{word} 停水停电"), await desk.OpenCaseAsync(title: $"{word} 化工厂爆炸"), await desk.OpenCaseAsync() };
        var draft = SaveScoringPolicy.Command.From((await desk.SendAsync(DemoAccounts.Admin, new GetScoringPolicy.Query())).Current);
        draft.Categories.Single(c => c.Name == "民生保障").Words.Single(w => w.Word == "停电").Weight = 30;
        draft.Categories.Single(c => c.Name == "安全事故").Words.Single(w => w.Word == "爆炸").Weight = 45;
        draft.LargeFrom = 20;
        draft.MajorFrom = 40;

        var preview = await desk.SendAsync(DemoAccounts.Admin, new PreviewScoringPolicy.Query(draft));
        await desk.SendAsync(DemoAccounts.Admin, draft);

        Assert.Superset(mine.ToHashSet(), preview.Select(r => r.CaseId).ToHashSet());
        Assert.Contains(preview, r => r.Changed);
        foreach (var row in preview)
        {
            var rescored = (await desk.DetailAsync(row.CaseId, DemoAccounts.Duty)).Score;
            Assert.Equal((row.CaseId, row.DraftTotal, row.DraftLevel), (row.CaseId, rescored.Total, rescored.SuggestedLevel));
        }

        Assert.Equal((30, RiskLevel.Large), Row(preview, mine[0]));
        Assert.Equal((45, RiskLevel.Major), Row(preview, mine[1]));
    }

    public static TheoryData<string, string> BadInput => new()
    {
        { "negative weight", "Categories[0].Words[0].Weight" },
        { "absurd weight", "Categories[0].Words[0].Weight" },
        { "thresholds out of order", "MajorFrom" },
        { "empty category", "Categories[{n}].Words" },
        { "duplicate keyword", "Categories[1].Words[0].Word" },
        { "absurd engagement unit", "EngagementForTenPoints" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_naming_the_field_and_the_policy_stays_as_it_was(string why, string field)
    {
        var current = (await desk.SendAsync(DemoAccounts.Admin, new GetScoringPolicy.Query())).Current;
        var draft = SaveScoringPolicy.Command.From(current);
        switch (why)
        {
            case "negative weight":
                draft.Categories[0].Words[0].Weight = -5;
                break;
            case "absurd weight":
                draft.Categories[0].Words[0].Weight = 100_000;
                break;
            case "thresholds out of order":
                draft.LargeFrom = 60;
                draft.MajorFrom = 50;
                break;
            case "empty category":
                field = field.Replace("{n}", draft.Categories.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                draft.Categories.Add(new SaveScoringPolicy.CategoryInput { Name = "干部作风" });
                break;
            case "duplicate keyword":
                draft.Categories[1].Words[0].Word = draft.Categories[0].Words[0].Word;
                break;
            default:
                draft.EngagementForTenPoints = 0;
                break;
        }

        var refused = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Admin, draft), field);
        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Admin, new PreviewScoringPolicy.Query(draft)), $"Draft.{field}");

        Assert.DoesNotContain(refused.Errors, e => string.IsNullOrWhiteSpace(e.ErrorMessage));
        var still = (await desk.SendAsync(DemoAccounts.Admin, new GetScoringPolicy.Query())).Current;
        Assert.Equal((current.Version, current.ToJson()), (still.Version, still.ToJson()));
    }

    [Fact]
    public async Task The_message_of_a_bad_weight_names_the_category_and_the_word()
    {
        var draft = SaveScoringPolicy.Command.From((await desk.SendAsync(DemoAccounts.Admin, new GetScoringPolicy.Query())).Current);
        draft.Categories[0].Words[0].Weight = -1;

        var refused = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Admin, draft), "Categories[0].Words[0].Weight");

        var message = Assert.Single(refused.Errors).ErrorMessage;
        Assert.Contains(draft.Categories[0].Name, message);
        Assert.Contains(draft.Categories[0].Words[0].Word, message);
    }

    [Fact]
    public async Task Only_an_administrator_changes_the_scoring_policy()
    {
        var draft = SaveScoringPolicy.Command.From(RiskScoringPolicy.Default);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, draft));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Chief, new PreviewScoringPolicy.Query(draft)));
    }

    private static (int, RiskLevel) Row(IReadOnlyList<PreviewScoringPolicy.Row> preview, int caseId) =>
        preview.Where(r => r.CaseId == caseId).Select(r => (r.DraftTotal, r.DraftLevel)).Single();

    private async Task<int> AssessedCaseAsync(string title)
    {
        var id = await desk.OpenCaseAsync(title: title);
        await desk.SendAsync(DemoAccounts.Analyst, new StartAssessment.Command(id));
        var detail = await desk.DetailAsync(id);
        await desk.SendAsync(DemoAccounts.Analyst, new CompleteAssessment.Command
        {
            CaseId = id,
            ExpectedVersion = detail.Case.Version,
            Nature = "民生类舆情",
            Trend = OpinionTrend.Stable,
            Risks = "可能引发聚集",
            Level = detail.Score.SuggestedLevel,
            ResponseNeeded = true,
            MatterKind = MatterKind.DirectInterest,
        });
        return id;
    }
}
