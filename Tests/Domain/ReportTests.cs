using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>The paperwork refuses change once signed: the domain says so, whatever the UI shows.</summary>
public sealed class ReportTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);

    private static SpecialReport Draft() =>
        SpecialReport.Draft(1, 1, Actors.Analyst, Now, "关于停水的舆情专报", "基本情况", "研判意见", "处置情况", "下步建议");

    [Fact]
    public void A_signed_special_report_refuses_edits_and_a_second_signature()
    {
        var report = Draft();
        report.Sign(Actors.SectionChief, Now, 2026, 3);

        Assert.Equal("北岸舆专〔2026〕3号", report.Number);
        Assert.Equal(ReportErrors.Signed, Assert.Throws<DomainException>(() => report.Edit(Now, "新标题", "a", "b", "c", "d")).Code);
        Assert.Equal(ReportErrors.Signed, Assert.Throws<DomainException>(() => report.Sign(Actors.UnitHead, Now, 2026, 4)).Code);
        Assert.Equal(("关于停水的舆情专报", 3, Actors.SectionChief.DisplayName), (report.Title, report.Serial, report.SignedByName));
    }

    [Fact]
    public void A_drafter_never_signs_and_a_draft_needs_all_four_sections()
    {
        var report = Draft();

        Assert.Equal(ReportErrors.SignerIsDrafter, Assert.Throws<DomainException>(() => report.Sign(Actors.Analyst, Now, 2026, 1)).Code);
        Assert.Equal(ReportErrors.SectionsRequired, Assert.Throws<DomainException>(() => report.Edit(Now, "标题", "a", " ", "c", "d")).Code);
        Assert.Null(report.Number);
    }

    [Fact]
    public void A_signed_daily_log_refuses_recompiling_editing_and_signing_again()
    {
        var log = DailyLog.Compile(new DateOnly(2026, 12, 3), "{}", Actors.DutyOfficer, Now);
        Assert.Equal(ReportErrors.NotLeaderOnDuty, Assert.Throws<DomainException>(() => log.SignOff(Actors.UnitHead, false, Now)).Code);
        log.SignOff(Actors.SectionChief, true, Now);

        Assert.Equal(ReportErrors.Signed, Assert.Throws<DomainException>(() => log.Recompile("{\"x\":1}", Actors.DutyOfficer, Now)).Code);
        Assert.Equal(ReportErrors.Signed, Assert.Throws<DomainException>(() => log.EditSummary("改")).Code);
        Assert.Equal(ReportErrors.Signed, Assert.Throws<DomainException>(() => log.SignOff(Actors.SectionChief, true, Now)).Code);
        Assert.Equal("{}", log.Figures);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(TimeSpan.FromHours(20), PerformanceCalculator.Median([TimeSpan.FromHours(30), TimeSpan.FromHours(10)]));
        Assert.Null(PerformanceCalculator.Median([]));
    }
}
