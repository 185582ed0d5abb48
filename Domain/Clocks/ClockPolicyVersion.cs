using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Clocks;

/// <summary>Why a clock policy or a breach record refuses a change; the UI turns the code into a message.</summary>
public static class ClockErrors
{
    public const string DurationNotPositive = "clock.duration_not_positive";
    public const string WarningOutOfRange = "clock.warning_out_of_range";
    public const string NotResponsible = "breach.not_responsible";
    public const string NotBreach = "breach.not_a_breach";
    public const string EffectChecksOutOfOrder = "clock.effect_checks_out_of_order";
    public const string ReboundWindowNotPositive = "clock.rebound_window_not_positive";
}

/// <summary>
/// One saved version of the clock policy. Versions are only ever added: a clock keeps the durations of the version that
/// was in force when it started (<see cref="ClockPolicyHistory"/>), so editing the policy never moves a deadline already
/// given to a case.
/// </summary>
public sealed class ClockPolicyVersion
{
    private ClockPolicyVersion()
    {
        ChangedById = ChangedByName = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>1, 2, 3… unique.</summary>
    public int Version { get; private set; }

    /// <summary>Clocks that start at or after this moment use this version.</summary>
    public DateTime EffectiveFrom { get; private set; }

    public string ChangedById { get; private set; }

    public string ChangedByName { get; private set; }

    public TimeSpan Triage { get; private set; }

    public TimeSpan Assessment { get; private set; }

    public TimeSpan UpwardReport { get; private set; }

    public TimeSpan AuthoritativeInformation { get; private set; }

    public TimeSpan PressConference { get; private set; }

    public TimeSpan Response { get; private set; }

    public double WarningFraction { get; private set; }

    // Null in versions saved before the effect checks and the rebound window were data: those read as the defaults.
    public TimeSpan? EffectFirstCheck { get; private set; }

    public TimeSpan? EffectSecondCheck { get; private set; }

    public TimeSpan? ReboundWindow { get; private set; }

    /// <summary>Saves <paramref name="policy"/> as version <paramref name="version"/>, in force from <paramref name="now"/>.</summary>
    public static ClockPolicyVersion Create(int version, SlaPolicy policy, Actor actor, DateTime now)
    {
        if (policy.Problems() is [var first, ..])
        {
            throw new DomainException(first.Split(':')[0], $"Clock policy refused: {first}.");
        }

        return new ClockPolicyVersion
        {
            Version = version,
            EffectiveFrom = now,
            ChangedById = actor.UserId,
            ChangedByName = actor.DisplayName,
            Triage = policy.Triage,
            Assessment = policy.Assessment,
            UpwardReport = policy.UpwardReport,
            AuthoritativeInformation = policy.AuthoritativeInformation,
            PressConference = policy.PressConference,
            Response = policy.Response,
            WarningFraction = policy.WarningFraction,
            EffectFirstCheck = policy.EffectFirstCheck,
            EffectSecondCheck = policy.EffectSecondCheck,
            ReboundWindow = policy.ReboundWindow,
        };
    }

    public SlaPolicy ToPolicy() => new()
    {
        Version = Version,
        Triage = Triage,
        Assessment = Assessment,
        UpwardReport = UpwardReport,
        AuthoritativeInformation = AuthoritativeInformation,
        PressConference = PressConference,
        Response = Response,
        WarningFraction = WarningFraction,
        EffectFirstCheck = EffectFirstCheck ?? SlaPolicy.Default.EffectFirstCheck,
        EffectSecondCheck = EffectSecondCheck ?? SlaPolicy.Default.EffectSecondCheck,
        ReboundWindow = ReboundWindow ?? SlaPolicy.Default.ReboundWindow,
    };
}

/// <summary>Every saved version over the configured defaults: which policy a clock that started at a given moment follows.</summary>
public sealed class ClockPolicyHistory
{
    private readonly SlaPolicy[] versions;
    private readonly DateTime[] from;

    public ClockPolicyHistory(SlaPolicy defaults, IEnumerable<ClockPolicyVersion> saved)
    {
        var ordered = saved.OrderBy(v => v.Version).ToList();
        versions = [defaults with { Version = 0 }, .. ordered.Select(v => v.ToPolicy())];
        from = [DateTime.MinValue, .. ordered.Select(v => v.EffectiveFrom)];
    }

    /// <summary>The newest version: what a clock starting now gets.</summary>
    public SlaPolicy Current => versions[^1];

    public IReadOnlyList<SlaPolicy> Versions => versions;

    /// <summary>Each version with the moment it came into force (the defaults from the beginning of time), oldest first.</summary>
    public IEnumerable<(DateTime From, SlaPolicy Policy)> Periods => from.Zip(versions);

    /// <summary>The version in force at <paramref name="startedAt"/>.</summary>
    public SlaPolicy At(DateTime startedAt)
    {
        for (var i = versions.Length - 1; i > 0; i--)
        {
            if (from[i] <= startedAt)
            {
                return versions[i];
            }
        }

        return versions[0];
    }
}
