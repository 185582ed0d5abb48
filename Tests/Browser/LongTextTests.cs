using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// Every free-text field takes, end to end in a real browser, the longest text its validator allows: the text typed is the
/// text stored. Chinese text costs several bytes a character on the live connection, so the long fields are the ones a
/// too small message limit silently dropped (the form then said the field was empty). Each field also shows its limit.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class LongTextTests(BrowserFixture fixture)
{
    private const string Pattern = "滨江村三组来电反映自来水连续两天发黑有异味，村民要求尽快查明原因并公开水质检测结果。";

    /// <summary>Exactly <paramref name="length"/> characters, starting with <paramref name="tag"/>, Chinese throughout.</summary>
    private static string Text(int length, string tag)
    {
        var text = new System.Text.StringBuilder(tag, length + Pattern.Length);
        while (text.Length < length)
        {
            text.Append(Pattern);
        }

        return text.ToString(0, length);
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Item_content_of_the_largest_allowed_length_is_logged_whole_and_the_case_summary_too()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Tag();
            var title = $"长文本来电 {tag}";
            var content = Text(TextLimits.ItemContent, tag);
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.GetByTestId("log-item").ClickAsync();
            var dialog = await duty.DialogWith("log-item-dialog").ReadyAsync();
            await Expect(dialog.GetByTestId("log-content")).ToHaveAttributeAsync("maxlength", TextLimits.ItemContent.ToString());
            await duty.ChooseAsync(dialog.GetByTestId("log-channel"), "论坛");
            await dialog.GetByTestId("log-title").EnterAsync(title);
            await dialog.GetByTestId("log-content").EnterAsync(content);
            await dialog.SubmitAsync();
            await Expect(duty.TriageRow(title)).ToHaveCountAsync(1);

            await duty.TriageRow(title).GetByTestId("open-case").ClickAsync();
            var open = await duty.DialogWith("open-case-dialog").ReadyAsync();
            var summary = Text(TextLimits.Long, tag);
            await open.GetByTestId("case-summary").EnterAsync(summary);
            await duty.ChooseAsync(open.GetByTestId("case-unit"), "党政办公室");
            await open.SubmitAsync();
            await duty.WaitForURLAsync(PageSteps.CaseUrl());
            var caseId = duty.CaseIdFromUrl();

            var stored = await StoredAsync(caseId);
            Assert.Equal(summary, stored.Summary);
            await using var db = await fixture.App.CreateDbContextAsync();
            Assert.Equal(content, await db.Items.Where(i => i.CaseId == caseId).Select(i => i.Content).SingleAsync());
        });
    }

    [Fact]
    public async Task A_response_text_of_the_largest_allowed_length_is_saved_whole()
    {
        var caseId = await (await DeskAsync()).NewCase().InAsync(CaseState.Responding);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Tag();
            var text = Text(TextLimits.ResponseText, tag);
            var agencies = Text(TextLimits.Short, tag);
            var press = await desk.AsAsync(DemoAccounts.Press);
            await press.OpenCaseAsync(caseId);
            var draft = await press.BeginAsync("DraftResponse");
            await press.ChooseAsync(draft.GetByTestId("form"), press.GetByTestId("form-OnlineRelease"));
            await draft.GetByTestId("channels").EnterAsync("镇政府门户网站");
            await Expect(draft.GetByTestId("text")).ToHaveAttributeAsync("maxlength", TextLimits.ResponseText.ToString());
            await draft.GetByTestId("text").EnterAsync(text);
            await draft.GetByTestId("confirming-agencies").EnterAsync(agencies);
            await press.SubmitCaseAsync(draft);

            var response = (await StoredAsync(caseId)).Responses.Single();
            Assert.Equal(text, response.Text);
        });
    }

    [Fact]
    public async Task Assessment_report_and_plan_texts_of_the_largest_allowed_length_are_saved_whole()
    {
        var caseId = await (await DeskAsync()).NewCase().InAsync(CaseState.Assessing);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Tag();
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            var assess = await analyst.BeginAsync("CompleteAssessment");
            var nature = Text(TextLimits.Medium, "性质" + tag);
            var risks = Text(TextLimits.Medium, "风险" + tag);
            await assess.GetByTestId("nature").EnterAsync(nature);
            await assess.GetByTestId("trend-Rising").ClickAsync();
            await assess.GetByTestId("risks").EnterAsync(risks);
            await analyst.ChooseAsync(assess.GetByTestId("matter-kind"), analyst.GetByTestId("matter-kind-DirectInterest"));
            await analyst.ChooseAsync(assess.GetByTestId("level"), analyst.GetByTestId("level-General"));
            if (await assess.GetByTestId("override-justification").CountAsync() > 0)
            {
                await assess.GetByTestId("override-justification").EnterAsync(Text(TextLimits.Short, "理由" + tag));
            }

            await assess.GetByTestId("response-needed-yes").ClickAsync();
            await analyst.SubmitCaseAsync(assess);
            await analyst.ExpectStateAsync("Reporting");

            var report = await analyst.BeginAsync("RecordReport");
            var reportText = Text(TextLimits.Long, "报送" + tag);
            await report.GetByTestId("report-level-OwnLevel").ClickAsync();
            await report.GetByTestId("recipients").EnterAsync("党政办公室主任");
            await report.GetByTestId("channel").EnterAsync("电话");
            await report.GetByTestId("sent-at").EnterAsync(PageSteps.BeijingInput(TimeSpan.FromMinutes(-10)));
            await report.GetByTestId("content").EnterAsync(reportText);
            await analyst.SubmitCaseAsync(report);
            await analyst.ConfirmAsync("SubmitReport");
            await analyst.ExpectStateAsync("PlanDrafting");

            var plan = await analyst.BeginAsync("SavePlan");
            var measures = Text(TextLimits.Long, "措施" + tag);
            var offline = Text(TextLimits.Long, "网下" + tag);
            var approach = Text(TextLimits.Medium, "口径" + tag);
            await plan.GetByTestId("measures").EnterAsync(measures);
            await plan.GetByTestId("responsible-persons").EnterAsync("城建办主任");
            await plan.GetByTestId("offline-actions").EnterAsync(offline);
            await plan.GetByTestId("response-approach").EnterAsync(approach);
            await analyst.SubmitCaseAsync(plan);

            var stored = await StoredAsync(caseId);
            Assert.Equal(nature, stored.Assessment!.Nature);
            Assert.Equal(risks, stored.Assessment.Risks);
            Assert.Equal(reportText, stored.Reports.Single().Content);
            Assert.Equal(measures, stored.CurrentPlan!.Measures);
            Assert.Equal(offline, stored.CurrentPlan.OfflineActions);
            Assert.Equal(approach, stored.CurrentPlan.ResponseApproach);
        });
    }

    [Fact]
    public async Task Task_comment_and_closing_texts_of_the_largest_allowed_length_are_saved_whole()
    {
        var caseId = await (await DeskAsync()).NewCase().NoResponseNeeded().InAsync(CaseState.Disposing);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Tag();
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);
            var assign = await chief.BeginAsync("AssignTask");
            var description = Text(TextLimits.Medium, "转办" + tag);
            await chief.ChooseAsync(assign.GetByTestId("unit"), chief.GetByTestId("unit-DZB"));
            await assign.GetByTestId("description").EnterAsync(description);
            await assign.GetByTestId("due-at").EnterAsync(PageSteps.BeijingInput(TimeSpan.FromDays(2)));
            await chief.SubmitCaseAsync(assign);

            var comment = Text(TextLimits.Long, "评论" + tag);
            await chief.GetByTestId("comment-box").FillAsync(comment);
            await chief.GetByTestId("comment-send").ClickAsync();
            await Expect(chief.GetByTestId("case-comment")).ToHaveCountAsync(1);

            var accept = await chief.BeginAsync("AcceptTask");
            await chief.SubmitCaseAsync(accept);
            var feedback = Text(TextLimits.Long, "反馈" + tag);
            var give = await chief.BeginAsync("GiveTaskFeedback");
            await give.GetByTestId("feedback").EnterAsync(feedback);
            await chief.SubmitCaseAsync(give);

            var close = await chief.BeginAsync("Close");
            var summary = Text(TextLimits.Long, "总结" + tag);
            var raiser = Text(TextLimits.Medium, "回访" + tag);
            await close.GetByTestId("summary").EnterAsync(summary);
            await close.GetByTestId("raiser-feedback").EnterAsync(raiser);
            // The caller came in by the hotline: closing records the 回访 too.
            await close.GetByTestId("follow-up-reached").SelectOptionAsync("true");
            await close.GetByTestId("follow-up-satisfaction").SelectOptionAsync("Satisfied");
            await chief.SubmitCaseAsync(close);
            await chief.ExpectStateAsync("Closed");

            var stored = await StoredAsync(caseId);
            Assert.Equal(description, stored.Tasks.Single().Description);
            Assert.Equal(feedback, stored.Tasks.Single().Feedback);
            Assert.Equal(comment, stored.Comments.Single().Text);
            Assert.Equal(summary, stored.CloseSummary);
            Assert.Equal(raiser, stored.RaiserFeedback);
        });
    }

    private Task<Desk> DeskAsync() => Desk.CreateAsync(fixture.App);

    private async Task<Case> StoredAsync(int caseId) => await (await DeskAsync()).CaseAsync(caseId);
}
