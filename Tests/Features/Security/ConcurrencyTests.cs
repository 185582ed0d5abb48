using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Cases;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>SECURITY.md C1: concurrent edits of one case are detected, and nobody's text is lost silently or half written.</summary>
[Collection(AuditAndConcurrencyDesk.Name)]
public class ConcurrencyTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private static EditCaseSummary.Command Edit(int id, int version, string title) => new()
    {
        CaseId = id,
        ExpectedVersion = version,
        Title = title,
        Summary = $"{title}的摘要",
    };

    [Fact]
    public async Task Of_two_summary_edits_from_one_version_the_first_is_kept_and_the_second_is_told()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var version = await desk.VersionAsync(id);

        await desk.SendAsync(DemoAccounts.Analyst, Edit(id, version, "值班员的标题"));
        await Expect.ConflictAsync(() => desk.SendAsync(DemoAccounts.Chief, Edit(id, version, "科长的标题")));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(("值班员的标题", "值班员的标题的摘要", version + 1), (@case.Title, @case.Summary, @case.Version));
        Assert.Single(@case.Timeline, t => t.Action == "EditSummary");
    }

    [Fact]
    public async Task Of_two_plan_saves_from_one_version_the_first_is_kept_and_the_second_is_told()
    {
        var id = await desk.NewCase().WithoutPlan().InAsync(CaseState.PlanDrafting);
        var version = await desk.VersionAsync(id);

        await desk.SendAsync(DemoAccounts.Analyst, Plans.Draft(id, version, "第一人的措施"));
        await Expect.ConflictAsync(() => desk.SendAsync(DemoAccounts.Analyst, Plans.Draft(id, version, "第二人的措施")));

        var @case = await desk.CaseAsync(id);
        Assert.Equal("第一人的措施", Assert.Single(@case.Plans).Measures);
        Assert.Equal(version + 1, @case.Version);
    }

    [Fact]
    public async Task Two_summary_edits_that_loaded_the_same_version_store_exactly_one_of_them_whole()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var version = await desk.VersionAsync(id);
        string[] titles = ["甲的标题", "乙的标题"];

        Task<string?>[] edits;
        await using (await desk.HoldWritesAsync())
        {
            edits = titles.Select(title => Task.Run(async () =>
            {
                try
                {
                    await desk.SendAsync(DemoAccounts.Analyst, Edit(id, version, title));
                    return title;
                }
                catch (ConcurrencyConflictException)
                {
                    return null;
                }
            })).ToArray();
        }

        var winner = Assert.Single(await Task.WhenAll(edits), r => r is not null);
        var @case = await desk.CaseAsync(id);
        Assert.Equal((winner, $"{winner}的摘要", version + 1), (@case.Title, @case.Summary, @case.Version));
        Assert.Single(@case.Timeline, t => t.Action == "EditSummary");
    }

    [Fact]
    public async Task Racing_comments_each_land_whole_or_are_refused_and_none_is_lost_silently()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var version = await desk.VersionAsync(id);
        DemoAccount[] people = [DemoAccounts.Duty, DemoAccounts.Analyst, DemoAccounts.Chief, DemoAccounts.Head, DemoAccounts.Press];

        var results = await Task.WhenAll(people.Select(who => Task.Run(async () =>
        {
            var text = $"{who.DisplayName}的备注";
            try
            {
                await desk.SendAsync(who, new AddComment.Command { CaseId = id, Text = text });
                return (text, Stored: true);
            }
            catch (ConcurrencyConflictException)
            {
                return (text, Stored: false);
            }
        })));

        var stored = results.Where(r => r.Stored).Select(r => r.text).Order().ToList();
        Assert.NotEmpty(stored);
        var @case = await desk.CaseAsync(id);
        Assert.Equal(stored, @case.Comments.Select(c => c.Text).Order());
        Assert.Equal(version + stored.Count, @case.Version);
        Assert.Equal(stored.Count, @case.Timeline.Count(t => t.Action == "Comment"));
    }
}
