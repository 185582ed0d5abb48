namespace OpinionResponse.Domain.Clocks;

public enum ClockKind
{
    Triage,
    Assessment,
    UpwardReport,
    AuthoritativeInformation,
    PressConference,
    Response,

    /// <summary>转办: a task's due time, set by whoever assigned it (not a policy duration).</summary>
    Task,
}

/// <summary>Where a clock stands: running (green), warning (amber, ≥75%), breached (red, ≥100%), or stopped.</summary>
public enum ClockState
{
    Running,
    Warning,
    Breached,
    Met,
    MetLate,

    /// <summary>The case was closed, dismissed or merged before the clock was due and before its condition was met.</summary>
    Stopped,
}

public enum ClockStop
{
    /// <summary>What the clock waited for happened.</summary>
    Met,

    /// <summary>The case was closed, dismissed or merged first.</summary>
    CaseEnded,
}

/// <summary>
/// One SLA clock. <see cref="State"/> is as of the moment it was computed; a countdown on screen asks <see cref="StateAt"/>
/// again as time passes. A clock stopped when its case ended after the due time stays <see cref="ClockState.Breached"/>:
/// the breach happened and counts in the performance assessment (考核).
/// </summary>
public sealed record SlaClock(ClockKind Kind, DateTime StartedAt, DateTime DueAt, DateTime WarnAt, DateTime? StoppedAt, ClockStop? Stop,
    ClockState State)
{
    public bool IsRunning => StoppedAt is null;

    public static SlaClock Create(ClockKind kind, DateTime startedAt, DateTime dueAt, double warningFraction, DateTime? stoppedAt,
        ClockStop? stop, DateTime now)
    {
        var warnAt = startedAt + (dueAt - startedAt) * Math.Clamp(warningFraction, 0, 1);
        var clock = new SlaClock(kind, startedAt, dueAt, warnAt, stoppedAt, stoppedAt is null ? null : stop ?? ClockStop.Met, ClockState.Running);
        return clock with { State = clock.StateAt(now) };
    }

    public ClockState StateAt(DateTime now) => (StoppedAt, Stop) switch
    {
        (null, _) when now >= DueAt => ClockState.Breached,
        (null, _) when now >= WarnAt => ClockState.Warning,
        (null, _) => ClockState.Running,
        ({ } stopped, ClockStop.CaseEnded) => stopped >= DueAt ? ClockState.Breached : ClockState.Stopped,
        ({ } stopped, _) => stopped >= DueAt ? ClockState.MetLate : ClockState.Met,
    };

    /// <summary>The same clock as seen at <paramref name="now"/>.</summary>
    public SlaClock At(DateTime now) => this with { State = StateAt(now) };

    /// <summary>Time left until due (negative once overdue), counted to the stop for a stopped clock.</summary>
    public TimeSpan RemainingAt(DateTime now) => DueAt - (StoppedAt ?? now);
}
