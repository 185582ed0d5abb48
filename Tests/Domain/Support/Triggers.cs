using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Scoring;

namespace OpinionResponse.Tests.Domain.Support;

/// <summary>Fires any trigger through its domain method, with data that meets the trigger's own requirements.</summary>
internal static class Triggers
{
    /// <param name="mergeTarget">For <see cref="CaseTrigger.Merge"/>; a new open case when not given.</param>
    public static void Fire(Case @case, CaseTrigger trigger, Actor actor, Case? mergeTarget = null)
    {
        var now = Clock.Now;
        Action fire = trigger switch
        {
            CaseTrigger.StartAssessment => () => @case.StartAssessment(actor, now),
            CaseTrigger.CompleteAssessment => () => @case.CompleteAssessment(actor, now, "群众对饮用水质量的集中投诉", OpinionTrend.Stable,
                "可能引发聚集", RiskLevel.General, new RiskScore(10, RiskLevel.General, []), null, true, MatterKind.DirectInterest),
            CaseTrigger.RecordReport => () => @case.RecordReport(actor, now, ReportLevel.HigherLevel, "县委网信办", "电话", now, "续报处置进展"),
            CaseTrigger.SubmitReport => () => @case.SubmitReport(actor, now),
            CaseTrigger.SavePlan => () => @case.SavePlan(actor, now, "停止供水并送检水样", "水务站 刘站长", "入户走访", "发布情况通报"),
            CaseTrigger.SubmitPlan => () => @case.SubmitPlan(actor, now),
            CaseTrigger.SignPlan => () => @case.SignPlan(actor, now, null),
            CaseTrigger.RejectPlan => () => @case.RejectPlan(actor, now, "措施不具体"),
            CaseTrigger.AssignTask => () => @case.AssignTask(actor, now, Units.Village, "入户核实水质情况", now.AddDays(1)),
            CaseTrigger.AcceptTask => () => @case.AcceptTask(actor, now, TaskId(@case, t => t.Status == CaseTaskStatus.Pending)),
            CaseTrigger.GiveTaskFeedback => () => @case.GiveTaskFeedback(actor, now, TaskId(@case, t => !t.IsDone), "已入户核实"),
            CaseTrigger.BeginResponse => () => @case.BeginResponse(actor, now),
            CaseTrigger.DraftResponse => () => @case.DraftResponse(actor, now, null, ResponseForm.OnlineRelease, "政务微博", "情况通报", []),
            CaseTrigger.SubmitResponse => () => @case.SubmitResponse(actor, now, ResponseId(@case, ResponseStatus.Draft)),
            CaseTrigger.ApproveResponse => () => @case.ApproveResponse(actor, now, ResponseId(@case, ResponseStatus.InReview), null),
            CaseTrigger.RejectResponse => () => @case.RejectResponse(actor, now, ResponseId(@case, ResponseStatus.InReview), "口径不当"),
            CaseTrigger.RecordConfirmation => () => @case.RecordConfirmation(actor, now, ResponseId(@case, ResponseStatus.Approved),
                CaseBuilder.AgencyToConfirm, "刘站长", now, null),
            CaseTrigger.PublishResponse => () => @case.PublishResponse(actor, now, ResponseId(@case, ResponseStatus.Approved), "政务微博", null, now),
            CaseTrigger.Close => () => @case.Close(actor, now, "已办结", null, false),
            CaseTrigger.Dismiss => () => @case.Dismiss(actor, now, "与本镇无关"),
            CaseTrigger.Merge => () => @case.MergeInto(actor, now, mergeTarget ?? new CaseBuilder().In(CaseState.Collected)),
            CaseTrigger.Reopen => () => @case.Reopen(actor, now, "舆情反弹"),
            CaseTrigger.EditSummary => () => @case.EditSummary(actor, now, "某村自来水发黑（续）", "已送检"),
            CaseTrigger.Comment => () => @case.AddComment(actor, now, "已电话联系村委会"),
            CaseTrigger.Reassign => () => @case.Reassign(actor, now, "analyst2", "研判员 孙", @case.ResponsibleUnitId, [Units.Village]),
            CaseTrigger.HandOffRumour => () => @case.HandOffRumour(actor, now, Units.Police, Units.Cyberspace, "请依法调查首发账号", "证据", now.AddDays(1)),
            CaseTrigger.EvaluateEffect => () => @case.EvaluateEffect(actor, now, EffectOutcome.Subsided, "未见新增负面信息",
                new EffectFigures(1, now.AddHours(-24), 0, 100, 100, 0, 0)),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
        };
        fire();
    }

    private static int TaskId(Case @case, Func<CaseTask, bool> which) => @case.Tasks.FirstOrDefault(which)?.Id ?? 0;

    private static int ResponseId(Case @case, ResponseStatus status) => @case.Responses.FirstOrDefault(r => r.Status == status)?.Id ?? 0;
}
