using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// The issue's "What a user must be able to do", end to end in a real browser: a hotline call is logged on the triage
/// page and becomes a case that every role in turn moves on, through a rejected and re-signed plan, a task to 城建办,
/// a published response and a follow-up, to the closed case and its complete timeline. At the key moments the test
/// checks that each user is offered exactly the actions the domain allows them then.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IssueWalkthroughTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_hotline_call_goes_from_triage_through_every_role_to_a_closed_case_with_its_whole_timeline()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var call = $"滨江路与北岸大道交叉口连续三天积水 {tag}";
            var post = $"网友发帖：北岸大道积水车辆熄火 {tag}";
            var spam = $"低价装修推广 {tag}";

            // 1. 值班员 logs the hotline call and two more items, opens a case, attaches one item and dismisses the other.
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.LogItemAsync("热线电话", call, "市民黄先生来电反映：滨江路与北岸大道交叉口连续三天积水，最深处没过脚踝，行人只能绕行。", "黄先生", "13800138000");
            var callRow = duty.TriageRow(call);
            await Expect(callRow.GetByTestId("triage-channel-chip")).ToHaveTextAsync("热线电话");
            await Expect(callRow).ToContainTextAsync("黄先生");
            await duty.LogItemAsync("论坛", post, "北岸论坛网友发帖称北岸大道积水严重，多辆车涉水熄火，质疑排水工程质量。", "北岸老街坊");
            await duty.LogItemAsync("其他", spam, "专业装修，价格全镇最低，欢迎来电咨询。");

            var caseId = await duty.OpenCaseFromItemAsync(call, "党政办公室");
            await duty.ExpectStateAsync("Collected");
            await Expect(duty.GetByTestId("case-title")).ToHaveTextAsync(call);
            await duty.ExpectActionsAsync("StartAssessment", "EditSummary");
            var number = (await duty.GetByTestId("case-number").InnerTextAsync()).Trim();
            Assert.Matches(@"^BAZ-\d{4}-\d{4}$", number);

            await duty.OpenAsync("/triage");
            await Expect(duty.TriageRow(call)).ToHaveCountAsync(0);
            await duty.TriageRow(post).GetByTestId("attach").ClickAsync();
            var attach = await duty.DialogWith("attach-dialog").ReadyAsync();
            var target = attach.Locator($"[data-testid=attach-case][data-case-id='{caseId}']");
            await target.ClickAsync();
            await Expect(target).ToHaveAttributeAsync("aria-selected", "true");
            await attach.SubmitAsync();
            await Expect(duty.TriageRow(post)).ToHaveCountAsync(0);

            await duty.TriageRow(spam).GetByTestId("dismiss").ClickAsync();
            var dismiss = await duty.DialogWith("dismiss-dialog").ReadyAsync();
            await dismiss.GetByTestId("dismiss-reason-Spam").ClickAsync();
            await dismiss.GetByTestId("dismiss-note").EnterAsync("商业广告，与政务无关");
            await dismiss.SubmitAsync();
            await Expect(duty.TriageRow(spam)).ToHaveCountAsync(0);

            await duty.OpenCaseAsync(caseId);
            await Expect(duty.GetByTestId("case-item")).ToHaveCountAsync(2);

            // 2. 研判员 assesses it as 重大, reports to her own and the higher level, drafts and submits the plan.
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            await analyst.ExpectActionsAsync("StartAssessment", "EditSummary");
            await analyst.ConfirmAsync("StartAssessment");
            await analyst.ExpectStateAsync("Assessing");
            await analyst.ExpectActionsAsync("CompleteAssessment", "EditSummary");

            var assess = await analyst.BeginAsync("CompleteAssessment");
            await assess.GetByTestId("nature").EnterAsync("城市内涝引发的民生类舆情，涉及群众出行安全");
            await assess.GetByTestId("trend-Rising").ClickAsync();
            await assess.GetByTestId("risks").EnterAsync("雨季持续，可能引发媒体关注和群众聚集；排水工程质量受到质疑");
            await analyst.ChooseAsync(assess.GetByTestId("matter-kind"), analyst.GetByTestId("matter-kind-DirectInterest"));
            await analyst.ChooseAsync(assess.GetByTestId("level"), analyst.GetByTestId("level-Major"));
            await Expect(assess.GetByTestId("chosen-level")).ToHaveTextAsync("重大");
            var suggested = (await assess.GetByTestId("suggested-level").InnerTextAsync()).Trim();
            if (suggested != "重大")
            {
                await assess.GetByTestId("override-justification").EnterAsync("论坛帖子质疑工程质量，有发酵为媒体事件的风险，按重大处置");
            }
            else
            {
                await Expect(assess.GetByTestId("override-justification")).ToHaveCountAsync(0);
            }

            await assess.GetByTestId("response-needed-yes").ClickAsync();
            await analyst.SubmitCaseAsync(assess);
            await analyst.ExpectStateAsync("Reporting");
            await Expect(analyst.GetByTestId("case-risk")).ToHaveAttributeAsync("data-risk", "Major");
            await analyst.ExpectActionsAsync("RecordReport", "EditSummary");

            var own = await analyst.BeginAsync("RecordReport");
            await Expect(own.GetByTestId("major-hint")).ToBeVisibleAsync();
            await own.GetByTestId("report-level-OwnLevel").ClickAsync();
            await own.GetByTestId("recipients").EnterAsync("党政办公室主任、分管副镇长");
            await own.GetByTestId("channel").EnterAsync("电话");
            await own.GetByTestId("sent-at").EnterAsync(PageSteps.BeijingInput(TimeSpan.FromMinutes(-10)));
            await own.GetByTestId("content").EnterAsync("滨江路积水舆情研判为重大，已启动处置程序。");
            await analyst.SubmitCaseAsync(own);
            await Expect(analyst.GetByTestId("case-report")).ToHaveCountAsync(1);
            // 重大 must be reported to the higher level before the report can be submitted.
            await analyst.ExpectActionsAsync("RecordReport", "EditSummary");

            var higher = await analyst.BeginAsync("RecordReport");
            await higher.GetByTestId("report-level-HigherLevel").ClickAsync();
            await higher.GetByTestId("recipients").EnterAsync("区委网信办");
            await higher.GetByTestId("channel").EnterAsync("公文报送");
            await higher.GetByTestId("content").EnterAsync("北岸镇滨江路积水舆情（重大）情况报告。");
            await analyst.SubmitCaseAsync(higher);
            await Expect(analyst.GetByTestId("case-report")).ToHaveCountAsync(2);
            await analyst.ExpectActionsAsync("RecordReport", "SubmitReport", "EditSummary");
            await analyst.ConfirmAsync("SubmitReport");
            await analyst.ExpectStateAsync("PlanDrafting");
            await analyst.ExpectActionsAsync("RecordReport", "SavePlan", "EditSummary");

            await SavePlanAsync(analyst, "1. 城建办今日内疏通排水管网；2. 设置警示标志。");
            await analyst.ExpectActionsAsync("RecordReport", "SavePlan", "SubmitPlan", "EditSummary");
            await analyst.ConfirmAsync("SubmitPlan");
            await analyst.ExpectStateAsync("PlanApproval");
            // The analyst drafted the plan and may not sign it: she is offered no SignPlan (nor RejectPlan).
            await analyst.ExpectActionsAsync("RecordReport", "EditSummary");

            // 3. 分管领导 rejects the plan; the analyst revises it; 分管领导 and then 主要负责人 sign (重大 needs both).
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);
            await chief.ExpectStateAsync("PlanApproval");
            await chief.ExpectActionsAsync("RecordReport", "SignPlan", "RejectPlan", "Merge", "EditSummary");
            var reject = await chief.BeginAsync("RejectPlan");
            await reject.GetByTestId("comment").EnterAsync("请补充对交叉口行人的临时安全措施");
            await chief.SubmitCaseAsync(reject);
            await chief.ExpectStateAsync("PlanDrafting");
            await chief.ExpectActionsAsync("RecordReport", "Merge", "EditSummary");

            await analyst.OpenCaseAsync(caseId);
            await analyst.ExpectStateAsync("PlanDrafting");
            await SavePlanAsync(analyst, "1. 城建办今日内疏通排水管网；2. 设置警示标志；3. 交叉口安排人员引导行人绕行。",
                expectRejection: "请补充对交叉口行人的临时安全措施");
            await analyst.ConfirmAsync("SubmitPlan");
            await analyst.ExpectStateAsync("PlanApproval");

            await chief.OpenCaseAsync(caseId);
            await chief.ExpectActionsAsync("RecordReport", "SignPlan", "RejectPlan", "Merge", "EditSummary");
            var chiefSign = await chief.BeginAsync("SignPlan");
            await chiefSign.GetByTestId("comment").EnterAsync("同意");
            await chief.SubmitCaseAsync(chiefSign);
            // 重大: one signature is not enough, the plan still waits for the unit head; the chief cannot sign twice.
            await chief.ExpectStateAsync("PlanApproval");
            await chief.ExpectActionsAsync("RecordReport", "RejectPlan", "Merge", "EditSummary");

            var head = await desk.AsAsync(DemoAccounts.Head);
            await head.OpenCaseAsync(caseId);
            await head.ExpectStateAsync("PlanApproval");
            await head.ExpectActionsAsync("SignPlan", "RejectPlan");
            var headSign = await head.BeginAsync("SignPlan");
            await head.SubmitCaseAsync(headSign);
            await head.ExpectStateAsync("Disposing");
            await head.ExpectActionsAsync();
            await Expect(head.GetByTestId("case-no-actions")).ToBeVisibleAsync();

            // 4. 分管领导 sends a task to 城建办; its officer finds the case in her list, accepts the task and reports back.
            await chief.OpenCaseAsync(caseId);
            await chief.ExpectStateAsync("Disposing");
            await chief.ExpectActionsAsync("RecordReport", "AssignTask", "Merge", "EditSummary");
            var assign = await chief.BeginAsync("AssignTask");
            await chief.ChooseAsync(assign.GetByTestId("unit"), chief.GetByTestId("unit-CJB"));
            await assign.GetByTestId("description").EnterAsync("请城建办今日内疏通滨江路排水管网并反馈处理结果");
            await assign.GetByTestId("due-at").EnterAsync(PageSteps.BeijingInput(TimeSpan.FromDays(2)));
            await chief.SubmitCaseAsync(assign);
            await Expect(chief.GetByTestId("case-task")).ToHaveAttributeAsync("data-status", "Pending");

            var officer = await desk.AsAsync(DemoAccounts.ConstructionOfficer);
            await officer.OpenAsync("/cases");
            var listed = officer.Locator($"[data-testid=case-row][data-case-id='{caseId}']");
            await Expect(listed).ToContainTextAsync(number);
            await listed.GetByTestId("case-link").ClickAsync();
            await officer.WaitForURLAsync(PageSteps.CaseUrl());
            await officer.ExpectStateAsync("Disposing");
            await officer.ExpectActionsAsync("AcceptTask", "GiveTaskFeedback");
            var accept = await officer.BeginAsync("AcceptTask");
            await officer.SubmitCaseAsync(accept);
            await Expect(officer.GetByTestId("case-task")).ToHaveAttributeAsync("data-status", "InProgress");
            await officer.ExpectActionsAsync("GiveTaskFeedback");
            var feedback = await officer.BeginAsync("GiveTaskFeedback");
            await feedback.GetByTestId("feedback").EnterAsync("已于当日疏通排水管网三处，积水已排除，后续加密巡查。");
            await officer.SubmitCaseAsync(feedback);
            await Expect(officer.GetByTestId("case-task")).ToHaveAttributeAsync("data-status", "FeedbackGiven");
            await officer.ExpectActionsAsync();

            // 5. 信息发布员 drafts the response; 分管领导 approves; the police station co-signs; it is published; then a follow-up.
            var press = await desk.AsAsync(DemoAccounts.Press);
            await press.OpenCaseAsync(caseId);
            await press.ExpectActionsAsync("BeginResponse");
            await press.ConfirmAsync("BeginResponse");
            await press.ExpectStateAsync("Responding");
            await press.ExpectActionsAsync("DraftResponse");

            var draft = await press.BeginAsync("DraftResponse");
            await press.ChooseAsync(draft.GetByTestId("form"), press.GetByTestId("form-OnlineRelease"));
            await draft.GetByTestId("channels").EnterAsync("镇政府门户网站、官方微博");
            await draft.GetByTestId("text").EnterAsync("关于滨江路积水问题的情况通报：我镇已组织城建办疏通排水管网，积水已排除。");
            await draft.GetByTestId("confirming-agencies").EnterAsync("北岸派出所");
            await press.SubmitCaseAsync(draft);
            await press.ExpectActionsAsync("DraftResponse", "SubmitResponse");
            var submitResponse = await press.BeginAsync("SubmitResponse");
            await press.SubmitCaseAsync(submitResponse);
            await Expect(press.GetByTestId("case-response")).ToHaveAttributeAsync("data-status", "InReview");
            await press.ExpectStateAsync("Responding");
            await press.ExpectActionsAsync("DraftResponse");

            await chief.OpenCaseAsync(caseId);
            await chief.ExpectActionsAsync("RecordReport", "AssignTask", "ApproveResponse", "RejectResponse", "Merge", "EditSummary");
            var approve = await chief.BeginAsync("ApproveResponse");
            await chief.SubmitCaseAsync(approve);
            await Expect(chief.GetByTestId("case-response")).ToHaveAttributeAsync("data-status", "Approved");

            await press.OpenCaseAsync(caseId);
            // Approved, but the police station has not co-signed yet: no PublishResponse.
            await press.ExpectActionsAsync("DraftResponse", "RecordConfirmation");
            var confirm = await press.BeginAsync("RecordConfirmation");
            await confirm.Locator("[data-testid=agency-option][data-value='北岸派出所']").ClickAsync();
            await confirm.GetByTestId("confirmed-by").EnterAsync("北岸派出所 刘所长");
            await press.SubmitCaseAsync(confirm);
            await press.ExpectActionsAsync("DraftResponse", "PublishResponse");
            await PublishAsync(press, "https://www.beian.gov.cn/xxgk/2026/binjiang-1.html");
            await press.ExpectStateAsync("Published");
            await Expect(press.GetByTestId("case-response")).ToHaveAttributeAsync("data-status", "Published");
            await press.ExpectActionsAsync("DraftResponse");

            var followUp = await press.BeginAsync("DraftResponse");
            await followUp.GetByTestId("channels").EnterAsync("镇政府门户网站");
            await followUp.GetByTestId("text").EnterAsync("续报：滨江路排水管网改造工程将于下月开工，施工期间请市民注意绕行。");
            await press.SubmitCaseAsync(followUp);
            var submitFollowUp = await press.BeginAsync("SubmitResponse");
            await press.SubmitCaseAsync(submitFollowUp);
            await press.ExpectStateAsync("Published");

            await chief.OpenCaseAsync(caseId);
            await chief.ExpectStateAsync("Published");
            var approveFollowUp = await chief.BeginAsync("ApproveResponse");
            await chief.SubmitCaseAsync(approveFollowUp);

            await press.OpenCaseAsync(caseId);
            await press.ExpectActionsAsync("DraftResponse", "PublishResponse");
            await PublishAsync(press, "https://www.beian.gov.cn/xxgk/2026/binjiang-2.html");
            await press.ExpectStateAsync("Published");
            await Expect(press.Locator("[data-testid=case-response][data-status=Published]")).ToHaveCountAsync(2);

            // 6. 分管领导 closes the case with a summary and the feedback to the caller (a hotline caller can be reached).
            await chief.OpenCaseAsync(caseId);
            await chief.ExpectActionsAsync("RecordReport", "AssignTask", "Close", "Merge", "EditSummary");
            var close = await chief.BeginAsync("Close");
            await Expect(close.GetByTestId("raiser-hint")).ToBeVisibleAsync();
            await close.GetByTestId("summary").EnterAsync("积水已排除，两次公开回应已发布，舆情平稳。");
            await close.GetByTestId("raiser-feedback").EnterAsync("已电话告知黄先生处理结果，黄先生表示满意。");
            await close.GetByTestId("follow-up-reached").SelectOptionAsync("true");
            await close.GetByTestId("follow-up-satisfaction").SelectOptionAsync("Satisfied");
            await chief.SubmitCaseAsync(close);
            await chief.ExpectStateAsync("Closed");
            await Expect(chief.GetByTestId("case-close-summary")).ToContainTextAsync("积水已排除");
            await Expect(chief.GetByTestId("case-raiser-feedback")).ToContainTextAsync("黄先生表示满意");
            await chief.ExpectActionsAsync("Reopen");

            // 7. The whole story, in order, each step with who did it — as the duty officer who logged the call sees it.
            await duty.OpenCaseAsync(caseId);
            await duty.ExpectStateAsync("Closed");
            await duty.ExpectActionsAsync();
            (string, string)[] expected =
            [
                ("Opened", "张伟"), ("ItemAttached", "张伟"), ("ItemAttached", "张伟"),
                ("StartAssessment", "李娜"), ("CompleteAssessment", "李娜"), ("RecordReport", "李娜"), ("RecordReport", "李娜"),
                ("SubmitReport", "李娜"), ("SavePlan", "李娜"), ("SubmitPlan", "李娜"),
                ("RejectPlan", "王强"), ("SavePlan", "李娜"), ("SubmitPlan", "李娜"),
                ("SignPlan", "王强"), ("SignPlan", "赵敏"),
                ("AssignTask", "王强"), ("AcceptTask", "吴芳"), ("GiveTaskFeedback", "吴芳"),
                ("BeginResponse", "陈静"), ("DraftResponse", "陈静"), ("SubmitResponse", "陈静"), ("ApproveResponse", "王强"),
                ("RecordConfirmation", "陈静"), ("PublishResponse", "陈静"),
                ("DraftResponse", "陈静"), ("SubmitResponse", "陈静"), ("ApproveResponse", "王强"), ("PublishResponse", "陈静"),
                ("Close", "王强"),
            ];
            await Expect(duty.GetByTestId("timeline-entry")).ToHaveCountAsync(expected.Length);
            Assert.Equal(expected, await duty.TimelineAsync());
            await Expect(duty.Locator("[data-testid=timeline-entry][data-action=Close] [data-testid=timeline-states]")).ToContainTextAsync("已办结");
        });
    }

    private static async Task SavePlanAsync(IPage analyst, string measures, string? expectRejection = null)
    {
        var plan = await analyst.BeginAsync("SavePlan");
        if (expectRejection is not null)
        {
            await Expect(plan.GetByTestId("rejection-comment")).ToContainTextAsync(expectRejection);
        }

        await plan.GetByTestId("measures").EnterAsync(measures);
        await plan.GetByTestId("responsible-persons").EnterAsync("城建办主任（管网疏通）、党政办公室副主任（舆情回应）");
        await plan.GetByTestId("offline-actions").EnterAsync("现场排水、设置警示标志、回访来电市民");
        await plan.GetByTestId("response-approach").EnterAsync("镇政府门户网站和官方微博发布情况通报");
        await analyst.SubmitCaseAsync(plan);
        await Expect(analyst.GetByTestId("plan-current")).ToHaveAttributeAsync("data-status", "Draft");
    }

    private static async Task PublishAsync(IPage press, string url)
    {
        var publish = await press.BeginAsync("PublishResponse");
        await publish.GetByTestId("channel").EnterAsync("镇政府门户网站");
        await publish.GetByTestId("url").EnterAsync(url);
        await publish.GetByTestId("published-at").EnterAsync(PageSteps.BeijingInput(TimeSpan.FromMinutes(-1)));
        await press.SubmitCaseAsync(publish);
    }
}
