using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Features.Cases.Sections;

/// <summary>
/// A timeline entry as the user reads it. The domain records the action as a trigger name (or Opened / ItemAttached /
/// MergedFrom) and, for a few triggers, a detail made of enum names; those are localized here, all else is shown as typed.
/// </summary>
public static partial class TimelineText
{
    public static string Action(IStringLocalizer l, string action)
    {
        if (Enum.TryParse<CaseTrigger>(action, out var trigger))
        {
            return l.Of(trigger);
        }

        var text = l[$"Timeline.{action}"];
        return text.ResourceNotFound ? action : text.Value;
    }

    public static string? Detail(IStringLocalizer l, TimelineEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Detail))
        {
            return null;
        }

        var detail = entry.Detail;
        switch (entry.Action)
        {
            case nameof(CaseTrigger.CompleteAssessment) when Enum.TryParse<RiskLevel>(detail, out var level):
                return l.Of(level);
            case nameof(CaseTrigger.SubmitPlan) or nameof(CaseTrigger.SignPlan) when PlanDetail().Match(detail) is { Success: true } m:
                var version = string.Format(CultureInfo.CurrentCulture, l["CasePage.Plan.Version"], m.Groups[1].Value);
                return Enum.TryParse<Role>(m.Groups[2].Value, out var role) ? $"{version} · {l["Role." + role]}" : version;
            case nameof(CaseTrigger.RecordReport) when ReportDetail().Match(detail) is { Success: true } m
                                                       && Enum.TryParse<ReportLevel>(m.Groups[1].Value, out var reportLevel):
                return $"{l.Of(reportLevel)}：{m.Groups[2].Value}";
            case nameof(CaseTrigger.DraftResponse) when Enum.TryParse<ResponseForm>(detail, out var form):
                return l.Of(form);
            case nameof(CaseTrigger.SubmitResponse) or nameof(CaseTrigger.ApproveResponse) or nameof(CaseTrigger.RejectResponse)
                or nameof(CaseTrigger.RecordConfirmation) or nameof(CaseTrigger.PublishResponse) when ResponseDetail().Match(detail) is { Success: true } m:
                var sequence = string.Format(CultureInfo.CurrentCulture, l["CasePage.Responses.Sequence"], m.Groups[1].Value);
                return m.Groups[2].Value.Length > 0 ? $"{sequence} · {m.Groups[2].Value}" : sequence;
            case nameof(CaseTrigger.EvaluateEffect) when Enum.TryParse<EffectOutcome>(detail, out var outcome):
                return l.Of(outcome);
            case Domain.Clocks.ClockBreached.Action:
                return ClockText.Notice(l, detail);
            default:
                return detail;
        }
    }

    [GeneratedRegex(@"^v(\d+)(?: (\w+))?$")]
    private static partial Regex PlanDetail();

    [GeneratedRegex(@"^#(\d+)(?::? (.*))?$", RegexOptions.Singleline)]
    private static partial Regex ResponseDetail();

    [GeneratedRegex(@"^(\w+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex ReportDetail();
}
