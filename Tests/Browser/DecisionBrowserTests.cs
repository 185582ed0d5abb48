using Microsoft.Playwright;
using OpinionResponse.App.Features.Decisions;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>The unit head approves a 重大决策舆情风险评估 from 待我办理 on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DecisionBrowserTests(BrowserFixture fixture)
{
    /// <summary>With <c>UPDATE_SCREENSHOTS=1</c> the approved page is saved for the README (docs/img/decision-phone.png).</summary>
    [Fact]
    public async Task The_unit_head_approves_an_assessment_on_a_360_pixel_screen()
    {
        await using var people = new BrowserDesk(fixture);
        await people.RunAsync(async () =>
        {
            var desk = await Desk.CreateAsync(fixture.App);
            var title = "滨江片区自来水价格调整方案";
            var id = await desk.SendAsync(DemoAccounts.Analyst, new SaveDecisionAssessment.Command
            {
                UnitId = desk.Unit(DemoAccounts.TownOffice),
                Title = title,
                PlannedOn = new DateOnly(2026, 12, 28),
                Summary = "拟将滨江片区居民生活用水价格由每吨2.80元调整为3.30元，同步实行阶梯水价，低保户每月减免5吨。调整方案已经县发改局初审。",
                Matters = "价格调整、民生",
                Methods =
                [
                    new() { Method = AssessmentMethod.OpinionTracking, Finding = "近三个月本地论坛、微信群涉水价帖文47条，集中在“涨价幅度过大”“水质未改善先涨价”。" },
                    new() { Method = AssessmentMethod.SampleSurvey, Finding = "抽样调查300户：支持38%，有条件支持41%，反对21%；反对者多为老旧小区住户。" },
                    new() { Method = AssessmentMethod.Consultation, Finding = "与县水务局、发改局会商，认为主要风险在听证程序和水质问题叠加。" },
                ],
                Findings = "决策出台后可能引发较集中的网上质疑，若与停水、水质问题叠加，可能出现聚集上访。",
                RiskLevel = RiskLevel.Major,
                ResponseLines = "说明调价依据、成本监审结果和听证情况，公布低保户减免措施和水质改造计划。",
                Spokesperson = "副镇长 李明（党政办 0571-88886666）",
                Triggers = ["相关帖文单日超过50条或登上本地热搜", "出现10人以上聚集或集体上访", "主流媒体报道"],
            });
            await desk.SendAsync(DemoAccounts.Analyst, new SubmitDecisionAssessment.Command(id, 1));

            var head = await people.AsAsync(DemoAccounts.Head);
            await head.SetViewportSizeAsync(360, 740);
            await head.OpenAsync("/my-work");
            var entry = head.Locator($"[data-testid=my-work-decisions] [data-decision-id='{id}']");
            await Expect(entry).ToContainTextAsync(title);
            await AssessmentBrowserTests.ExpectNoSidewaysScrollAsync(head, "待我办理");

            await entry.Locator("a").ClickAsync();
            await Expect(head.GetByTestId("decision-state")).ToHaveAttributeAsync("data-state", nameof(DecisionState.Submitted));
            await Expect(head.GetByTestId("decision-content")).ToContainTextAsync("抽样调查300户");
            await AssessmentBrowserTests.ExpectNoSidewaysScrollAsync(head, "assessment page");

            await head.GetByTestId("decision-approve").ClickAsync();
            await Expect(head.GetByTestId("decision-state")).ToHaveAttributeAsync("data-state", nameof(DecisionState.Approved));
            await Expect(head.GetByTestId("decision-approved-by")).ToContainTextAsync(DemoAccounts.Head.DisplayName);
            await Expect(head.GetByTestId("decision-approve")).ToHaveCountAsync(0);
            await AssessmentBrowserTests.ExpectNoSidewaysScrollAsync(head, "assessment page after approval");

            var update = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";
            await DemoDeskTests.ShootAsync(head, update, Path.Combine(DemoDeskTests.RepositoryRoot(), "docs", "img", "decision-phone.png"));
        });
    }
}
