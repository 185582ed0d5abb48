using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>重大决策舆情风险评估: 草稿 → 待审批 → 已批准 / 退回 → 已实施 / 已撤销, and the policy's minimum content.</summary>
public sealed class DecisionAssessmentTests
{
    private static DecisionContent Content(RiskLevel level = RiskLevel.Large, string? lines = null, string? spokesperson = null,
        string[]? triggers = null, (AssessmentMethod, string)[]? methods = null) =>
        new("北岸路拓宽工程征地", new DateOnly(2026, 12, 20), "北岸路拓宽需征收沿线12户宅基地。", "征地拆迁",
            methods ?? [(AssessmentMethod.KeyVisits, "走访12户，9户同意，3户对补偿标准有异议。")],
            "补偿标准是主要风险点。", level, lines, spokesperson, triggers ?? []);

    private static DecisionAssessment Recorded(DecisionContent? content = null) =>
        DecisionAssessment.Record(Actors.Analyst, Clock.Now, Units.Responsible, content ?? Content());

    private static DecisionAssessment Submitted()
    {
        var assessment = Recorded();
        assessment.Submit(Actors.Analyst, Clock.Now);
        return assessment;
    }

    private static void Refused(string code, Action action) => Assert.Equal(code, Assert.Throws<DomainException>(action).Code);

    [Fact]
    public void The_head_of_the_unit_approves_only_what_awaits_approval()
    {
        var assessment = Recorded();
        Refused(DecisionErrors.WrongState, () => assessment.Approve(Actors.UnitHead, Clock.Now));

        assessment.Submit(Actors.Analyst, Clock.Now);
        assessment.Approve(Actors.UnitHead, Clock.Now.AddHours(1));

        Assert.Equal((DecisionState.Approved, Actors.UnitHead.DisplayName), (assessment.State, assessment.DecidedByName));
        Refused(DecisionErrors.WrongState, () => assessment.Approve(Actors.UnitHead, Clock.Now));
    }

    [Fact]
    public void Only_the_head_of_the_recording_unit_decides()
    {
        var assessment = Submitted();

        Refused(DecisionErrors.NotUnitHead, () => assessment.Approve(Actors.SectionChief, Clock.Now));
        Refused(DecisionErrors.NotUnitHead, () => assessment.Approve(Actors.Outsider([Role.UnitHead]), Clock.Now));
        Refused(DecisionErrors.NotUnitHead, () => assessment.Approve(Actors.OpinionOffice([Role.UnitHead]), Clock.Now));
        Refused(DecisionErrors.NotUnitHead, () => assessment.Return(Actors.Analyst, Clock.Now, "补充走访"));
        Assert.Equal(DecisionState.Submitted, assessment.State);
    }

    [Fact]
    public void Approval_freezes_the_assessment()
    {
        var assessment = Submitted();
        Refused(DecisionErrors.Frozen, () => assessment.Edit(Actors.Analyst, Clock.Now, Content(RiskLevel.General)));
        assessment.Approve(Actors.UnitHead, Clock.Now);

        Refused(DecisionErrors.Frozen, () => assessment.Edit(Actors.Analyst, Clock.Now, Content(RiskLevel.General)));
        Refused(DecisionErrors.WrongState, () => assessment.Submit(Actors.Analyst, Clock.Now));
        Assert.Equal(RiskLevel.Large, assessment.RiskLevel);
    }

    [Fact]
    public void A_return_needs_a_reason_and_opens_the_assessment_for_a_new_revision()
    {
        var assessment = Submitted();
        Refused(DecisionErrors.ReasonRequired, () => assessment.Return(Actors.UnitHead, Clock.Now, "  "));
        Assert.Equal(DecisionState.Submitted, assessment.State);

        assessment.Return(Actors.UnitHead, Clock.Now, "请补充抽样调查");
        assessment.Edit(Actors.Analyst, Clock.Now.AddHours(2), Content(methods:
            [(AssessmentMethod.KeyVisits, "走访12户。"), (AssessmentMethod.SampleSurvey, "抽样100人，七成支持。")]));
        assessment.Submit(Actors.Analyst, Clock.Now.AddHours(3));

        Assert.Equal((DecisionState.Submitted, "请补充抽样调查"), (assessment.State, assessment.ReturnReason));
        Assert.Equal([1, 2], assessment.Revisions.Select(r => r.Version));
        Assert.Contains("抽样100人", assessment.Revisions[1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("抽样100人", assessment.Revisions[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_are_required_each_once_with_a_finding()
    {
        Refused(DecisionErrors.MethodsRequired, () => Recorded(Content(methods: [])));
        Refused(DecisionErrors.MethodsRequired, () => Recorded(Content(methods: [(AssessmentMethod.Consultation, " ")])));
        Refused(DecisionErrors.MethodsRequired, () => Recorded(Content(methods:
            [(AssessmentMethod.Consultation, "会商"), (AssessmentMethod.Consultation, "再会商")])));
    }

    [Fact]
    public void A_risk_level_is_required()
    {
        Refused(DecisionErrors.RiskLevelRequired, () => Recorded(Content((RiskLevel)0)));
    }

    [Theory]
    [InlineData(RiskLevel.Major)]
    [InlineData(RiskLevel.Critical)]
    public void A_major_risk_needs_a_contingency_plan(RiskLevel level)
    {
        Refused(DecisionErrors.ContingencyRequired, () => Recorded(Content(level)));
        Refused(DecisionErrors.ContingencyRequired, () => Recorded(Content(level, "依法补偿", "副镇长 李", [])));
        Refused(DecisionErrors.ContingencyRequired, () => Recorded(Content(level, "依法补偿", null, ["10人以上聚集"])));

        var assessment = Recorded(Content(level, "依法补偿", "副镇长 李", ["10人以上聚集", "网上出现不实补偿传言"]));

        Assert.Equal([(1, "10人以上聚集"), (2, "网上出现不实补偿传言")], assessment.Triggers.Select(t => (t.Id, t.Condition)));
    }

    [Fact]
    public void A_lesser_risk_may_go_without_a_plan()
    {
        Assert.Empty(Recorded(Content(RiskLevel.General)).Triggers);
    }

    [Fact]
    public void Staff_record_and_edit_for_their_own_unit_only()
    {
        Refused(DecisionErrors.NotOwnUnit, () => DecisionAssessment.Record(Actors.Analyst, Clock.Now, Units.Elsewhere, Content()));
        var assessment = Recorded();
        Refused(DecisionErrors.NotOwnUnit, () => assessment.Edit(Actors.Outsider([Role.Analyst]), Clock.Now, Content()));
        Refused(DecisionErrors.NotOwnUnit, () => assessment.Submit(Actors.OpinionOffice([Role.Analyst]), Clock.Now));
    }

    [Fact]
    public void Cases_link_and_outcomes_are_recorded_only_after_approval()
    {
        var assessment = Recorded(Content(RiskLevel.Major, "依法补偿", "副镇长 李", ["10人以上聚集"]));
        Refused(DecisionErrors.NotFollowedUp, () => assessment.LinkCase(Actors.Analyst, Clock.Now, 5));
        Refused(DecisionErrors.NotFollowedUp, () => assessment.RecordOutcome(Actors.Analyst, Clock.Now, new Dictionary<int, bool?> { [1] = true }, null));
        assessment.Submit(Actors.Analyst, Clock.Now);
        assessment.Approve(Actors.UnitHead, Clock.Now);

        assessment.LinkCase(Actors.Analyst, Clock.Now, 5);
        assessment.LinkCase(Actors.Analyst, Clock.Now, 5);
        assessment.RecordOutcome(Actors.Analyst, Clock.Now, new Dictionary<int, bool?> { [1] = true }, "聚集发生，预案启动后平息。");

        Assert.Equal([5], assessment.CaseLinks.Select(l => l.CaseId));
        Assert.True(assessment.Triggers.Single().Occurred);
        Refused(DecisionErrors.TriggerUnknown, () => assessment.RecordOutcome(Actors.Analyst, Clock.Now, new Dictionary<int, bool?> { [9] = true }, null));
    }

    [Fact]
    public void Implemented_follows_approval_and_a_withdrawal_needs_a_reason()
    {
        var draft = Recorded();
        Refused(DecisionErrors.WrongState, () => draft.MarkImplemented(Actors.Analyst, Clock.Now));
        Refused(DecisionErrors.ReasonRequired, () => draft.Withdraw(Actors.Analyst, Clock.Now, ""));
        draft.Withdraw(Actors.Analyst, Clock.Now, "决策暂缓");
        Assert.Equal(DecisionState.Withdrawn, draft.State);

        var approved = Submitted();
        approved.Approve(Actors.UnitHead, Clock.Now);
        approved.MarkImplemented(Actors.Analyst, Clock.Now);
        Assert.Equal(DecisionState.Implemented, approved.State);
        Refused(DecisionErrors.WrongState, () => approved.Withdraw(Actors.Analyst, Clock.Now, "晚了"));
    }

    [Theory]
    [InlineData(new int[0], null, ForecastVerdict.NoCases)]
    [InlineData(new[] { 0 }, null, ForecastVerdict.NotAssessed)]
    [InlineData(new[] { 1, 0 }, RiskLevel.General, ForecastVerdict.Below)]
    [InlineData(new[] { 1, 2 }, RiskLevel.Large, ForecastVerdict.AsForeseen)]
    [InlineData(new[] { 3, 1 }, RiskLevel.Major, ForecastVerdict.Exceeded)]
    public void The_forecast_compares_the_level_foreseen_with_the_highest_that_happened(int[] levels, RiskLevel? happened, ForecastVerdict verdict)
    {
        var forecast = DecisionForecast.Of(Recorded(), levels.Select(l => l == 0 ? (RiskLevel?)null : (RiskLevel)l).ToList());

        Assert.Equal((RiskLevel.Large, happened, verdict), (forecast.Foreseen, forecast.Happened, forecast.Verdict));
    }
}
