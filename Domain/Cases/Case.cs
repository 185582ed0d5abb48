using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Cases;

/// <summary>
/// A case (舆情事件): the unit of work from a triaged item to a closed case. Every change goes through a method that
/// checks the workflow table (<see cref="CaseWorkflow"/>), the actor's role and unit, and the data the policy requires.
/// </summary>
public sealed class Case : AggregateRoot
{
    private readonly List<CaseCoUnit> _coUnits = [];
    private readonly List<CaseReport> _reports = [];
    private readonly List<DisposalPlan> _plans = [];
    private readonly List<CaseTask> _tasks = [];
    private readonly List<PublicResponse> _responses = [];
    private readonly List<CaseComment> _comments = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<RumourHandOff> _rumourHandOffs = [];
    private readonly List<EffectEvaluation> _effectEvaluations = [];

    private Case()
    {
        Number = Title = Summary = OwnerId = OwnerName = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>e.g. BAZ-2026-0001.</summary>
    public string Number { get; private set; }

    public string Title { get; private set; }

    public string Summary { get; private set; }

    public CaseState State { get; private set; }

    public int ResponsibleUnitId { get; private set; }

    public string OwnerId { get; private set; }

    public string OwnerName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Concurrency token: bumped by every change, compared by the database on save.</summary>
    public int Version { get; private set; }

    public RiskLevel? RiskLevel { get; private set; }

    public bool ResponseNeeded { get; private set; }

    public Assessment? Assessment { get; private set; }

    public string? DismissReason { get; private set; }

    public string? CloseSummary { get; private set; }

    public string? RaiserFeedback { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>回访: the call back to the person who raised it, recorded at close (the last close of a reopened case).</summary>
    public FollowUp? FollowUp { get; private set; }

    public string? ReopenReason { get; private set; }

    public int? MergedIntoCaseId { get; private set; }

    public IReadOnlyList<CaseCoUnit> CoUnits => _coUnits;

    public IReadOnlyList<CaseReport> Reports => _reports;

    public IReadOnlyList<DisposalPlan> Plans => _plans;

    public IReadOnlyList<CaseTask> Tasks => _tasks;

    public IReadOnlyList<PublicResponse> Responses => _responses;

    public IReadOnlyList<CaseComment> Comments => _comments;

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public IReadOnlyList<RumourHandOff> RumourHandOffs => _rumourHandOffs;

    public IReadOnlyList<EffectEvaluation> EffectEvaluations => _effectEvaluations;

    /// <summary>The latest published response, the one an effect evaluation looks back to.</summary>
    public PublicResponse? LatestPublishedResponse =>
        _responses.Where(r => r.Status == ResponseStatus.Published).MaxBy(r => (r.PublishedAt, r.Sequence));

    public DisposalPlan? CurrentPlan => _plans.MaxBy(p => p.Version);

    public bool IsOpen => CaseWorkflow.IsOpen(State);

    public bool IsMajor => RiskLevel is { } level && level.IsMajorOrAbove();

    public static Case Open(string number, string title, string summary, int responsibleUnitId, IEnumerable<int> coUnitIds,
        Actor actor, DateTime now, string? detail = null)
    {
        var @case = new Case
        {
            Number = number,
            Title = title.Trim(),
            Summary = summary.Trim(),
            State = CaseState.Collected,
            ResponsibleUnitId = responsibleUnitId,
            OwnerId = actor.UserId,
            OwnerName = actor.DisplayName,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        @case._coUnits.AddRange(coUnitIds.Where(u => u != responsibleUnitId).Distinct().Select(u => new CaseCoUnit(u)));
        @case._timeline.Add(new TimelineEntry(now, actor.UserId, actor.DisplayName, "Opened", CaseState.Collected, CaseState.Collected, detail));
        @case.Raise(new CaseOpened(actor.UserId, now));
        return @case;
    }

    // ---- access -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Acts on the case as a whole: the opinion office, or a member of the responsible unit (主办, 谁主管谁负责).
    /// Co-handling units (协办) and units a task went to see it, comment, and act on their own tasks.
    /// </summary>
    public bool IsHandledBy(Actor actor) => actor.SpansAllUnits || actor.BelongsTo(ResponsibleUnitId);

    /// <summary>Sees the case: those who handle it, co-handling units, units a task was sent to, and its owner.</summary>
    public bool IsVisibleTo(Actor actor) =>
        IsHandledBy(actor) || _coUnits.Any(c => actor.BelongsTo(c.UnitId)) || _tasks.Any(t => actor.BelongsTo(t.UnitId)) || OwnerId == actor.UserId;

    // ---- the table, asked ---------------------------------------------------------------------------------------

    /// <summary>The triggers <paramref name="actor"/> may fire now: exactly the buttons the case page shows.</summary>
    public IReadOnlyList<CaseTrigger> AvailableTriggers(Actor actor) =>
        Enum.GetValues<CaseTrigger>().Where(t => Check(t, actor) is null).ToList();

    /// <summary>Why <paramref name="actor"/> may not fire <paramref name="trigger"/> now (a <see cref="DomainErrors"/> code), or null.</summary>
    public string? Check(CaseTrigger trigger, Actor actor)
    {
        var row = CaseWorkflow.Find(trigger, State);
        if (row is null)
        {
            return DomainErrors.TriggerNotAllowed;
        }

        if (!actor.HasAny(row.Roles))
        {
            return DomainErrors.RoleNotAllowed;
        }

        return Reaches(row, actor) ? row.RefusalFor(this, actor) : DomainErrors.NoAccess;
    }

    private bool Reaches(Transition row, Actor actor) => row.Reach == CaseReach.Viewers ? IsVisibleTo(actor) : IsHandledBy(actor);

    /// <summary>
    /// The actions <paramref name="actor"/> would be offered now but for a data guard, each with the guard's reason (a
    /// <see cref="DomainErrors"/> code): what the case page explains where the button would be. Only the actor's own
    /// actions (role and reach), and only guards that are <see cref="Refusal.Explained"/>.
    /// </summary>
    public IReadOnlyList<(CaseTrigger Trigger, string Reason)> WaitingTriggers(Actor actor) =>
        Enum.GetValues<CaseTrigger>()
            .Select(t => (Trigger: t, Row: CaseWorkflow.Find(t, State)))
            .Where(t => t.Row is not null && actor.HasAny(t.Row.Roles) && Reaches(t.Row, actor))
            .Select(t => (t.Trigger, Refusal: t.Row!.FirstRefusal(this, actor)))
            .Where(t => t.Refusal is { Explained: true })
            .Select(t => (t.Trigger, t.Refusal!.Error))
            .ToList();

    // ---- triggers -----------------------------------------------------------------------------------------------

    public void StartAssessment(Actor actor, DateTime now)
    {
        Ensure(CaseTrigger.StartAssessment, actor);
        Fire(CaseTrigger.StartAssessment, actor, now);
    }

    public void CompleteAssessment(Actor actor, DateTime now, string nature, OpinionTrend trend, string risks, RiskLevel level,
        Scoring.RiskScore computed, string? overrideJustification, bool responseNeeded, MatterKind matterKind)
    {
        Ensure(CaseTrigger.CompleteAssessment, actor);
        Require(!string.IsNullOrWhiteSpace(nature) && !string.IsNullOrWhiteSpace(risks), DomainErrors.AssessmentIncomplete);
        var justification = string.IsNullOrWhiteSpace(overrideJustification) ? null : overrideJustification.Trim();
        Require(level == computed.SuggestedLevel || justification is not null, DomainErrors.OverrideNeedsJustification);
        var wasMajor = IsMajor;
        Fire(CaseTrigger.CompleteAssessment, actor, now, $"{level}", () =>
        {
            Assessment = new Assessment(nature.Trim(), trend, risks.Trim(), level, computed,
                justification, responseNeeded, matterKind, actor.DisplayName, now);
            RiskLevel = level;
            ResponseNeeded = responseNeeded;
        });
        Raise(new CaseAssessed(level, IsMajor && !wasMajor, actor.UserId, now));
    }

    public void RecordReport(Actor actor, DateTime now, ReportLevel level, string recipients, string channel, DateTime sentAt, string content)
    {
        Ensure(CaseTrigger.RecordReport, actor);
        Require(!string.IsNullOrWhiteSpace(recipients) && !string.IsNullOrWhiteSpace(channel) && !string.IsNullOrWhiteSpace(content),
            DomainErrors.ReportMissing);
        Fire(CaseTrigger.RecordReport, actor, now, $"{level}: {recipients}",
            () => _reports.Add(new CaseReport(level, recipients.Trim(), channel.Trim(), sentAt, content.Trim(), actor.DisplayName, now)));
    }

    public void SubmitReport(Actor actor, DateTime now)
    {
        Ensure(CaseTrigger.SubmitReport, actor);
        Fire(CaseTrigger.SubmitReport, actor, now);
    }

    public void SavePlan(Actor actor, DateTime now, string measures, string responsiblePersons, string offlineActions, string responseApproach)
    {
        Ensure(CaseTrigger.SavePlan, actor);
        Fire(CaseTrigger.SavePlan, actor, now, null, () =>
        {
            var plan = CurrentPlan;
            if (plan is not { Status: PlanStatus.Draft })
            {
                plan = new DisposalPlan((plan?.Version ?? 0) + 1, actor.UserId, actor.DisplayName, now);
                _plans.Add(plan);
            }

            plan.Edit(measures, responsiblePersons, offlineActions, responseApproach, actor.UserId, actor.DisplayName, now);
        });
    }

    public void SubmitPlan(Actor actor, DateTime now)
    {
        Ensure(CaseTrigger.SubmitPlan, actor);
        var plan = CurrentPlan!;
        Fire(CaseTrigger.SubmitPlan, actor, now, $"v{plan.Version}", plan.Submit);
        Raise(new PlanSubmitted(plan.Version, plan.DraftedById, actor.UserId, now));
    }

    public void SignPlan(Actor actor, DateTime now, string? comment)
    {
        Ensure(CaseTrigger.SignPlan, actor);
        var plan = CurrentPlan!;
        var role = SignatureRoleFor(actor, plan)!.Value;
        plan.AddSignature(new PlanSignature(actor.UserId, actor.DisplayName, role, now, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()));
        var fullySigned = RequiredSignatureRoles().All(r => plan.Signatures.Any(s => s.Role == r));
        if (fullySigned)
        {
            plan.Approve();
        }

        Fire(CaseTrigger.SignPlan, actor, now, $"v{plan.Version} {role}", stayInState: !fullySigned);
        Raise(new PlanSigned(plan.Version, role, actor.UserId, fullySigned, now));
    }

    public void RejectPlan(Actor actor, DateTime now, string comment)
    {
        Ensure(CaseTrigger.RejectPlan, actor);
        Require(!string.IsNullOrWhiteSpace(comment), DomainErrors.CommentRequired);
        Fire(CaseTrigger.RejectPlan, actor, now, comment.Trim(), () => CurrentPlan!.Reject(comment.Trim(), actor.DisplayName));
    }

    public IReadOnlyList<Role> RequiredSignatureRoles() => IsMajor ? [Role.SectionChief, Role.UnitHead] : [Role.SectionChief];

    /// <summary>The signature <paramref name="actor"/> would add to <paramref name="plan"/>, or null when none is needed from them.</summary>
    internal Role? SignatureRoleFor(Actor actor, DisposalPlan plan)
    {
        foreach (var role in RequiredSignatureRoles())
        {
            if (actor.Has(role) && plan.Signatures.All(s => s.Role != role))
            {
                return role;
            }
        }

        return null;
    }

    public CaseTask AssignTask(Actor actor, DateTime now, int unitId, string description, DateTime dueAt)
    {
        Ensure(CaseTrigger.AssignTask, actor);
        var task = new CaseTask(unitId, description.Trim(), dueAt, actor.DisplayName, now);
        Fire(CaseTrigger.AssignTask, actor, now, description.Trim(), () => _tasks.Add(task));
        Raise(new TaskAssigned(unitId, task.Description, actor.UserId, now));
        return task;
    }

    /// <summary>
    /// 辟谣移交: a task to the police unit and one to the internet information office, each due at <paramref name="dueAt"/>
    /// with <paramref name="note"/>, and the hand-off record holding the evidence; the press officers' 辟谣 response is the
    /// next response drafted on the case. All or nothing: one save.
    /// </summary>
    public RumourHandOff HandOffRumour(Actor actor, DateTime now, int policeUnitId, int cyberspaceUnitId, string note, string evidence, DateTime dueAt)
    {
        Ensure(CaseTrigger.HandOffRumour, actor);
        Require(policeUnitId != cyberspaceUnitId, DomainErrors.HandOffSameUnit);
        Require(!string.IsNullOrWhiteSpace(note), DomainErrors.CommentRequired);
        var sequence = _rumourHandOffs.Count + 1;
        var handOff = new RumourHandOff(sequence, policeUnitId, cyberspaceUnitId, note.Trim(), evidence, actor.UserId, actor.DisplayName, now);
        Fire(CaseTrigger.HandOffRumour, actor, now, $"#{sequence}", () =>
        {
            _rumourHandOffs.Add(handOff);
            _tasks.Add(new CaseTask(policeUnitId, note.Trim(), dueAt, actor.DisplayName, now, sequence));
            _tasks.Add(new CaseTask(cyberspaceUnitId, note.Trim(), dueAt, actor.DisplayName, now, sequence));
        });
        Raise(new RumourHandedOff(sequence, handOff.Note, actor.UserId, now));
        return handOff;
    }

    /// <summary>The tasks of hand-off <paramref name="sequence"/>.</summary>
    public IReadOnlyList<CaseTask> TasksOfHandOff(int sequence) => _tasks.Where(t => t.HandOffSequence == sequence).ToList();

    /// <summary>回应效果评估: the analyst's verdict on the latest publication, with the figures it was made on.</summary>
    public EffectEvaluation EvaluateEffect(Actor actor, DateTime now, EffectOutcome outcome, string? note, EffectFigures figures)
    {
        Ensure(CaseTrigger.EvaluateEffect, actor);
        Require(Enum.IsDefined(outcome), DomainErrors.EffectOutcomeRequired);
        var evaluation = new EffectEvaluation(outcome, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), figures, actor.UserId, actor.DisplayName, now);
        Fire(CaseTrigger.EvaluateEffect, actor, now, outcome.ToString(), () => _effectEvaluations.Add(evaluation));
        return evaluation;
    }

    public void AcceptTask(Actor actor, DateTime now, int taskId)
    {
        Ensure(CaseTrigger.AcceptTask, actor);
        var task = TaskFor(actor, taskId);
        Require(task.Status == CaseTaskStatus.Pending, DomainErrors.TaskWrongState);
        Fire(CaseTrigger.AcceptTask, actor, now, task.Description, () => task.Accept(actor.DisplayName, now));
    }

    public void GiveTaskFeedback(Actor actor, DateTime now, int taskId, string feedback)
    {
        Ensure(CaseTrigger.GiveTaskFeedback, actor);
        var task = TaskFor(actor, taskId);
        Require(!task.IsDone, DomainErrors.TaskWrongState);
        Require(!string.IsNullOrWhiteSpace(feedback), DomainErrors.CommentRequired);
        Fire(CaseTrigger.GiveTaskFeedback, actor, now, feedback.Trim(), () => task.GiveFeedback(feedback.Trim(), actor.DisplayName, now));
    }

    private CaseTask TaskFor(Actor actor, int taskId)
    {
        var task = _tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new DomainException(DomainErrors.TaskNotFound, $"No task {taskId}.");
        Require(actor.BelongsTo(task.UnitId), DomainErrors.TaskWrongUnit);
        return task;
    }

    public void BeginResponse(Actor actor, DateTime now)
    {
        Ensure(CaseTrigger.BeginResponse, actor);
        Fire(CaseTrigger.BeginResponse, actor, now);
    }

    /// <summary>Creates a response draft (<paramref name="responseId"/> null) or revises a draft or a rejected one.</summary>
    public PublicResponse DraftResponse(Actor actor, DateTime now, int? responseId, ResponseForm form, string channels, string text,
        IEnumerable<string> confirmingAgencies)
    {
        Ensure(CaseTrigger.DraftResponse, actor);
        var response = responseId is { } id ? ResponseById(id) : null;
        Require(response is null || response.IsEditable, DomainErrors.ResponseWrongState);
        var agencies = confirmingAgencies.ToList();
        Fire(CaseTrigger.DraftResponse, actor, now, form.ToString(), () =>
        {
            if (response is null)
            {
                response = new PublicResponse(_responses.Count + 1, actor.UserId, actor.DisplayName);
                _responses.Add(response);
                // The press officers were asked for a 辟谣 response: the first one drafted after the hand-off is it.
                _rumourHandOffs.LastOrDefault()?.LinkResponse(response.Sequence);
            }

            response.Edit(form, channels, text, agencies, actor.UserId, actor.DisplayName, now);
        });
        return response!;
    }

    public void SubmitResponse(Actor actor, DateTime now, int responseId)
    {
        Ensure(CaseTrigger.SubmitResponse, actor);
        var response = ResponseById(responseId);
        Require(response.Status == ResponseStatus.Draft && response.Text.Length > 0, DomainErrors.ResponseWrongState);
        Fire(CaseTrigger.SubmitResponse, actor, now, $"#{response.Sequence}", response.Submit);
        Raise(new ResponseSubmitted(response.Sequence, response.DraftedById, actor.UserId, now));
    }

    public void ApproveResponse(Actor actor, DateTime now, int responseId, string? comment)
    {
        Ensure(CaseTrigger.ApproveResponse, actor);
        var response = ResponseById(responseId);
        Require(response.Status == ResponseStatus.InReview, DomainErrors.ResponseWrongState);
        Require(response.DraftedById != actor.UserId, DomainErrors.ApproverIsDrafter);
        Fire(CaseTrigger.ApproveResponse, actor, now, $"#{response.Sequence}",
            () => response.Review(true, actor.DisplayName, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now));
    }

    public void RejectResponse(Actor actor, DateTime now, int responseId, string comment)
    {
        Ensure(CaseTrigger.RejectResponse, actor);
        var response = ResponseById(responseId);
        Require(response.Status == ResponseStatus.InReview, DomainErrors.ResponseWrongState);
        Require(!string.IsNullOrWhiteSpace(comment), DomainErrors.CommentRequired);
        Fire(CaseTrigger.RejectResponse, actor, now, $"#{response.Sequence}: {comment.Trim()}",
            () => response.Review(false, actor.DisplayName, comment.Trim(), now));
    }

    public void RecordConfirmation(Actor actor, DateTime now, int responseId, string agency, string confirmedByName, DateTime confirmedAt, string? note)
    {
        Ensure(CaseTrigger.RecordConfirmation, actor);
        var response = ResponseById(responseId);
        Require(response.Status == ResponseStatus.Approved, DomainErrors.ResponseWrongState);
        var confirmation = response.Confirmations.FirstOrDefault(c => c.Agency == agency && !c.Confirmed)
                           ?? throw new DomainException(DomainErrors.ResponseNotFound, $"No pending confirmation by {agency}.");
        Fire(CaseTrigger.RecordConfirmation, actor, now, $"#{response.Sequence} {agency}",
            () => confirmation.Confirm(confirmedByName.Trim(), confirmedAt, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor.DisplayName));
    }

    public void PublishResponse(Actor actor, DateTime now, int responseId, string channel, string? url, DateTime publishedAt)
    {
        Ensure(CaseTrigger.PublishResponse, actor);
        var response = ResponseById(responseId);
        Require(response.Status == ResponseStatus.Approved, DomainErrors.ResponseNotApproved);
        Require(response.AllConfirmed, DomainErrors.ConfirmationsMissing);
        Fire(CaseTrigger.PublishResponse, actor, now, $"#{response.Sequence} {channel}",
            () => response.Publish(channel.Trim(), string.IsNullOrWhiteSpace(url) ? null : url.Trim(), publishedAt, actor.DisplayName));
        Raise(new ResponsePublished(response.Sequence, channel, now));
    }

    private PublicResponse ResponseById(int id) =>
        _responses.FirstOrDefault(r => r.Id == id) ?? throw new DomainException(DomainErrors.ResponseNotFound, $"No response {id}.");

    /// <param name="raiserReachable">An item of the case was raised by a person the desk can reach (a hotline caller).</param>
    /// <param name="followUpDue">
    /// An item came from the hotline or an online inquiry with a contact (<see cref="OpinionItem.NeedsFollowUp"/>): the 回访
    /// is recorded now, reached or not, with the caller's satisfaction when reached — the 12345 rates are counted from it.
    /// </param>
    public void Close(Actor actor, DateTime now, string summary, string? raiserFeedback, bool raiserReachable, FollowUp? followUp = null,
        bool followUpDue = false)
    {
        Ensure(CaseTrigger.Close, actor);
        Require(!string.IsNullOrWhiteSpace(summary), DomainErrors.SummaryRequired);
        Require(!raiserReachable || !string.IsNullOrWhiteSpace(raiserFeedback), DomainErrors.RaiserFeedbackRequired);
        Require(!followUpDue || followUp is not null, DomainErrors.FollowUpRequired);
        Require(followUp is null || !followUp.Reached || followUp.Satisfaction is not null, DomainErrors.FollowUpSatisfactionRequired);
        Fire(CaseTrigger.Close, actor, now, summary.Trim(), () =>
        {
            CloseSummary = summary.Trim();
            RaiserFeedback = string.IsNullOrWhiteSpace(raiserFeedback) ? null : raiserFeedback.Trim();
            ClosedAt = now;
            FollowUp = followUp is null ? FollowUp : followUp with { Satisfaction = followUp.Reached ? followUp.Satisfaction : null };
        });
    }

    public void Dismiss(Actor actor, DateTime now, string reason)
    {
        Ensure(CaseTrigger.Dismiss, actor);
        Require(!string.IsNullOrWhiteSpace(reason), DomainErrors.ReasonRequired);
        Fire(CaseTrigger.Dismiss, actor, now, reason.Trim(), () => DismissReason = reason.Trim());
    }

    /// <summary>Folds this case into <paramref name="target"/>; the handler moves the items.</summary>
    public void MergeInto(Actor actor, DateTime now, Case target)
    {
        Ensure(CaseTrigger.Merge, actor);
        Require(!ReferenceEquals(target, this) && target.Id != Id && target.IsOpen && target.IsHandledBy(actor), DomainErrors.MergeTargetInvalid);
        Fire(CaseTrigger.Merge, actor, now, target.Number, () => MergedIntoCaseId = target.Id);
        target.RecordMergedFrom(this, actor, now);
    }

    private void RecordMergedFrom(Case source, Actor actor, DateTime now)
    {
        _timeline.Add(new TimelineEntry(now, actor.UserId, actor.DisplayName, "MergedFrom", State, State, source.Number));
        Touch(now);
        Raise(new CaseActivityRecorded(CaseTrigger.Merge, State, actor.UserId, now));
    }

    public void Reopen(Actor actor, DateTime now, string reason)
    {
        Ensure(CaseTrigger.Reopen, actor);
        Require(!string.IsNullOrWhiteSpace(reason), DomainErrors.ReasonRequired);
        Fire(CaseTrigger.Reopen, actor, now, reason.Trim(), () =>
        {
            ReopenReason = reason.Trim();
            ClosedAt = null;
        });
    }

    public void EditSummary(Actor actor, DateTime now, string title, string summary)
    {
        Ensure(CaseTrigger.EditSummary, actor);
        Require(!string.IsNullOrWhiteSpace(title), DomainErrors.TitleRequired);
        Fire(CaseTrigger.EditSummary, actor, now, null, () =>
        {
            Title = title.Trim();
            Summary = summary.Trim();
        });
    }

    /// <summary>
    /// Assigns the owner (负责人) and the lead and co-handling units (主办、协办). Whether the new owner is an active user who
    /// may own cases is the caller's to check (the domain has no users); the domain checks the trigger and that the lead
    /// unit is not also a co-unit. The timeline names the previous and the new owner.
    /// </summary>
    public void Reassign(Actor actor, DateTime now, string ownerId, string ownerName, int responsibleUnitId, IEnumerable<int> coUnitIds)
    {
        Ensure(CaseTrigger.Reassign, actor);
        Require(!string.IsNullOrWhiteSpace(ownerId) && !string.IsNullOrWhiteSpace(ownerName), DomainErrors.OwnerInvalid);
        var previousOwner = OwnerName;
        var previousOwnerId = OwnerId;
        var coUnits = coUnitIds.Where(u => u != responsibleUnitId).Distinct().ToList();
        Fire(CaseTrigger.Reassign, actor, now, $"{previousOwner} → {ownerName}", () =>
        {
            OwnerId = ownerId;
            OwnerName = ownerName;
            ResponsibleUnitId = responsibleUnitId;
            _coUnits.RemoveAll(c => !coUnits.Contains(c.UnitId));
            _coUnits.AddRange(coUnits.Where(u => _coUnits.All(c => c.UnitId != u)).Select(u => new CaseCoUnit(u)));
        });
        if (previousOwnerId != ownerId)
        {
            Raise(new CaseReassigned(previousOwnerId, ownerId, actor.UserId, now));
        }
    }

    public void AddComment(Actor actor, DateTime now, string text)
    {
        Ensure(CaseTrigger.Comment, actor);
        Require(!string.IsNullOrWhiteSpace(text), DomainErrors.CommentRequired);
        var trimmed = text.Trim();
        Fire(CaseTrigger.Comment, actor, now, trimmed.Length > 80 ? trimmed[..80] + "…" : trimmed,
            () => _comments.Add(new CaseComment(actor.UserId, actor.DisplayName, trimmed, now)));
        Raise(new CommentAdded(trimmed, actor.UserId, now));
    }

    /// <summary>
    /// Records that a triaged item joined this case (outside the table: triage acts on the item). A closed case takes
    /// an item within <paramref name="reboundWindow"/> of its close: 舆情反弹, which the watcher turns into an alert.
    /// </summary>
    public void RecordItemAttached(OpinionItem item, Actor actor, DateTime now, TimeSpan reboundWindow = default)
    {
        var rebound = TakesReboundItem(now, reboundWindow);
        if (!IsOpen && !rebound)
        {
            throw new DomainException(DomainErrors.TriggerNotAllowed, $"Case {Number} is {State}; items cannot be attached.");
        }

        _timeline.Add(new TimelineEntry(now, actor.UserId, actor.DisplayName, rebound ? ItemAttachedAfterClose : "ItemAttached", State, State, item.Title));
        Touch(now);
        Raise(new ItemAttachedToCase(item.Id, actor.UserId, now));
    }

    /// <summary>The timeline action of an item grouped to the case after its close (舆情反弹).</summary>
    public const string ItemAttachedAfterClose = "ItemAttachedAfterClose";

    /// <summary>Closed no longer than <paramref name="reboundWindow"/> ago: a new item about it is a rebound, not a new matter.</summary>
    public bool TakesReboundItem(DateTime now, TimeSpan reboundWindow) =>
        State == CaseState.Closed && ClosedAt is { } closedAt && now <= closedAt + reboundWindow;

    /// <summary>Who the timeline names for what the system did by itself (an automatic attach at intake).</summary>
    public const string SystemActorId = "system";

    public const string SystemActorName = "系统";

    /// <summary>
    /// Records that the system attached a new item by itself (a near-duplicate of this case's items from a source set to
    /// auto-attach, DESIGN §2.4), with the reason on the timeline so the desk sees why.
    /// </summary>
    public void RecordItemAttachedBySystem(OpinionItem item, string reason, DateTime now)
    {
        if (!IsOpen)
        {
            throw new DomainException(DomainErrors.TriggerNotAllowed, $"Case {Number} is {State}; items cannot be attached.");
        }

        _timeline.Add(new TimelineEntry(now, SystemActorId, SystemActorName, "ItemAutoAttached", State, State, reason.Trim()));
        Touch(now);
        Raise(new ItemAttachedToCase(item.Id, SystemActorId, now));
    }

    /// <summary>
    /// A clock of this case was breached (DESIGN §2.2): the timeline shows which, when it was due and under which policy
    /// version. The system's note does not bump <see cref="Version"/>: an officer's edit in progress stays valid.
    /// </summary>
    public void RecordClockBreached(Clocks.ClockKind clock, DateTime dueAt, int policyVersion, DateTime now)
    {
        _timeline.Add(new TimelineEntry(now, SystemActorId, SystemActorName, Clocks.ClockBreached.Action, State, State,
            Clocks.ClockBreached.Detail(clock, dueAt, policyVersion)));
        Raise(new Clocks.ClockBreached(Id, clock, dueAt, now));
    }

    // ---- the one way a trigger fires ----------------------------------------------------------------------------

    private void Ensure(CaseTrigger trigger, Actor actor)
    {
        if (Check(trigger, actor) is { } error)
        {
            throw new DomainException(error, $"{actor.DisplayName} may not {trigger} case {Number} in state {State}: {error}.");
        }
    }

    private static void Require(bool condition, string error)
    {
        if (!condition)
        {
            throw new DomainException(error, error);
        }
    }

    /// <summary>Applies a trigger that <see cref="Ensure"/> has already allowed.</summary>
    private void Fire(CaseTrigger trigger, Actor actor, DateTime now, string? detail = null, Action? change = null, bool stayInState = false)
    {
        var row = CaseWorkflow.Find(trigger, State)!;
        change?.Invoke();
        var from = State;
        State = stayInState ? from : row.To;
        _timeline.Add(new TimelineEntry(now, actor.UserId, actor.DisplayName, trigger.ToString(), from, State, detail));
        Touch(now);
        Raise(from == State
            ? new CaseActivityRecorded(trigger, State, actor.UserId, now)
            : new CaseStateChanged(trigger, from, State, actor.UserId, now));
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
