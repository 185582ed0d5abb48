namespace OpinionResponse.Domain.Cases;

/// <summary>The analyst's assessment (研判): DESIGN §2.3.</summary>
public sealed class Assessment
{
    private Assessment()
    {
        Nature = Risks = AssessedBy = string.Empty;
    }

    public Assessment(string nature, OpinionTrend trend, string risks, RiskLevel level, Scoring.RiskScore computed,
        string? overrideJustification, bool responseNeeded, MatterKind matterKind, string assessedBy, DateTime assessedAt)
    {
        Nature = nature;
        Trend = trend;
        Risks = risks;
        Level = level;
        ComputedLevel = computed.SuggestedLevel;
        Score = computed.Total;
        PolicyVersion = computed.PolicyVersion;
        Breakdown = computed.PartsJson();
        OverrideJustification = overrideJustification;
        ResponseNeeded = responseNeeded;
        MatterKind = matterKind;
        AssessedBy = assessedBy;
        AssessedAt = assessedAt;
    }

    public string Nature { get; private set; }

    public OpinionTrend Trend { get; private set; }

    public string Risks { get; private set; }

    public RiskLevel Level { get; private set; }

    public RiskLevel ComputedLevel { get; private set; }

    public int Score { get; private set; }

    /// <summary>The scoring policy's version that gave <see cref="Score"/>; 0 for assessments made before versions existed.</summary>
    public int PolicyVersion { get; private set; }

    /// <summary>The score's parts as they were at the assessment (JSON): a later policy never rewrites a decision's grounds.</summary>
    public string? Breakdown { get; private set; }

    /// <summary>The score this assessment was made on, as recorded.</summary>
    public Scoring.RiskScore RecordedScore() => new(Score, ComputedLevel, Scoring.RiskScore.PartsFrom(Breakdown), PolicyVersion);

    public string? OverrideJustification { get; private set; }

    public bool ResponseNeeded { get; private set; }

    public MatterKind MatterKind { get; private set; }

    public string AssessedBy { get; private set; }

    public DateTime AssessedAt { get; private set; }
}

/// <summary>A report of the case to the own or the higher level (归口报送).</summary>
public sealed class CaseReport
{
    private CaseReport()
    {
        Recipients = Channel = Content = RecordedBy = string.Empty;
    }

    internal CaseReport(ReportLevel level, string recipients, string channel, DateTime sentAt, string content, string recordedBy, DateTime recordedAt)
    {
        Level = level;
        Recipients = recipients;
        Channel = channel;
        SentAt = sentAt;
        Content = content;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }

    public ReportLevel Level { get; private set; }

    public string Recipients { get; private set; }

    public string Channel { get; private set; }

    public DateTime SentAt { get; private set; }

    public string Content { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }
}

/// <summary>One version of the disposal plan (处置方案), with its signatures.</summary>
public sealed class DisposalPlan
{
    private readonly List<PlanSignature> _signatures = [];

    private DisposalPlan()
    {
        Measures = ResponsiblePersons = OfflineActions = ResponseApproach = DraftedById = DraftedByName = string.Empty;
    }

    internal DisposalPlan(int version, string draftedById, string draftedByName, DateTime draftedAt)
    {
        Version = version;
        DraftedById = draftedById;
        DraftedByName = draftedByName;
        DraftedAt = draftedAt;
        Measures = ResponsiblePersons = OfflineActions = ResponseApproach = string.Empty;
        Status = PlanStatus.Draft;
    }

    public int Id { get; private set; }

    public int Version { get; private set; }

    public string Measures { get; private set; }

    public string ResponsiblePersons { get; private set; }

    public string OfflineActions { get; private set; }

    public string ResponseApproach { get; private set; }

    public string DraftedById { get; private set; }

    public string DraftedByName { get; private set; }

    public DateTime DraftedAt { get; private set; }

    public PlanStatus Status { get; private set; }

    public string? RejectionComment { get; private set; }

    public string? RejectedBy { get; private set; }

    public IReadOnlyList<PlanSignature> Signatures => _signatures;

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(Measures) && !string.IsNullOrWhiteSpace(ResponsiblePersons) &&
        !string.IsNullOrWhiteSpace(OfflineActions) && !string.IsNullOrWhiteSpace(ResponseApproach);

    internal void Edit(string measures, string responsiblePersons, string offlineActions, string responseApproach,
        string editorId, string editorName, DateTime at)
    {
        Measures = measures.Trim();
        ResponsiblePersons = responsiblePersons.Trim();
        OfflineActions = offlineActions.Trim();
        ResponseApproach = responseApproach.Trim();
        DraftedById = editorId;
        DraftedByName = editorName;
        DraftedAt = at;
    }

    internal void Submit() => Status = PlanStatus.Submitted;

    internal void AddSignature(PlanSignature signature) => _signatures.Add(signature);

    internal void Approve() => Status = PlanStatus.Approved;

    internal void Reject(string comment, string by)
    {
        Status = PlanStatus.Rejected;
        RejectionComment = comment;
        RejectedBy = by;
    }
}

public sealed class PlanSignature
{
    private PlanSignature()
    {
        SignerId = SignerName = string.Empty;
    }

    internal PlanSignature(string signerId, string signerName, Common.Role role, DateTime signedAt, string? comment)
    {
        SignerId = signerId;
        SignerName = signerName;
        Role = role;
        SignedAt = signedAt;
        Comment = comment;
    }

    public int Id { get; private set; }

    public string SignerId { get; private set; }

    public string SignerName { get; private set; }

    public Common.Role Role { get; private set; }

    public DateTime SignedAt { get; private set; }

    public string? Comment { get; private set; }
}

/// <summary>A task transferred to a unit (转办): 待受理 → 办理中 → 已反馈.</summary>
public sealed class CaseTask
{
    private CaseTask()
    {
        Description = AssignedBy = string.Empty;
    }

    internal CaseTask(int unitId, string description, DateTime dueAt, string assignedBy, DateTime assignedAt, int? handOffSequence = null)
    {
        HandOffSequence = handOffSequence;
        UnitId = unitId;
        Description = description;
        DueAt = dueAt;
        AssignedBy = assignedBy;
        AssignedAt = assignedAt;
        Status = CaseTaskStatus.Pending;
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    /// <summary>The rumour hand-off (辟谣移交) this task belongs to, if any (<see cref="RumourHandOff.Sequence"/>).</summary>
    public int? HandOffSequence { get; private set; }

    public string Description { get; private set; }

    public DateTime DueAt { get; private set; }

    public CaseTaskStatus Status { get; private set; }

    public string AssignedBy { get; private set; }

    public DateTime AssignedAt { get; private set; }

    public string? AcceptedBy { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public string? Feedback { get; private set; }

    public string? FeedbackBy { get; private set; }

    public DateTime? FeedbackAt { get; private set; }

    public bool IsDone => Status == CaseTaskStatus.FeedbackGiven;

    internal void Accept(string by, DateTime at)
    {
        Status = CaseTaskStatus.InProgress;
        AcceptedBy = by;
        AcceptedAt = at;
    }

    internal void GiveFeedback(string feedback, string by, DateTime at)
    {
        Status = CaseTaskStatus.FeedbackGiven;
        Feedback = feedback;
        FeedbackBy = by;
        FeedbackAt = at;
        AcceptedBy ??= by;
        AcceptedAt ??= at;
    }
}

/// <summary>A public response (公开回应) with its own lifecycle: Draft → InReview → Approved → Published, or Rejected → Draft.</summary>
public sealed class PublicResponse
{
    private readonly List<ResponseConfirmation> _confirmations = [];

    private PublicResponse()
    {
        Channels = Text = DraftedById = DraftedByName = string.Empty;
    }

    internal PublicResponse(int sequence, string draftedById, string draftedByName)
    {
        Sequence = sequence;
        DraftedById = draftedById;
        DraftedByName = draftedByName;
        Channels = Text = string.Empty;
        Status = ResponseStatus.Draft;
    }

    public int Id { get; private set; }

    /// <summary>1 for the first response, 2 and up for follow-ups.</summary>
    public int Sequence { get; private set; }

    public ResponseForm Form { get; private set; }

    /// <summary>Planned channels, comma separated (政务微博, 政务微信, 政府网站…).</summary>
    public string Channels { get; private set; }

    public string Text { get; private set; }

    public ResponseStatus Status { get; private set; }

    public string DraftedById { get; private set; }

    public string DraftedByName { get; private set; }

    public DateTime DraftedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public string? ReviewComment { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public string? PublishedChannel { get; private set; }

    public string? PublishedUrl { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public IReadOnlyList<ResponseConfirmation> Confirmations => _confirmations;

    public bool AllConfirmed => _confirmations.All(c => c.Confirmed);

    public bool IsEditable => Status is ResponseStatus.Draft or ResponseStatus.Rejected;

    internal void Edit(ResponseForm form, string channels, string text, IEnumerable<string> agencies, string byId, string byName, DateTime at)
    {
        Form = form;
        Channels = channels.Trim();
        Text = text.Trim();
        DraftedById = byId;
        DraftedByName = byName;
        DraftedAt = at;
        Status = ResponseStatus.Draft;
        var wanted = agencies.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        _confirmations.RemoveAll(c => !wanted.Contains(c.Agency));
        foreach (var agency in wanted.Where(a => _confirmations.All(c => c.Agency != a)))
        {
            _confirmations.Add(new ResponseConfirmation(agency));
        }
    }

    internal void Submit() => Status = ResponseStatus.InReview;

    internal void Review(bool approved, string by, string? comment, DateTime at)
    {
        Status = approved ? ResponseStatus.Approved : ResponseStatus.Rejected;
        ReviewedBy = by;
        ReviewComment = comment;
        ReviewedAt = at;
    }

    internal void Publish(string channel, string? url, DateTime publishedAt, string by)
    {
        Status = ResponseStatus.Published;
        PublishedChannel = channel;
        PublishedUrl = url;
        PublishedAt = publishedAt;
        PublishedBy = by;
    }
}

/// <summary>Another agency's confirmation of a response that concerns it (会签).</summary>
public sealed class ResponseConfirmation
{
    private ResponseConfirmation()
    {
        Agency = string.Empty;
    }

    internal ResponseConfirmation(string agency)
    {
        Agency = agency;
    }

    public int Id { get; private set; }

    public string Agency { get; private set; }

    public bool Confirmed { get; private set; }

    public string? ConfirmedByName { get; private set; }

    public DateTime? ConfirmedAt { get; private set; }

    public string? Note { get; private set; }

    public string? RecordedBy { get; private set; }

    internal void Confirm(string confirmedByName, DateTime at, string? note, string recordedBy)
    {
        Confirmed = true;
        ConfirmedByName = confirmedByName;
        ConfirmedAt = at;
        Note = note;
        RecordedBy = recordedBy;
    }
}

public sealed class CaseComment
{
    private CaseComment()
    {
        AuthorId = AuthorName = Text = string.Empty;
    }

    internal CaseComment(string authorId, string authorName, string text, DateTime at)
    {
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text;
        At = at;
    }

    public int Id { get; private set; }

    public string AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    public string Text { get; private set; }

    public DateTime At { get; private set; }
}

/// <summary>One line of the case's timeline: who did what, when.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
        ActorId = ActorName = Action = string.Empty;
    }

    internal TimelineEntry(DateTime at, string actorId, string actorName, string action, CaseState fromState, CaseState toState, string? detail)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        FromState = fromState;
        ToState = toState;
        Detail = detail;
    }

    public int Id { get; private set; }

    public DateTime At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A <see cref="CaseTrigger"/> name, or Opened / ItemAttached for what happens outside the table.</summary>
    public string Action { get; private set; }

    public CaseState FromState { get; private set; }

    public CaseState ToState { get; private set; }

    public string? Detail { get; private set; }
}

public sealed class CaseCoUnit
{
    private CaseCoUnit()
    {
    }

    internal CaseCoUnit(int unitId)
    {
        UnitId = unitId;
    }

    public int UnitId { get; private set; }
}
