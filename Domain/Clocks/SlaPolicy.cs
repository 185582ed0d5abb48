namespace OpinionResponse.Domain.Clocks;

/// <summary>
/// The deadlines of DESIGN §2.2 ("不漏报、不迟报") as data. The defaults are the State Council General Office's where it
/// sets one and the town's own otherwise; the App binds them from the "Sla" section of appsettings.json.
/// </summary>
public sealed record SlaPolicy
{
    public static SlaPolicy Default { get; } = new();

    /// <summary>
    /// The clocks whose length the policy sets, in the order the work meets them (the policy page's rows). A task's (转办)
    /// length is its due time, chosen when it is assigned; only its warning share comes from the policy.
    /// </summary>
    public static IReadOnlyList<ClockKind> Kinds { get; } = Enum.GetValues<ClockKind>().Where(k => k != ClockKind.Task).ToList();

    /// <summary>
    /// Which saved version this is (<see cref="ClockPolicyVersion"/>); 0 for the configured defaults, which apply to
    /// everything that started before the first version was saved.
    /// </summary>
    public int Version { get; init; }

    /// <summary>Local default: an item is triaged within 30 minutes of being collected.</summary>
    public TimeSpan Triage { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Local default: a case is assessed (CompleteAssessment) within 2 hours of being opened.</summary>
    public TimeSpan Assessment { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Local default: a 重大/特别重大 case is reported to the higher level within 1 hour of its assessment.</summary>
    public TimeSpan UpwardReport { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// 国办发〔2016〕80号 (implementation rules): for 特别重大/重大 emergencies, authoritative information within 5 hours.
    /// </summary>
    public TimeSpan AuthoritativeInformation { get; init; } = TimeSpan.FromHours(5);

    /// <summary>国办发〔2016〕80号: for 特别重大/重大 emergencies, a press conference within 24 hours.</summary>
    public TimeSpan PressConference { get; init; } = TimeSpan.FromHours(24);

    /// <summary>国办发〔2016〕61号: other government-affairs public opinion is answered within 48 hours.</summary>
    public TimeSpan Response { get; init; } = TimeSpan.FromHours(48);

    /// <summary>The share of its time a clock may use before it warns (DESIGN §2.2: at 75% it warns the owner).</summary>
    public double WarningFraction { get; init; } = 0.75;

    /// <summary>回应效果评估: the first look at a published response's effect, 24 hours after its publication.</summary>
    public TimeSpan EffectFirstCheck { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The second look, 72 hours after the publication: later than the first.</summary>
    public TimeSpan EffectSecondCheck { get; init; } = TimeSpan.FromHours(72);

    /// <summary>舆情反弹: how long after its close a new item grouped to a case raises a rebound alert.</summary>
    public TimeSpan ReboundWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The two effect checks after a publication, in order (stage 1, stage 2).</summary>
    public IReadOnlyList<TimeSpan> EffectChecks => [EffectFirstCheck, EffectSecondCheck];

    public TimeSpan DurationOf(ClockKind kind) => kind switch
    {
        ClockKind.Triage => Triage,
        ClockKind.Assessment => Assessment,
        ClockKind.UpwardReport => UpwardReport,
        ClockKind.AuthoritativeInformation => AuthoritativeInformation,
        ClockKind.PressConference => PressConference,
        ClockKind.Response => Response,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The same policy with the duration of <paramref name="kind"/> replaced.</summary>
    public SlaPolicy With(ClockKind kind, TimeSpan duration) => kind switch
    {
        ClockKind.Triage => this with { Triage = duration },
        ClockKind.Assessment => this with { Assessment = duration },
        ClockKind.UpwardReport => this with { UpwardReport = duration },
        ClockKind.AuthoritativeInformation => this with { AuthoritativeInformation = duration },
        ClockKind.PressConference => this with { PressConference = duration },
        ClockKind.Response => this with { Response = duration },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>What makes this policy unusable: a clock of zero or negative length, or a warning not strictly between 0 and 100 %.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = Kinds.Where(k => DurationOf(k) <= TimeSpan.Zero).Select(k => $"{ClockErrors.DurationNotPositive}:{k}").ToList();
        if (WarningFraction is <= 0 or >= 1 || double.IsNaN(WarningFraction))
        {
            problems.Add(ClockErrors.WarningOutOfRange);
        }

        if (EffectFirstCheck <= TimeSpan.Zero || EffectSecondCheck <= EffectFirstCheck)
        {
            problems.Add(ClockErrors.EffectChecksOutOfOrder);
        }

        if (ReboundWindow <= TimeSpan.Zero)
        {
            problems.Add(ClockErrors.ReboundWindowNotPositive);
        }

        return problems;
    }

    /// <summary>A clock of <paramref name="kind"/> that started at <paramref name="startedAt"/> and is still running.</summary>
    public SlaClock Running(ClockKind kind, DateTime startedAt, DateTime now) =>
        SlaClock.Create(kind, startedAt, startedAt + DurationOf(kind), WarningFraction, null, null, now);
}
