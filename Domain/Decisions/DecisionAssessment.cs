using System.Text.Json;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Decisions;

/// <summary>
/// 重大决策舆情风险评估 (policy 二（二）): before a decision that touches the public's direct interests is issued, the unit
/// that plans it forecasts the opinion risk by 舆情跟踪 / 抽样调查 / 重点走访 / 会商分析, sets a risk level and writes a 预案.
/// Its unit head approves or returns it; approval freezes what was foreseen, so that afterwards the desk can compare it with
/// what happened (the linked cases, and which of the 预案's trigger conditions occurred).
/// </summary>
public sealed class DecisionAssessment
{
    private readonly List<DecisionMethodFinding> _methods = [];
    private readonly List<ContingencyTrigger> _triggers = [];
    private readonly List<DecisionRevision> _revisions = [];
    private readonly List<DecisionCaseLink> _caseLinks = [];

    private DecisionAssessment()
    {
        Title = Summary = Matters = Findings = ResponseLines = Spokesperson = RecordedById = RecordedByName = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The unit that plans the decision: its scope, and whose head approves.</summary>
    public int UnitId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The day the decision is to be issued (a date, not a moment).</summary>
    public DateOnly PlannedOn { get; private set; }

    public string Summary { get; private set; }

    /// <summary>涉及事项: 征地拆迁、价格调整、环境项目 …, as the unit names them.</summary>
    public string Matters { get; private set; }

    public IReadOnlyList<DecisionMethodFinding> Methods => _methods;

    /// <summary>综合研判: the overall findings.</summary>
    public string Findings { get; private set; }

    public RiskLevel RiskLevel { get; private set; }

    /// <summary>预案: the response lines (口径).</summary>
    public string ResponseLines { get; private set; }

    /// <summary>预案: who speaks for the unit (发言人).</summary>
    public string Spokesperson { get; private set; }

    /// <summary>预案: the conditions that set it in motion, each later marked as occurred or not.</summary>
    public IReadOnlyList<ContingencyTrigger> Triggers => _triggers;

    public DecisionState State { get; private set; }

    public string RecordedById { get; private set; }

    public string RecordedByName { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Bumped by every change (edits, moves, links, outcomes): the concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Every saved content, oldest first: what the head was asked to approve stays readable after later edits.</summary>
    public IReadOnlyList<DecisionRevision> Revisions => _revisions;

    public DateTime? SubmittedAt { get; private set; }

    public string? DecidedById { get; private set; }

    /// <summary>The head who approved or returned it last.</summary>
    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>Why it was withdrawn (已撤销).</summary>
    public string? WithdrawReason { get; private set; }

    /// <summary>复盘: the closing review of what happened against what was foreseen.</summary>
    public string? Review { get; private set; }

    public string? ReviewedByName { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public IReadOnlyList<DecisionCaseLink> CaseLinks => _caseLinks;

    public bool IsEditable => State is DecisionState.Draft or DecisionState.Returned;

    /// <summary>After approval the assessment is compared with what happened: cases link to it and the outcome is recorded.</summary>
    public bool IsFollowedUp => State is DecisionState.Approved or DecisionState.Implemented;

    /// <summary>A unit's staff record for their own unit only (谁主管谁负责), whatever else they may read.</summary>
    public static DecisionAssessment Record(Actor actor, DateTime now, int unitId, DecisionContent content)
    {
        if (!actor.BelongsTo(unitId))
        {
            throw new DomainException(DecisionErrors.NotOwnUnit, $"{actor.UserId} does not belong to unit {unitId}.");
        }

        var assessment = new DecisionAssessment
        {
            UnitId = unitId,
            RecordedById = actor.UserId,
            RecordedByName = actor.DisplayName,
            RecordedAt = now,
            State = DecisionState.Draft,
        };
        assessment.Apply(actor, now, content);
        return assessment;
    }

    public void Edit(Actor actor, DateTime now, DecisionContent content)
    {
        Require(IsEditable, DecisionErrors.Frozen, $"Assessment {Id} is {State} and cannot be edited.");
        RequireOwnUnit(actor);
        Apply(actor, now, content);
    }

    public void Submit(Actor actor, DateTime now)
    {
        Require(IsEditable, DecisionErrors.WrongState, $"Assessment {Id} is {State}: only a draft or a returned one is submitted.");
        RequireOwnUnit(actor);
        State = DecisionState.Submitted;
        SubmittedAt = now;
        Touch(now);
    }

    /// <summary>Only the head (单位负责人) of the recording unit approves: the head of another unit is refused, even one who reads every unit.</summary>
    public void Approve(Actor actor, DateTime now)
    {
        RequireHead(actor);
        Require(State == DecisionState.Submitted, DecisionErrors.WrongState, $"Assessment {Id} is {State}: only one awaiting approval is approved.");
        State = DecisionState.Approved;
        Decide(actor, now);
        ReturnReason = null;
    }

    public void Return(Actor actor, DateTime now, string reason)
    {
        RequireHead(actor);
        Require(State == DecisionState.Submitted, DecisionErrors.WrongState, $"Assessment {Id} is {State}: only one awaiting approval is returned.");
        Require(!string.IsNullOrWhiteSpace(reason), DecisionErrors.ReasonRequired, "A return needs a reason.");
        State = DecisionState.Returned;
        ReturnReason = reason.Trim();
        Decide(actor, now);
    }

    /// <summary>已实施: the decision was issued; the assessment stays open for links and the review.</summary>
    public void MarkImplemented(Actor actor, DateTime now)
    {
        RequireOwnUnit(actor);
        Require(State == DecisionState.Approved, DecisionErrors.WrongState, $"Assessment {Id} is {State}: only an approved one is implemented.");
        State = DecisionState.Implemented;
        Touch(now);
    }

    /// <summary>已撤销: the decision will not be issued (it may have been shelved because of the risk foreseen).</summary>
    public void Withdraw(Actor actor, DateTime now, string reason)
    {
        RequireOwnUnit(actor);
        Require(State is not (DecisionState.Implemented or DecisionState.Withdrawn), DecisionErrors.WrongState,
            $"Assessment {Id} is {State} and cannot be withdrawn.");
        Require(!string.IsNullOrWhiteSpace(reason), DecisionErrors.ReasonRequired, "A withdrawal needs a reason.");
        State = DecisionState.Withdrawn;
        WithdrawReason = reason.Trim();
        Touch(now);
    }

    /// <summary>A case that arose from the decision. Linking twice is one link.</summary>
    public void LinkCase(Actor actor, DateTime now, int caseId)
    {
        Require(IsFollowedUp, DecisionErrors.NotFollowedUp, $"Assessment {Id} is {State}: cases link to an approved one.");
        if (_caseLinks.Any(l => l.CaseId == caseId))
        {
            return;
        }

        _caseLinks.Add(new DecisionCaseLink(caseId, actor.DisplayName, now));
        Touch(now);
    }

    public void UnlinkCase(DateTime now, int caseId)
    {
        Require(IsFollowedUp, DecisionErrors.NotFollowedUp, $"Assessment {Id} is {State}: its links are fixed.");
        if (_caseLinks.RemoveAll(l => l.CaseId == caseId) > 0)
        {
            Touch(now);
        }
    }

    /// <summary>
    /// 预判是否应验: per trigger condition of the 预案, whether it occurred (null: not yet known), and the closing review.
    /// The foreseen content stays as approved.
    /// </summary>
    public void RecordOutcome(Actor actor, DateTime now, IReadOnlyDictionary<int, bool?> occurred, string? review)
    {
        Require(IsFollowedUp, DecisionErrors.NotFollowedUp, $"Assessment {Id} is {State}: the outcome follows approval.");
        if (occurred.Keys.Any(id => _triggers.All(t => t.Id != id)))
        {
            throw new DomainException(DecisionErrors.TriggerUnknown, "An outcome names a trigger this assessment does not have.");
        }

        foreach (var trigger in _triggers)
        {
            if (occurred.TryGetValue(trigger.Id, out var value))
            {
                trigger.Record(value);
            }
        }

        Review = string.IsNullOrWhiteSpace(review) ? null : review.Trim();
        ReviewedByName = actor.DisplayName;
        ReviewedAt = now;
        Touch(now);
    }

    /// <summary>Whether <paramref name="actor"/> is the head who decides on this assessment (the 待我办理 list asks the same).</summary>
    public bool IsDecidedBy(Actor actor) => actor.Has(Role.UnitHead) && actor.BelongsTo(UnitId);

    private void Apply(Actor actor, DateTime now, DecisionContent content)
    {
        content.Check();
        Title = content.Title.Trim();
        PlannedOn = content.PlannedOn;
        Summary = content.Summary.Trim();
        Matters = content.Matters.Trim();
        Findings = content.Findings.Trim();
        RiskLevel = content.RiskLevel;
        ResponseLines = content.ResponseLines?.Trim() ?? string.Empty;
        Spokesperson = content.Spokesperson?.Trim() ?? string.Empty;
        _methods.Clear();
        _methods.AddRange(content.Methods.Select(m => new DecisionMethodFinding(m.Method, m.Finding.Trim())));
        _triggers.Clear();
        _triggers.AddRange(content.Triggers.Where(t => !string.IsNullOrWhiteSpace(t)).Select((t, i) => new ContingencyTrigger(i + 1, t.Trim())));
        Touch(now);
        _revisions.Add(new DecisionRevision(_revisions.Count + 1, actor.DisplayName, now, content.Snapshot()));
    }

    private void Decide(Actor actor, DateTime now)
    {
        DecidedById = actor.UserId;
        DecidedByName = actor.DisplayName;
        DecidedAt = now;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private void RequireOwnUnit(Actor actor) =>
        Require(actor.BelongsTo(UnitId), DecisionErrors.NotOwnUnit, $"{actor.UserId} does not belong to unit {UnitId}.");

    private void RequireHead(Actor actor) =>
        Require(IsDecidedBy(actor), DecisionErrors.NotUnitHead, $"{actor.UserId} is not the head of unit {UnitId}.");

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainException(code, message);
        }
    }
}

/// <summary>草稿 → 待审批 → 已批准 / 退回 → 已实施 / 已撤销.</summary>
public enum DecisionState
{
    Draft,
    Submitted,
    Approved,
    Returned,
    Implemented,
    Withdrawn,
}

/// <summary>The ways of forecasting the policy names: 舆情跟踪、抽样调查、重点走访、会商分析.</summary>
public enum AssessmentMethod
{
    OpinionTracking,
    SampleSurvey,
    KeyVisits,
    Consultation,
}

/// <summary>One method used and what it found.</summary>
public sealed class DecisionMethodFinding
{
    private DecisionMethodFinding()
    {
        Finding = string.Empty;
    }

    public DecisionMethodFinding(AssessmentMethod method, string finding)
    {
        Method = method;
        Finding = finding;
    }

    public AssessmentMethod Method { get; private set; }

    public string Finding { get; private set; }
}

/// <summary>A trigger condition of the 预案 (触发条件) and, once known, whether it occurred.</summary>
public sealed class ContingencyTrigger
{
    private ContingencyTrigger()
    {
        Condition = string.Empty;
    }

    public ContingencyTrigger(int id, string condition)
    {
        Id = id;
        Condition = condition;
    }

    /// <summary>1, 2, 3 … within the assessment.</summary>
    public int Id { get; private set; }

    public string Condition { get; private set; }

    public bool? Occurred { get; private set; }

    internal void Record(bool? occurred) => Occurred = occurred;
}

/// <summary>The content as saved at one version, as JSON (it is read back only to be shown).</summary>
public sealed class DecisionRevision
{
    private DecisionRevision()
    {
        EditedByName = Content = string.Empty;
    }

    /// <param name="version">1, 2, 3 … per saved content (moves between states are not revisions).</param>
    public DecisionRevision(int version, string editedByName, DateTime editedAt, string content)
    {
        Version = version;
        EditedByName = editedByName;
        EditedAt = editedAt;
        Content = content;
    }

    public int Version { get; private set; }

    public string EditedByName { get; private set; }

    public DateTime EditedAt { get; private set; }

    public string Content { get; private set; }
}

public sealed class DecisionCaseLink
{
    private DecisionCaseLink()
    {
        LinkedByName = string.Empty;
    }

    public DecisionCaseLink(int caseId, string linkedByName, DateTime linkedAt)
    {
        CaseId = caseId;
        LinkedByName = linkedByName;
        LinkedAt = linkedAt;
    }

    public int CaseId { get; private set; }

    public string LinkedByName { get; private set; }

    public DateTime LinkedAt { get; private set; }
}

/// <summary>What the unit writes: everything but the state. <see cref="Check"/> holds the policy's minimum.</summary>
public sealed record DecisionContent(
    string Title,
    DateOnly PlannedOn,
    string Summary,
    string Matters,
    IReadOnlyList<(AssessmentMethod Method, string Finding)> Methods,
    string Findings,
    RiskLevel RiskLevel,
    string? ResponseLines,
    string? Spokesperson,
    IReadOnlyList<string> Triggers)
{
    public void Check()
    {
        if (new[] { Title, Summary, Matters, Findings }.Any(string.IsNullOrWhiteSpace))
        {
            throw new DomainException(DecisionErrors.ContentIncomplete, "An assessment needs a title, a summary, the matters and the findings.");
        }

        if (Methods.Count == 0 || Methods.Any(m => string.IsNullOrWhiteSpace(m.Finding)) || Methods.Select(m => m.Method).Distinct().Count() != Methods.Count)
        {
            throw new DomainException(DecisionErrors.MethodsRequired, "At least one method, each once and with its finding.");
        }

        if (!Enum.IsDefined(RiskLevel))
        {
            throw new DomainException(DecisionErrors.RiskLevelRequired, "A risk level is required.");
        }

        if (RiskLevel.IsMajorOrAbove()
            && (string.IsNullOrWhiteSpace(ResponseLines) || string.IsNullOrWhiteSpace(Spokesperson) || Triggers.All(string.IsNullOrWhiteSpace)))
        {
            throw new DomainException(DecisionErrors.ContingencyRequired,
                "A 重大 or 特别重大 risk needs a contingency plan: response lines, a spokesperson and at least one trigger condition.");
        }
    }

    internal string Snapshot() => JsonSerializer.Serialize(new
    {
        Title,
        PlannedOn = PlannedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Summary,
        Matters,
        Methods = Methods.Select(m => new { Method = m.Method.ToString(), m.Finding }),
        Findings,
        RiskLevel = RiskLevel.ToString(),
        ResponseLines,
        Spokesperson,
        Triggers,
    }, SnapshotJson);

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

/// <summary>Why an assessment refuses a change; the UI shows resource <c>Error.{code}</c>.</summary>
public static class DecisionErrors
{
    public const string NotOwnUnit = "decision.not_own_unit";
    public const string NotUnitHead = "decision.not_unit_head";
    public const string Frozen = "decision.frozen";
    public const string WrongState = "decision.wrong_state";
    public const string ReasonRequired = "decision.reason_required";
    public const string ContentIncomplete = "decision.content_incomplete";
    public const string MethodsRequired = "decision.methods_required";
    public const string RiskLevelRequired = "decision.risk_level_required";
    public const string ContingencyRequired = "decision.contingency_required";
    public const string NotFollowedUp = "decision.not_followed_up";
    public const string TriggerUnknown = "decision.trigger_unknown";
    public const string Changed = "decision.changed";
}

/// <summary>预判是否应验: how the level foreseen compares with the highest level among the cases that arose.</summary>
public enum ForecastVerdict
{
    /// <summary>No case has been linked: nothing has (yet) happened that the desk tied to the decision.</summary>
    NoCases,
    /// <summary>Cases are linked but none has been assessed yet.</summary>
    NotAssessed,
    /// <summary>What happened was graver than foreseen (the forecast was too mild).</summary>
    Exceeded,
    AsForeseen,
    /// <summary>What happened stayed below the level foreseen.</summary>
    Below,
}

public sealed record DecisionForecast(RiskLevel Foreseen, RiskLevel? Happened, ForecastVerdict Verdict, int TriggersOccurred, int TriggersRecorded)
{
    public static DecisionForecast Of(DecisionAssessment assessment, IReadOnlyCollection<RiskLevel?> linkedCaseLevels)
    {
        var happened = linkedCaseLevels.Max();
        var verdict = linkedCaseLevels.Count == 0 ? ForecastVerdict.NoCases
            : happened is not { } level ? ForecastVerdict.NotAssessed
            : level > assessment.RiskLevel ? ForecastVerdict.Exceeded
            : level == assessment.RiskLevel ? ForecastVerdict.AsForeseen
            : ForecastVerdict.Below;
        return new DecisionForecast(assessment.RiskLevel, happened, verdict,
            assessment.Triggers.Count(t => t.Occurred == true), assessment.Triggers.Count(t => t.Occurred is not null));
    }
}
