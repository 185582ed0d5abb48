using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

[Collection(AssessmentAndPlanDesk.Name)]
public class StartAssessmentTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task An_analyst_starts_assessing_a_collected_case()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var version = await desk.VersionAsync(id);

        await desk.SendAsync(DemoAccounts.Analyst, new StartAssessment.Command(id));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Assessing, @case.State);
        Assert.Equal(version + 1, @case.Version);
        var entry = @case.Timeline.MaxBy(t => t.Id)!;
        Assert.Equal(("StartAssessment", CaseState.Collected, CaseState.Assessing, DemoAccounts.Analyst.DisplayName),
            (entry.Action, entry.FromState, entry.ToState, entry.ActorName));
    }

    [Fact]
    public async Task A_duty_officer_may_start_the_assessment_too()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await desk.SendAsync(DemoAccounts.Duty, new StartAssessment.Command(id));

        Assert.Equal(CaseState.Assessing, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_press_officer_cannot_start_an_assessment()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new StartAssessment.Command(id)));

        Assert.Equal(CaseState.Collected, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_case_already_being_assessed_cannot_start_again()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var version = await desk.VersionAsync(id);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new StartAssessment.Command(id)), DomainErrors.TriggerNotAllowed);

        Assert.Equal(version, await desk.VersionAsync(id));
    }
}

[Collection(AssessmentAndPlanDesk.Name)]
public class CompleteAssessmentTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private static CompleteAssessment.Command Assessment(int id, int version, RiskLevel level, string? justification = null) => new()
    {
        CaseId = id,
        ExpectedVersion = version,
        Nature = " 民生类舆情 ",
        Trend = OpinionTrend.Rising,
        Risks = "可能引发聚集",
        Level = level,
        OverrideJustification = justification,
        ResponseNeeded = true,
        MatterKind = MatterKind.DirectInterest,
    };

    [Fact]
    public async Task Completing_stores_the_assessment_and_the_case_moves_to_reporting()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var detail = await desk.DetailAsync(id, DemoAccounts.Analyst);

        await desk.SendAsync(DemoAccounts.Analyst, Assessment(id, detail.Case.Version, detail.Score.SuggestedLevel));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Reporting, @case.State);
        Assert.Equal(detail.Score.SuggestedLevel, @case.RiskLevel);
        Assert.True(@case.ResponseNeeded);
        var assessment = @case.Assessment!;
        Assert.Equal("民生类舆情", assessment.Nature);
        Assert.Equal(OpinionTrend.Rising, assessment.Trend);
        Assert.Equal(MatterKind.DirectInterest, assessment.MatterKind);
        Assert.Equal(detail.Score.Total, assessment.Score);
        Assert.Equal(detail.Score.SuggestedLevel, assessment.ComputedLevel);
        Assert.Null(assessment.OverrideJustification);
        Assert.Equal(DemoAccounts.Analyst.DisplayName, assessment.AssessedBy);
    }

    [Fact]
    public async Task An_override_of_the_computed_level_is_stored_with_its_justification()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var detail = await desk.DetailAsync(id, DemoAccounts.Analyst);
        Assert.Equal(RiskLevel.General, detail.Score.SuggestedLevel);

        await desk.SendAsync(DemoAccounts.Analyst, Assessment(id, detail.Case.Version, RiskLevel.Major, "涉及饮水安全"));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(RiskLevel.Major, @case.RiskLevel);
        Assert.Equal(RiskLevel.General, @case.Assessment!.ComputedLevel);
        Assert.Equal("涉及饮水安全", @case.Assessment.OverrideJustification);
    }

    [Fact]
    public async Task An_override_without_justification_is_refused()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var version = await desk.VersionAsync(id);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, Assessment(id, version, RiskLevel.Critical, "  ")),
            DomainErrors.OverrideNeedsJustification);

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Assessing, @case.State);
        Assert.Null(@case.Assessment);
        Assert.Null(@case.RiskLevel);
    }

    [Fact]
    public async Task A_duty_officer_cannot_complete_an_assessment()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Duty, Assessment(id, 0, RiskLevel.General)));

        Assert.Null((await desk.CaseAsync(id)).Assessment);
    }

    [Fact]
    public async Task The_level_and_the_response_decision_are_required()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Analyst, new CompleteAssessment.Command { CaseId = id }),
            "Level", "ResponseNeeded", "Nature", "Risks");
    }
}
