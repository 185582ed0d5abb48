using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Duty;

/// <summary>
/// 交接班: the outgoing duty officer closes the shift with a note; the system's list of what is open at that moment
/// (untriaged items, clocks due in the next shift, cases waiting for a signature) is kept with it as it was; the incoming
/// officer acknowledges it. Handovers are never deleted.
/// </summary>
public sealed class Handover
{
    private Handover()
    {
        ClosedById = ClosedByName = Note = OpenWork = string.Empty;
    }

    public int Id { get; private set; }

    public int? ShiftId { get; private set; }

    public string ClosedById { get; private set; }

    public string ClosedByName { get; private set; }

    public DateTime ClosedAt { get; private set; }

    public string Note { get; private set; }

    /// <summary>The open work at closing, one line each, as the system listed it (JSON lines written by the App).</summary>
    public string OpenWork { get; private set; }

    public int UntriagedCount { get; private set; }

    public string? AcknowledgedById { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public DateTime? AcknowledgedAt { get; private set; }

    public bool IsAcknowledged => AcknowledgedAt is not null;

    public static Handover Close(Actor actor, int? shiftId, string note, int untriagedCount, string openWork, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException(DomainErrors.CommentRequired, "A handover needs a note.");
        }

        return new Handover
        {
            ShiftId = shiftId,
            ClosedById = actor.UserId,
            ClosedByName = actor.DisplayName,
            ClosedAt = now,
            Note = note.Trim(),
            UntriagedCount = untriagedCount,
            OpenWork = openWork,
        };
    }

    /// <summary>The incoming officer takes over: once, and not the one who handed over.</summary>
    public void Acknowledge(Actor actor, DateTime now)
    {
        if (IsAcknowledged)
        {
            throw new DomainException(DutyErrors.HandoverClosed, $"Handover {Id} was already acknowledged.");
        }

        if (actor.UserId == ClosedById)
        {
            throw new DomainException(DutyErrors.HandoverNotYours, "The outgoing officer cannot acknowledge their own handover.");
        }

        AcknowledgedById = actor.UserId;
        AcknowledgedByName = actor.DisplayName;
        AcknowledgedAt = now;
    }
}
