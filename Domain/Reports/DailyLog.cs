using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Reports;

/// <summary>
/// 舆情日志 (policy 二（二）、二（四）): one per Beijing day. The system compiles the day's figures (kept as they were at
/// compiling, as JSON the App writes); the duty officer recompiles and writes the 要情摘要 until the 带班领导 of that day
/// signs it off. A signed log is kept as signed: the methods refuse any change.
/// </summary>
public sealed class DailyLog
{
    private DailyLog()
    {
        Figures = Summary = CompiledById = CompiledByName = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The Beijing calendar day the log covers (unique).</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The compiled figures as JSON (counts by channel, new cases, state changes, clocks due).</summary>
    public string Figures { get; private set; }

    /// <summary>要情摘要: the duty officer's own words.</summary>
    public string Summary { get; private set; }

    public string CompiledById { get; private set; }

    public string CompiledByName { get; private set; }

    public DateTime CompiledAt { get; private set; }

    public int Version { get; private set; }

    public string? SignedById { get; private set; }

    public string? SignedByName { get; private set; }

    public DateTime? SignedAt { get; private set; }

    public bool IsSigned => SignedAt is not null;

    public static DailyLog Compile(DateOnly day, string figures, Actor actor, DateTime now)
    {
        var log = new DailyLog { Day = day };
        log.Recompile(figures, actor, now);
        return log;
    }

    public void Recompile(string figures, Actor actor, DateTime now)
    {
        EnsureOpen();
        Figures = figures;
        CompiledById = actor.UserId;
        CompiledByName = actor.DisplayName;
        CompiledAt = now;
        Version++;
    }

    public void EditSummary(string summary)
    {
        EnsureOpen();
        Summary = summary.Trim();
        Version++;
    }

    /// <summary>
    /// Signed off by <paramref name="actor"/>, whom the caller has found as 带班领导 of a shift of the day
    /// (<paramref name="isLeaderOfTheDay"/>): the roster says who, not the role alone.
    /// </summary>
    public void SignOff(Actor actor, bool isLeaderOfTheDay, DateTime now)
    {
        EnsureOpen();
        if (!isLeaderOfTheDay)
        {
            throw new DomainException(ReportErrors.NotLeaderOnDuty, $"{actor.DisplayName} was not 带班领导 on {Day}.");
        }

        SignedById = actor.UserId;
        SignedByName = actor.DisplayName;
        SignedAt = now;
        Version++;
    }

    private void EnsureOpen()
    {
        if (IsSigned)
        {
            throw new DomainException(ReportErrors.Signed, $"The daily log of {Day} is signed and cannot change.");
        }
    }
}
