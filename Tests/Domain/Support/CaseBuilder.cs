using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Scoring;

namespace OpinionResponse.Tests.Domain.Support;

/// <summary>
/// Drives a case through the real transitions, with the actors of <see cref="Actors"/>, to any of the eleven states.
/// By default the case is General (一般), needs a public response, and carries what its state's next step asks for:
/// reports in Reporting, a complete draft plan in PlanDrafting, a submitted plan in PlanApproval, a published response
/// from Published on. <see cref="ReadyTo"/> adds what one trigger's guard asks for once the case is there.
/// The case is saved after every step (see <see cref="Database"/>) and has no pending events when handed over.
/// </summary>
internal sealed class CaseBuilder
{
    public const string AgencyToConfirm = "县水务局";

    private static int _lastNumber;

    private RiskLevel _level = RiskLevel.General;
    private bool _responseNeeded = true;
    private bool _reportRecorded = true;
    private CaseTrigger? _readyTo;

    private enum ResponseStage
    {
        Drafted,
        InReview,
        Approved,
        Confirmed,
        Published,
    }

    /// <summary>重大: the plan needs the unit head's signature too, and the higher level gets a report.</summary>
    public CaseBuilder Major() => WithLevel(RiskLevel.Major);

    public CaseBuilder WithLevel(RiskLevel level)
    {
        _level = level;
        return this;
    }

    public CaseBuilder NoResponseNeeded()
    {
        _responseNeeded = false;
        return this;
    }

    /// <summary>Reaches Reporting without recording any report.</summary>
    public CaseBuilder WithoutReport()
    {
        _reportRecorded = false;
        return this;
    }

    /// <summary>
    /// Once in the state, sets up what <paramref name="trigger"/>'s guard asks for: a pending task for the task triggers,
    /// a response at the right stage for the response triggers, and no response needed for Close in Disposing.
    /// </summary>
    public CaseBuilder ReadyTo(CaseTrigger trigger)
    {
        _readyTo = trigger;
        return this;
    }

    public Case In(CaseState state)
    {
        if (_readyTo == CaseTrigger.Close && state == CaseState.Disposing)
        {
            _responseNeeded = false;
        }

        var @case = Database.Save(Case.Open($"BAZ-2026-{Interlocked.Increment(ref _lastNumber):0000}", "某村自来水发黑",
            "多名村民在网上反映自来水发黑、有异味", Units.Responsible, [Units.CoHandling], Actors.DutyOfficer, Clock.Now));
        switch (state)
        {
            case CaseState.Dismissed:
                Do(@case, () => @case.Dismiss(Actors.SectionChief, Clock.Now, "与本镇无关"));
                break;
            case CaseState.Merged:
                var target = new CaseBuilder().In(CaseState.Collected);
                Do(@case, () => @case.MergeInto(Actors.SectionChief, Clock.Now, target));
                break;
            default:
                while (@case.State != state)
                {
                    Advance(@case, state);
                }

                break;
        }

        Prepare(@case);
        @case.ClearDomainEvents();
        return @case;
    }

    private void Advance(Case @case, CaseState target)
    {
        switch (@case.State)
        {
            case CaseState.Collected:
                Do(@case, () => @case.StartAssessment(Actors.Analyst, Clock.Now));
                break;
            case CaseState.Assessing:
                Do(@case, () => @case.CompleteAssessment(Actors.Analyst, Clock.Now, "群众对饮用水质量的集中投诉", OpinionTrend.Rising,
                    "可能引发聚集", _level, new RiskScore(ScoreOf(_level), _level, []), null, _responseNeeded,
                    _readyTo == CaseTrigger.HandOffRumour ? MatterKind.Rumour : MatterKind.DirectInterest));
                if (_reportRecorded)
                {
                    Do(@case, () => Report(@case, ReportLevel.OwnLevel));
                    if (_level.IsMajorOrAbove())
                    {
                        Do(@case, () => Report(@case, ReportLevel.HigherLevel));
                    }
                }

                break;
            case CaseState.Reporting:
                Do(@case, () => @case.SubmitReport(Actors.Analyst, Clock.Now));
                Do(@case, () => @case.SavePlan(Actors.Analyst, Clock.Now, "停止供水并送检水样", "水务站 刘站长", "入户走访、设置临时供水点",
                    "在政务微博发布情况通报"));
                break;
            case CaseState.PlanDrafting:
                Do(@case, () => @case.SubmitPlan(Actors.Analyst, Clock.Now));
                break;
            case CaseState.PlanApproval:
                foreach (var signer in _level.IsMajorOrAbove() ? new[] { Actors.SectionChief, Actors.UnitHead } : [Actors.SectionChief])
                {
                    Do(@case, () => @case.SignPlan(signer, Clock.Now, null));
                }

                break;
            case CaseState.Disposing when target == CaseState.Closed && !_responseNeeded:
                Do(@case, () => @case.Close(Actors.SectionChief, Clock.Now, "水质经检测合格，已恢复供水", null, false));
                break;
            case CaseState.Disposing:
                Do(@case, () => @case.BeginResponse(Actors.PressOfficer, Clock.Now));
                break;
            case CaseState.Responding:
                Respond(@case, ResponseStage.Published);
                break;
            case CaseState.Published:
                Do(@case, () => @case.Close(Actors.SectionChief, Clock.Now, "水质经检测合格，已恢复供水", null, false));
                break;
            default:
                throw new InvalidOperationException($"The builder cannot go on from {@case.State} towards {target}.");
        }
    }

    private void Prepare(Case @case)
    {
        switch (_readyTo)
        {
            case CaseTrigger.AcceptTask or CaseTrigger.GiveTaskFeedback:
                Do(@case, () => @case.AssignTask(Actors.SectionChief, Clock.Now, Units.Village, "入户核实水质情况", Clock.Now.AddDays(1)));
                break;
            case CaseTrigger.SubmitResponse:
                Respond(@case, ResponseStage.Drafted);
                break;
            case CaseTrigger.ApproveResponse or CaseTrigger.RejectResponse:
                Respond(@case, ResponseStage.InReview);
                break;
            case CaseTrigger.RecordConfirmation:
                Respond(@case, ResponseStage.Approved);
                break;
            case CaseTrigger.PublishResponse:
                Respond(@case, ResponseStage.Confirmed);
                break;
        }
    }

    private static void Respond(Case @case, ResponseStage until)
    {
        var response = @case.DraftResponse(Actors.PressOfficer, Clock.Now, null, ResponseForm.OnlineRelease, "政务微博,政府网站",
            "关于某村自来水发黑的情况通报", [AgencyToConfirm]);
        Database.Save(@case);
        var steps = new (ResponseStage Stage, Action Step)[]
        {
            (ResponseStage.InReview, () => @case.SubmitResponse(Actors.PressOfficer, Clock.Now, response.Id)),
            (ResponseStage.Approved, () => @case.ApproveResponse(Actors.SectionChief, Clock.Now, response.Id, null)),
            (ResponseStage.Confirmed, () => @case.RecordConfirmation(Actors.PressOfficer, Clock.Now, response.Id, AgencyToConfirm, "刘站长",
                Clock.Now, null)),
            (ResponseStage.Published, () => @case.PublishResponse(Actors.PressOfficer, Clock.Now, response.Id, "政务微博", null, Clock.Now)),
        };
        foreach (var (_, step) in steps.Where(s => s.Stage <= until))
        {
            Do(@case, step);
        }
    }

    private static void Report(Case @case, ReportLevel level) =>
        @case.RecordReport(Actors.Analyst, Clock.Now, level, level == ReportLevel.HigherLevel ? "县委网信办" : "镇党委办公室", "电话",
            Clock.Now, "某村自来水发黑，已安排核查");

    private static int ScoreOf(RiskLevel level) => level switch
    {
        RiskLevel.General => 10,
        RiskLevel.Large => 30,
        RiskLevel.Major => 60,
        _ => 90,
    };

    private static void Do(Case @case, Action step)
    {
        step();
        Database.Save(@case);
    }
}
