using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.App.Features.Cases.Reports;
using OpinionResponse.App.Features.Cases.Responses;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Tests.Features.Support;

/// <summary>
/// Drives a new case to any of the eleven states through the real commands, as the opinion office's people would:
/// the duty officer opens it, the analyst assesses, reports and drafts, the section chief (and for 重大/特别重大 the unit
/// head) signs, the press officer responds. By default the case is 一般, needs a public response, belongs to the opinion
/// office (党政办), and carries what its state's next step asks for: reports in Reporting, a complete draft plan in
/// PlanDrafting, a submitted plan in PlanApproval, a published response from Published on.
/// </summary>
public sealed class CaseDriver(Desk desk)
{
    private string _unit = DemoAccounts.TownOffice;
    private string[] _coUnits = [];
    private string? _title;
    private RiskLevel _level = RiskLevel.General;
    private bool _responseNeeded = true;
    private bool _report = true;
    private bool _plan = true;
    private string[] _agencies = [];
    private MatterKind _matterKind = MatterKind.DirectInterest;

    public CaseDriver InUnit(string unitCode)
    {
        _unit = unitCode;
        return this;
    }

    public CaseDriver CoHandledBy(params string[] unitCodes)
    {
        _coUnits = unitCodes;
        return this;
    }

    public CaseDriver Titled(string title)
    {
        _title = title;
        return this;
    }

    public CaseDriver WithLevel(RiskLevel level)
    {
        _level = level;
        return this;
    }

    /// <summary>重大: the plan needs the unit head's signature too, and the higher level gets a report.</summary>
    public CaseDriver Major() => WithLevel(RiskLevel.Major);

    public CaseDriver NoResponseNeeded()
    {
        _responseNeeded = false;
        return this;
    }

    /// <summary>Reaches Reporting without recording any report.</summary>
    public CaseDriver WithoutReport()
    {
        _report = false;
        return this;
    }

    /// <summary>Reaches PlanDrafting without saving any plan.</summary>
    public CaseDriver WithoutPlan()
    {
        _plan = false;
        return this;
    }

    /// <summary>The assessment says the matter is a rumour (谣言).</summary>
    public CaseDriver AsRumour()
    {
        _matterKind = MatterKind.Rumour;
        return this;
    }

    /// <summary>The response must be confirmed by <paramref name="agencies"/> (会签) before it is published.</summary>
    public CaseDriver ConfirmedBy(params string[] agencies)
    {
        _agencies = agencies;
        return this;
    }

    public async Task<int> InAsync(CaseState state)
    {
        var id = await desk.OpenCaseAsync(_unit, _coUnits, _title);
        switch (state)
        {
            case CaseState.Collected:
                return id;
            case CaseState.Dismissed:
                await desk.SendAsync(DemoAccounts.Chief, new DismissCase.Command { CaseId = id, Reason = "与本镇无关" });
                return id;
            case CaseState.Merged:
                var target = await desk.OpenCaseAsync();
                await desk.SendAsync(DemoAccounts.Chief, new MergeCase.Command { CaseId = id, TargetCaseId = target });
                return id;
        }

        await desk.SendAsync(DemoAccounts.Analyst, new StartAssessment.Command(id));
        if (state == CaseState.Assessing)
        {
            return id;
        }

        var detail = await desk.DetailAsync(id);
        await desk.SendAsync(DemoAccounts.Analyst, new CompleteAssessment.Command
        {
            CaseId = id,
            ExpectedVersion = detail.Case.Version,
            Nature = "民生类舆情，涉及群众饮水安全",
            Trend = OpinionTrend.Rising,
            Risks = "可能引发群体聚集",
            Level = _level,
            OverrideJustification = _level == detail.Score.SuggestedLevel ? null : "涉及饮水安全，从严定级",
            ResponseNeeded = _responseNeeded,
            MatterKind = _matterKind,
        });
        if (_report)
        {
            await RecordReportAsync(id, ReportLevel.OwnLevel);
            if (_level.IsMajorOrAbove())
            {
                await RecordReportAsync(id, ReportLevel.HigherLevel);
            }
        }

        if (state == CaseState.Reporting)
        {
            return id;
        }

        await desk.SendAsync(DemoAccounts.Analyst, new SubmitReport.Command(id));
        if (_plan || state != CaseState.PlanDrafting)
        {
            await desk.SendAsync(DemoAccounts.Analyst, new SavePlan.Command
            {
                CaseId = id,
                ExpectedVersion = await desk.VersionAsync(id),
                Measures = "联系水厂排查管网，发放临时饮用水",
                ResponsiblePersons = "城建办 周杰",
                OfflineActions = "入户走访受影响村民",
                ResponseApproach = "政务微博发布情况通报",
            });
        }

        if (state == CaseState.PlanDrafting)
        {
            return id;
        }

        await desk.SendAsync(DemoAccounts.Analyst, new SubmitPlan.Command(id));
        if (state == CaseState.PlanApproval)
        {
            return id;
        }

        await desk.SendAsync(DemoAccounts.Chief, new SignPlan.Command { CaseId = id, Comment = "同意" });
        if (_level.IsMajorOrAbove())
        {
            await desk.SendAsync(DemoAccounts.Head, new SignPlan.Command { CaseId = id });
        }

        if (state == CaseState.Disposing)
        {
            return id;
        }

        if (_responseNeeded)
        {
            await desk.SendAsync(DemoAccounts.Press, new BeginResponse.Command(id));
            if (state == CaseState.Responding)
            {
                return id;
            }

            await PublishResponseAsync(id);
            if (state == CaseState.Published)
            {
                return id;
            }
        }

        if (state == CaseState.Closed)
        {
            await desk.SendAsync(DemoAccounts.Chief, new CloseCase.Command
            {
                CaseId = id,
                Summary = "管网已冲洗，水质检测合格",
                RaiserFeedback = "已电话告知来电人处理结果",
                FollowUpReached = true,
                Satisfaction = Satisfaction.Satisfied,
            });
            return id;
        }

        throw new InvalidOperationException($"The driver cannot reach {state} with these options.");
    }

    /// <summary>Drafts, submits, approves, confirms and publishes a response; returns its id.</summary>
    private async Task<int> PublishResponseAsync(int caseId)
    {
        var responseId = await desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command
        {
            CaseId = caseId,
            ExpectedVersion = await desk.VersionAsync(caseId),
            Channels = "政务微博",
            Text = "经检测，滨江村供水水质已恢复正常。",
            ConfirmingAgencies = string.Join('、', _agencies),
        });
        await desk.SendAsync(DemoAccounts.Press, new SubmitResponse.Command(caseId, responseId));
        await desk.SendAsync(DemoAccounts.Chief, new ApproveResponse.Command { CaseId = caseId, ResponseId = responseId });
        foreach (var agency in _agencies)
        {
            await desk.SendAsync(DemoAccounts.Press, new RecordConfirmation.Command
            {
                CaseId = caseId,
                ResponseId = responseId,
                Agency = agency,
                ConfirmedBy = "李科长",
                ConfirmedAt = DateTime.UtcNow,
            });
        }

        await desk.SendAsync(DemoAccounts.Press, new PublishResponse.Command
        {
            CaseId = caseId,
            ResponseId = responseId,
            Channel = "政务微博",
            Url = "https://weibo.example/beian/1",
            PublishedAt = DateTime.UtcNow,
        });
        return responseId;
    }

    private Task RecordReportAsync(int caseId, ReportLevel level) =>
        desk.SendAsync(DemoAccounts.Analyst, new RecordReport.Command
        {
            CaseId = caseId,
            Level = level,
            Recipients = level == ReportLevel.HigherLevel ? "区委网信办" : "镇党委",
            Channel = "电话",
            SentAt = DateTime.UtcNow.AddMinutes(-10),
            Content = "滨江村自来水发黑，已安排排查。",
        });
}
