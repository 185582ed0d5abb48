using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>
/// The SLA clocks of DESIGN §2.2 with the default policy: each starts, warns at 75%, breaches at 100%, stops when what it
/// waits for happens (in time or late), applies only where the policy says, and stops when the case ends.
/// </summary>
public class ClockTests
{
    private static readonly DateTime Opened = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    // ---- assessment: 2 hours from opening until CompleteAssessment ------------------------------------------------

    [Fact]
    public void The_assessment_clock_starts_when_the_case_is_opened()
    {
        var clock = ClockOf(Open(), ClockKind.Assessment, At(1));

        Assert.Equal((Opened, At(2)), (clock.StartedAt, clock.DueAt));
        Assert.Equal(ClockState.Running, clock.State);
        Assert.Null(clock.StoppedAt);
    }

    [Fact]
    public void The_assessment_clock_warns_at_75_percent_and_breaches_at_100()
    {
        var @case = Open();

        Assert.Equal(ClockState.Running, ClockOf(@case, ClockKind.Assessment, At(1.5).AddSeconds(-1)).State);
        Assert.Equal(ClockState.Warning, ClockOf(@case, ClockKind.Assessment, At(1.5)).State);
        Assert.Equal(ClockState.Warning, ClockOf(@case, ClockKind.Assessment, At(2).AddSeconds(-1)).State);
        Assert.Equal(ClockState.Breached, ClockOf(@case, ClockKind.Assessment, At(2)).State);
        Assert.Equal(ClockState.Breached, ClockOf(@case, ClockKind.Assessment, At(30)).State);
    }

    [Fact]
    public void The_assessment_clock_is_met_by_an_assessment_in_time()
    {
        var @case = Assessed(RiskLevel.General, responseNeeded: true, at: At(1.9));

        var clock = ClockOf(@case, ClockKind.Assessment, At(30));

        Assert.Equal((ClockState.Met, At(1.9), ClockStop.Met), (clock.State, clock.StoppedAt, clock.Stop));
    }

    [Fact]
    public void A_late_assessment_meets_the_clock_late()
    {
        var @case = Assessed(RiskLevel.General, responseNeeded: true, at: At(2.5));

        var clock = ClockOf(@case, ClockKind.Assessment, At(30));

        Assert.Equal((ClockState.MetLate, At(2.5)), (clock.State, clock.StoppedAt));
    }

    [Fact]
    public void Dismissing_the_case_before_the_due_time_stops_the_clock()
    {
        var @case = Open();
        @case.Dismiss(Actors.SectionChief, At(1), "与本镇无关");

        var clock = ClockOf(@case, ClockKind.Assessment, At(30));

        Assert.Equal((ClockState.Stopped, At(1), ClockStop.CaseEnded), (clock.State, clock.StoppedAt, clock.Stop));
        Assert.Null(CaseClocks.MostUrgent(CaseClocks.For(@case, Policy, At(30))));
    }

    [Fact]
    public void A_clock_that_breached_before_the_case_ended_stays_breached()
    {
        var @case = Open();
        @case.Dismiss(Actors.SectionChief, At(3), "与本镇无关");

        var clock = ClockOf(@case, ClockKind.Assessment, At(30));

        Assert.Equal((ClockState.Breached, At(3)), (clock.State, clock.StoppedAt));
        Assert.False(clock.IsRunning);
    }

    [Fact]
    public void Merging_the_case_stops_its_running_clocks()
    {
        var @case = Open();
        var target = Open();
        @case.MergeInto(Actors.SectionChief, At(0.5), target);

        var clock = ClockOf(@case, ClockKind.Assessment, At(30));

        Assert.Equal((ClockState.Stopped, At(0.5)), (clock.State, clock.StoppedAt));
        Assert.True(ClockOf(target, ClockKind.Assessment, At(1)).IsRunning);
    }

    // ---- upward report: 1 hour from the assessment of a 重大/特别重大 case until a report to the higher level -------

    [Theory]
    [InlineData(RiskLevel.General)]
    [InlineData(RiskLevel.Large)]
    public void Cases_below_major_have_no_upward_report_clock(RiskLevel level)
    {
        var @case = Assessed(level, responseNeeded: true, at: At(1));

        Assert.DoesNotContain(CaseClocks.For(@case, Policy, At(2)), c => c.Kind == ClockKind.UpwardReport);
    }

    [Theory]
    [InlineData(RiskLevel.Major)]
    [InlineData(RiskLevel.Critical)]
    public void The_upward_report_clock_starts_at_the_assessment_of_a_major_case(RiskLevel level)
    {
        var @case = Assessed(level, responseNeeded: true, at: At(1));

        var clock = ClockOf(@case, ClockKind.UpwardReport, At(1.5));

        Assert.Equal((At(1), At(2), ClockState.Running), (clock.StartedAt, clock.DueAt, clock.State));
        Assert.Equal(ClockState.Warning, ClockOf(@case, ClockKind.UpwardReport, At(1.75)).State);
        Assert.Equal(ClockState.Breached, ClockOf(@case, ClockKind.UpwardReport, At(2)).State);
    }

    [Fact]
    public void A_report_to_the_own_level_does_not_stop_the_upward_report_clock()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        Report(@case, ReportLevel.OwnLevel, At(1.2));

        Assert.True(ClockOf(@case, ClockKind.UpwardReport, At(1.5)).IsRunning);
    }

    [Fact]
    public void A_report_to_the_higher_level_meets_the_upward_report_clock_at_its_sending_time()
    {
        var inTime = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        Report(inTime, ReportLevel.HigherLevel, At(1.8));
        var late = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        Report(late, ReportLevel.HigherLevel, At(2.25));

        Assert.Equal((ClockState.Met, At(1.8)), (ClockOf(inTime, ClockKind.UpwardReport, At(9)).State, ClockOf(inTime, ClockKind.UpwardReport, At(9)).StoppedAt));
        Assert.Equal(ClockState.MetLate, ClockOf(late, ClockKind.UpwardReport, At(9)).State);
    }

    // ---- 国办发〔2016〕80号: authoritative information in 5 hours, a press conference in 24, for 重大/特别重大 ----------

    [Theory]
    [InlineData(RiskLevel.General)]
    [InlineData(RiskLevel.Large)]
    public void Cases_below_major_have_neither_the_5_hour_nor_the_24_hour_clock(RiskLevel level)
    {
        var kinds = CaseClocks.For(Assessed(level, responseNeeded: true, at: At(1)), Policy, At(2)).Select(c => c.Kind).ToList();

        Assert.DoesNotContain(ClockKind.AuthoritativeInformation, kinds);
        Assert.DoesNotContain(ClockKind.PressConference, kinds);
    }

    [Fact]
    public void A_major_case_has_the_5_hour_and_24_hour_clocks_from_its_opening_instead_of_the_48_hour_one()
    {
        var @case = Assessed(RiskLevel.Critical, responseNeeded: true, at: At(1));

        var clocks = CaseClocks.For(@case, Policy, At(2));

        Assert.Equal([ClockKind.Assessment, ClockKind.UpwardReport, ClockKind.AuthoritativeInformation, ClockKind.PressConference],
            clocks.Select(c => c.Kind));
        var information = clocks.Single(c => c.Kind == ClockKind.AuthoritativeInformation);
        var conference = clocks.Single(c => c.Kind == ClockKind.PressConference);
        Assert.Equal((Opened, At(5)), (information.StartedAt, information.DueAt));
        Assert.Equal((Opened, At(24)), (conference.StartedAt, conference.DueAt));
    }

    [Fact]
    public void The_5_hour_clock_warns_at_75_percent_and_breaches_at_5_hours()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));

        Assert.Equal(ClockState.Running, ClockOf(@case, ClockKind.AuthoritativeInformation, At(3.7)).State);
        Assert.Equal(ClockState.Warning, ClockOf(@case, ClockKind.AuthoritativeInformation, At(3.75)).State);
        Assert.Equal(ClockState.Breached, ClockOf(@case, ClockKind.AuthoritativeInformation, At(5)).State);
        Assert.Equal(ClockState.Warning, ClockOf(@case, ClockKind.PressConference, At(18)).State);
        Assert.Equal(ClockState.Breached, ClockOf(@case, ClockKind.PressConference, At(24)).State);
    }

    [Fact]
    public void The_first_published_response_meets_the_5_hour_clock_but_only_a_press_conference_meets_the_24_hour_one()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        ToPublished(@case, ResponseForm.OnlineRelease, At(4));

        var information = ClockOf(@case, ClockKind.AuthoritativeInformation, At(6));
        Assert.Equal((ClockState.Met, At(4)), (information.State, information.StoppedAt));
        Assert.True(ClockOf(@case, ClockKind.PressConference, At(6)).IsRunning);

        Publish(@case, ResponseForm.PressConference, At(20));
        var conference = ClockOf(@case, ClockKind.PressConference, At(30));
        Assert.Equal((ClockState.Met, At(20)), (conference.State, conference.StoppedAt));
        Assert.Equal(At(4), ClockOf(@case, ClockKind.AuthoritativeInformation, At(30)).StoppedAt);
    }

    [Fact]
    public void Publishing_after_the_deadlines_meets_the_clocks_late()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        ToPublished(@case, ResponseForm.PressConference, At(26));

        Assert.Equal(ClockState.MetLate, ClockOf(@case, ClockKind.AuthoritativeInformation, At(30)).State);
        Assert.Equal(ClockState.MetLate, ClockOf(@case, ClockKind.PressConference, At(30)).State);
    }

    [Fact]
    public void Closing_a_major_case_without_a_press_conference_stops_that_clock()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        ToPublished(@case, ResponseForm.OnlineRelease, At(3));
        @case.Close(Actors.SectionChief, At(10), "已办结", null, false);

        var conference = ClockOf(@case, ClockKind.PressConference, At(40));

        Assert.Equal((ClockState.Stopped, At(10), ClockStop.CaseEnded), (conference.State, conference.StoppedAt, conference.Stop));
        Assert.Equal(ClockState.Met, ClockOf(@case, ClockKind.AuthoritativeInformation, At(40)).State);
    }

    // ---- 国办发〔2016〕61号: every other case that needs a response, 48 hours --------------------------------------

    [Theory]
    [InlineData(RiskLevel.General)]
    [InlineData(RiskLevel.Large)]
    public void A_case_below_major_that_needs_a_response_has_the_48_hour_clock(RiskLevel level)
    {
        var @case = Assessed(level, responseNeeded: true, at: At(1));

        var clock = ClockOf(@case, ClockKind.Response, At(2));

        Assert.Equal((Opened, At(48), ClockState.Running), (clock.StartedAt, clock.DueAt, clock.State));
        Assert.Equal(ClockState.Warning, ClockOf(@case, ClockKind.Response, At(36)).State);
        Assert.Equal(ClockState.Breached, ClockOf(@case, ClockKind.Response, At(48)).State);
    }

    [Fact]
    public void No_response_clock_runs_when_no_response_is_needed_or_before_the_assessment_decides()
    {
        var notNeeded = Assessed(RiskLevel.General, responseNeeded: false, at: At(1));

        Assert.Equal([ClockKind.Assessment], CaseClocks.For(notNeeded, Policy, At(2)).Select(c => c.Kind));
        Assert.Equal([ClockKind.Assessment], CaseClocks.For(Open(), Policy, At(1)).Select(c => c.Kind));
        Assert.DoesNotContain(CaseClocks.For(Assessed(RiskLevel.Major, true, At(1)), Policy, At(2)), c => c.Kind == ClockKind.Response);
    }

    [Fact]
    public void The_first_publication_meets_the_48_hour_clock_in_time_or_late()
    {
        var inTime = Assessed(RiskLevel.General, responseNeeded: true, at: At(1));
        ToPublished(inTime, ResponseForm.OnlineRelease, At(47));
        var late = Assessed(RiskLevel.Large, responseNeeded: true, at: At(1));
        ToPublished(late, ResponseForm.ExpertInterpretation, At(49));

        Assert.Equal((ClockState.Met, At(47)), (ClockOf(inTime, ClockKind.Response, At(60)).State, ClockOf(inTime, ClockKind.Response, At(60)).StoppedAt));
        Assert.Equal(ClockState.MetLate, ClockOf(late, ClockKind.Response, At(60)).State);
    }

    // ---- reopening, the most urgent clock, the policy as data ---------------------------------------------------

    [Fact]
    public void Reopening_a_closed_case_starts_no_clock_again()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        ToPublished(@case, ResponseForm.OnlineRelease, At(3));
        @case.Close(Actors.SectionChief, At(10), "已办结", null, false);
        @case.Reopen(Actors.SectionChief, At(50), "舆情反弹");
        Assess(@case, RiskLevel.Major, true, At(51));

        var clocks = CaseClocks.For(@case, Policy, At(60));

        Assert.All(clocks, c => Assert.False(c.IsRunning));
        Assert.Equal((ClockState.Met, At(1)), (ClockOf(@case, ClockKind.Assessment, At(60)).State, ClockOf(@case, ClockKind.Assessment, At(60)).StoppedAt));
        Assert.Equal((ClockState.Stopped, At(10)), (ClockOf(@case, ClockKind.PressConference, At(60)).State, ClockOf(@case, ClockKind.PressConference, At(60)).StoppedAt));
    }

    [Fact]
    public void The_most_urgent_clock_is_the_running_one_due_first()
    {
        var @case = Assessed(RiskLevel.Major, responseNeeded: true, at: At(1));
        Report(@case, ReportLevel.HigherLevel, At(1.5));

        var clocks = CaseClocks.For(@case, Policy, At(6));

        var urgent = CaseClocks.MostUrgent(clocks);
        Assert.Equal((ClockKind.AuthoritativeInformation, ClockState.Breached), (urgent?.Kind, urgent?.State));
        Assert.Null(CaseClocks.MostUrgent(clocks.Where(c => !c.IsRunning)));
    }

    [Fact]
    public void The_deadlines_are_data()
    {
        var policy = SlaPolicy.Default with { Assessment = TimeSpan.FromHours(1), WarningFraction = 0.5 };

        var clock = CaseClocks.For(Open(), policy, At(0.5)).Single();

        Assert.Equal((At(1), ClockState.Warning), (clock.DueAt, clock.State));
    }

    [Fact]
    public void A_clock_seen_later_moves_on_from_running_to_breached()
    {
        var clock = ClockOf(Open(), ClockKind.Assessment, At(0.1));

        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal(ClockState.Breached, clock.At(At(3)).State);
        Assert.Equal(TimeSpan.FromHours(-1), clock.RemainingAt(At(3)));
    }

    // ---- triage: 30 minutes from collection, on the item ----------------------------------------------------------

    [Fact]
    public void The_triage_clock_runs_from_collection_warns_at_75_percent_and_breaches_at_30_minutes()
    {
        var item = Item();

        var clock = CaseClocks.ForItem(item, Policy, Opened.AddMinutes(10));

        Assert.Equal((ClockKind.Triage, Opened, Opened.AddMinutes(30), ClockState.Running), (clock.Kind, clock.StartedAt, clock.DueAt, clock.State));
        Assert.Equal(ClockState.Warning, CaseClocks.ForItem(item, Policy, Opened.AddMinutes(22.5)).State);
        Assert.Equal(ClockState.Breached, CaseClocks.ForItem(item, Policy, Opened.AddMinutes(30)).State);
    }

    [Fact]
    public void Claiming_an_item_does_not_stop_its_triage_clock()
    {
        var item = Item();
        item.Claim(Actors.DutyOfficer, Opened.AddMinutes(5), TimeSpan.FromMinutes(5));

        Assert.True(CaseClocks.ForItem(item, Policy, Opened.AddMinutes(10)).IsRunning);
    }

    [Fact]
    public void Triaging_the_item_meets_its_clock_in_time_or_late()
    {
        var inTime = Item();
        inTime.Dismiss(Actors.DutyOfficer, DismissReason.Spam, null, Opened.AddMinutes(20));
        var late = Item();
        late.AttachTo(42, Actors.DutyOfficer, Opened.AddMinutes(45));

        var met = CaseClocks.ForItem(inTime, Policy, Opened.AddHours(2));
        Assert.Equal((ClockState.Met, Opened.AddMinutes(20)), (met.State, met.StoppedAt));
        Assert.Equal(ClockState.MetLate, CaseClocks.ForItem(late, Policy, Opened.AddHours(2)).State);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static DateTime At(double hours) => Opened.AddHours(hours);

    private static SlaClock ClockOf(Case @case, ClockKind kind, DateTime now) =>
        Assert.Single(CaseClocks.For(@case, Policy, now), c => c.Kind == kind);

    private static Case Open() =>
        Database.Save(Case.Open("BAZ-2026-9000", "某村自来水发黑", "村民反映自来水发黑", Units.Responsible, [], Actors.DutyOfficer, Opened));

    private static OpinionItem Item() => new(Channel.Hotline, "自来水发黑", "村民来电反映自来水发黑", "值班员 周", Opened);

    private static Case Assessed(RiskLevel level, bool responseNeeded, DateTime at)
    {
        var @case = Open();
        @case.StartAssessment(Actors.Analyst, Opened.AddMinutes(5));
        Assess(@case, level, responseNeeded, at);
        return @case;
    }

    private static void Assess(Case @case, RiskLevel level, bool responseNeeded, DateTime at) =>
        @case.CompleteAssessment(Actors.Analyst, at, "群众对饮用水质量的集中投诉", OpinionTrend.Rising, "可能引发聚集", level,
            new RiskScore(50, level, []), null, responseNeeded, MatterKind.DirectInterest);

    private static void Report(Case @case, ReportLevel level, DateTime sentAt) =>
        @case.RecordReport(Actors.Analyst, sentAt, level, level == ReportLevel.HigherLevel ? "县委网信办" : "镇党委办公室", "电话", sentAt,
            "某村自来水发黑，已安排核查");

    /// <summary>Reporting → Published through the real transitions, publishing the first response at <paramref name="at"/>.</summary>
    private static void ToPublished(Case @case, ResponseForm form, DateTime at)
    {
        Report(@case, ReportLevel.OwnLevel, at);
        if (@case.IsMajor && @case.Reports.All(r => r.Level != ReportLevel.HigherLevel))
        {
            Report(@case, ReportLevel.HigherLevel, at);
        }

        @case.SubmitReport(Actors.Analyst, at);
        @case.SavePlan(Actors.Analyst, at, "停止供水并送检水样", "水务站 刘站长", "入户走访", "政务微博发布情况通报");
        @case.SubmitPlan(Actors.Analyst, at);
        foreach (var signer in @case.IsMajor ? new[] { Actors.SectionChief, Actors.UnitHead } : [Actors.SectionChief])
        {
            @case.SignPlan(signer, at, null);
        }

        @case.BeginResponse(Actors.PressOfficer, at);
        Publish(@case, form, at);
    }

    private static void Publish(Case @case, ResponseForm form, DateTime at)
    {
        var response = @case.DraftResponse(Actors.PressOfficer, at, null, form, "政务微博", "关于某村自来水发黑的情况通报", []);
        Database.Save(@case);
        @case.SubmitResponse(Actors.PressOfficer, at, response.Id);
        @case.ApproveResponse(Actors.SectionChief, at, response.Id, null);
        @case.PublishResponse(Actors.PressOfficer, at, response.Id, "政务微博", null, at);
    }
}
