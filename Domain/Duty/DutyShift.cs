using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Duty;

/// <summary>Why the roster refuses a shift; the UI turns the code into a message naming the field.</summary>
public static class DutyErrors
{
    public const string LeaderRequired = "duty.leader_required";
    public const string OfficerRequired = "duty.officer_required";
    public const string EndBeforeStart = "duty.end_before_start";
    public const string Overlap = "duty.overlap";
    public const string TooLong = "duty.too_long";
    public const string HandoverClosed = "handover.closed";
    public const string HandoverNotClosed = "handover.not_closed";
    public const string HandoverNotYours = "handover.not_yours";
}

/// <summary>One person on a shift: who, and the phone the desk reaches them on (policy 二（四）: 24小时联络畅通).</summary>
public sealed record DutyPerson(string UserId, string Name, string Phone);

/// <summary>
/// One shift of the duty roster (值班表, policy 二（四）): from <see cref="StartsAt"/> up to, not including,
/// <see cref="EndsAt"/> (so at a midnight change the new shift is on duty at 00:00), with its 带班领导 and 值班员.
/// </summary>
public sealed class DutyShift
{
    public static readonly TimeSpan LongestShift = TimeSpan.FromHours(24);

    private DutyShift()
    {
        LeaderId = LeaderName = LeaderPhone = OfficerId = OfficerName = OfficerPhone = string.Empty;
    }

    public int Id { get; private set; }

    public DateTime StartsAt { get; private set; }

    public DateTime EndsAt { get; private set; }

    public string LeaderId { get; private set; }

    public string LeaderName { get; private set; }

    public string LeaderPhone { get; private set; }

    public string OfficerId { get; private set; }

    public string OfficerName { get; private set; }

    public string OfficerPhone { get; private set; }

    public DutyPerson Leader => new(LeaderId, LeaderName, LeaderPhone);

    public DutyPerson Officer => new(OfficerId, OfficerName, OfficerPhone);

    public bool Covers(DateTime at) => StartsAt <= at && at < EndsAt;

    public bool Overlaps(DateTime startsAt, DateTime endsAt) => StartsAt < endsAt && startsAt < EndsAt;

    public IEnumerable<string> PeopleIds => [LeaderId, OfficerId];

    /// <summary>
    /// A new shift, refused when it has no 带班领导 or 值班员, ends before it starts, lasts over a day, or puts a person
    /// on two shifts at once (<paramref name="others"/>: the shifts already planned).
    /// </summary>
    public static DutyShift Plan(DateTime startsAt, DateTime endsAt, DutyPerson? leader, DutyPerson? officer, IEnumerable<DutyShift> others)
    {
        if (leader is null || string.IsNullOrWhiteSpace(leader.UserId))
        {
            throw new DomainException(DutyErrors.LeaderRequired, "A shift needs a 带班领导.");
        }

        if (officer is null || string.IsNullOrWhiteSpace(officer.UserId))
        {
            throw new DomainException(DutyErrors.OfficerRequired, "A shift needs a 值班员.");
        }

        if (endsAt <= startsAt)
        {
            throw new DomainException(DutyErrors.EndBeforeStart, "A shift ends after it starts.");
        }

        if (endsAt - startsAt > LongestShift)
        {
            throw new DomainException(DutyErrors.TooLong, "A shift lasts at most a day.");
        }

        var people = new[] { leader.UserId, officer.UserId };
        if (others.FirstOrDefault(o => o.Overlaps(startsAt, endsAt) && o.PeopleIds.Intersect(people).Any()) is { } clash)
        {
            throw new DomainException(DutyErrors.Overlap, $"Shift {clash.Id} already has one of these people at that time.");
        }

        return new DutyShift
        {
            StartsAt = startsAt,
            EndsAt = endsAt,
            LeaderId = leader.UserId,
            LeaderName = leader.Name.Trim(),
            LeaderPhone = leader.Phone.Trim(),
            OfficerId = officer.UserId,
            OfficerName = officer.Name.Trim(),
            OfficerPhone = officer.Phone.Trim(),
        };
    }

    /// <summary>The same people a whole number of days later (copying a week).</summary>
    public DutyShift ShiftedBy(TimeSpan offset, IEnumerable<DutyShift> others) =>
        Plan(StartsAt + offset, EndsAt + offset, Leader, Officer, others);
}

/// <summary>The roster as a whole: who is on duty at a moment, and the stretches nobody covers.</summary>
public static class DutyRosterRules
{
    /// <summary>The shifts on duty at <paramref name="at"/> (normally one).</summary>
    public static IReadOnlyList<DutyShift> OnDutyAt(IEnumerable<DutyShift> shifts, DateTime at) => shifts.Where(s => s.Covers(at)).ToList();

    /// <summary>Every stretch of [<paramref name="from"/>, <paramref name="to"/>) that no shift covers, in order.</summary>
    public static IReadOnlyList<(DateTime From, DateTime To)> Gaps(IEnumerable<DutyShift> shifts, DateTime from, DateTime to)
    {
        var gaps = new List<(DateTime, DateTime)>();
        var covered = from;
        foreach (var shift in shifts.Where(s => s.Overlaps(from, to)).OrderBy(s => s.StartsAt))
        {
            if (shift.StartsAt > covered)
            {
                gaps.Add((covered, shift.StartsAt));
            }

            if (shift.EndsAt > covered)
            {
                covered = shift.EndsAt;
            }
        }

        if (covered < to)
        {
            gaps.Add((covered, to));
        }

        return gaps;
    }
}
