using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Features.Board;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Live;

/// <summary>
/// The case list and the board carry each case's most urgent running SLA clock, computed from only what the clocks need.
/// Expectations come from the domain's own clocks over the whole stored case (<see cref="CaseClocks.For(Case, SlaPolicy, DateTime)"/>).
/// </summary>
public class ClockQueryTests(DeskFixture fixture) : IClassFixture<DeskFixture>
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_case_list_row_carries_the_running_clock_due_first()
    {
        var tag = Desk.Tag();
        var ids = new List<int>
        {
            await desk.NewCase().Titled($"{tag} 待研判").InAsync(CaseState.Collected),
            await desk.NewCase().Titled($"{tag} 重大待报送").Major().WithoutReport().InAsync(CaseState.Reporting),
            await desk.NewCase().Titled($"{tag} 重大已回应").Major().InAsync(CaseState.Published),
            await desk.NewCase().Titled($"{tag} 一般处置中").InAsync(CaseState.Disposing),
            await desk.NewCase().Titled($"{tag} 无需回应").NoResponseNeeded().InAsync(CaseState.Disposing),
        };

        var rows = (await desk.SendAsync(DemoAccounts.Chief, new ListCases.Query { Search = tag, PageSize = 50 })).Rows;

        Assert.Equal(ids.Order(), rows.Select(r => r.Id).Order());
        foreach (var row in rows)
        {
            var expected = await ExpectedNextClockAsync(row.Id);
            Assert.Equal((expected?.Kind.ToString(), expected?.StartedAt, expected?.DueAt), (row.NextClockKind, row.NextClockStartedAt, row.NextDueAt));
        }

        Assert.Equal(nameof(ClockKind.Assessment), rows.Single(r => r.Id == ids[0]).NextClockKind);
        Assert.Equal(nameof(ClockKind.UpwardReport), rows.Single(r => r.Id == ids[1]).NextClockKind);
        Assert.Equal(nameof(ClockKind.PressConference), rows.Single(r => r.Id == ids[2]).NextClockKind);
        Assert.Equal(nameof(ClockKind.Response), rows.Single(r => r.Id == ids[3]).NextClockKind);
        Assert.Null(rows.Single(r => r.Id == ids[4]).NextClockKind);
    }

    [Fact]
    public async Task Ended_cases_have_no_running_clock_in_the_list()
    {
        var tag = Desk.Tag();
        foreach (var state in new[] { CaseState.Closed, CaseState.Dismissed, CaseState.Merged })
        {
            await desk.NewCase().Titled($"{tag} {state}").InAsync(state);
        }

        var rows = (await desk.SendAsync(DemoAccounts.Chief, new ListCases.Query { Search = tag })).Rows;

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((null, null, null), (r.NextClockKind, r.NextClockStartedAt, r.NextDueAt)));
    }

    [Fact]
    public async Task A_reopened_case_keeps_its_clocks_stopped_at_the_first_close()
    {
        var tag = Desk.Tag();
        var id = await desk.NewCase().Titled($"{tag} 舆情反弹").Major().InAsync(CaseState.Closed);
        await desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = id, Reason = "舆情反弹" });

        var row = Assert.Single((await desk.SendAsync(DemoAccounts.Chief, new ListCases.Query { Search = tag })).Rows);

        Assert.Equal(CaseState.Assessing, row.State);
        Assert.Null(await ExpectedNextClockAsync(id));
        Assert.Null(row.NextClockKind);
    }

    [Fact]
    public async Task A_board_card_carries_the_running_clock_due_first()
    {
        var collected = await desk.NewCase().InAsync(CaseState.Collected);
        var major = await desk.NewCase().WithLevel(RiskLevel.Critical).InAsync(CaseState.Disposing);
        var quiet = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.PlanDrafting);

        var cards = (await desk.SendAsync(DemoAccounts.Chief, new GetBoard.Query())).Columns.SelectMany(c => c.Cards).ToList();

        foreach (var id in new[] { collected, major, quiet })
        {
            var card = cards.Single(c => c.Id == id);
            var expected = await ExpectedNextClockAsync(id);
            Assert.Equal((expected?.Kind.ToString(), expected?.StartedAt, expected?.DueAt), (card.NextClockKind, card.NextClockStartedAt, card.NextDueAt));
        }

        Assert.Equal(nameof(ClockKind.AuthoritativeInformation), cards.Single(c => c.Id == major).NextClockKind);
        Assert.Null(cards.Single(c => c.Id == quiet).NextClockKind);
    }

    [Fact]
    public void The_policy_binds_from_the_Sla_section_and_keeps_its_defaults_for_what_is_left_out()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{SlaConfiguration.Section}:Triage"] = "00:15:00",
                [$"{SlaConfiguration.Section}:Response"] = "1.00:00:00",
                [$"{SlaConfiguration.Section}:WarningFraction"] = "0.8",
            })
            .Build();
        using var services = new ServiceCollection().AddSlaPolicy(configuration).BuildServiceProvider();

        var policy = services.GetRequiredService<IOptions<SlaPolicy>>().Value;

        Assert.Equal(SlaPolicy.Default with { Triage = TimeSpan.FromMinutes(15), Response = TimeSpan.FromDays(1), WarningFraction = 0.8 }, policy);
    }

    private async Task<SlaClock?> ExpectedNextClockAsync(int caseId) =>
        CaseClocks.MostUrgent(CaseClocks.For(await desk.CaseAsync(caseId), SlaPolicy.Default, DateTime.UtcNow));
}
