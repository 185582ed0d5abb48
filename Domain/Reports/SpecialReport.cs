using System.Globalization;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Reports;

/// <summary>
/// 舆情专报 (policy 二（二）): a special report on one case in 公文 style, drafted from the case, edited by the analyst and
/// signed (签发) by a chief. Its 编号 is given at signing, per year without gaps (the database holds (Year, Serial)
/// unique; the signing command retries on a clash). Once signed nothing in it changes: the methods refuse.
/// </summary>
public sealed class SpecialReport
{
    /// <summary>The issuing desk's short name in the 编号 (北岸舆专〔2026〕3号).</summary>
    public const string NumberPrefix = "北岸舆专";

    private SpecialReport()
    {
        Title = BasicFacts = Assessment = Disposal = NextSteps = DraftedById = DraftedByName = string.Empty;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    /// <summary>The case's responsible unit when drafted: the unit scope of the report.</summary>
    public int UnitId { get; private set; }

    public string Title { get; private set; }

    /// <summary>一、基本情况.</summary>
    public string BasicFacts { get; private set; }

    /// <summary>二、研判意见.</summary>
    public string Assessment { get; private set; }

    /// <summary>三、处置情况.</summary>
    public string Disposal { get; private set; }

    /// <summary>四、下步建议.</summary>
    public string NextSteps { get; private set; }

    public string DraftedById { get; private set; }

    public string DraftedByName { get; private set; }

    public DateTime DraftedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Concurrency token: two editors cannot overwrite each other unseen.</summary>
    public int Version { get; private set; }

    public int? Year { get; private set; }

    public int? Serial { get; private set; }

    public string? SignedById { get; private set; }

    /// <summary>签发人.</summary>
    public string? SignedByName { get; private set; }

    public DateTime? SignedAt { get; private set; }

    public bool IsSigned => SignedAt is not null;

    /// <summary>北岸舆专〔2026〕3号 once signed; null for a draft.</summary>
    public string? Number => Year is { } year && Serial is { } serial ? FormatNumber(year, serial) : null;

    public static string FormatNumber(int year, int serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{NumberPrefix}〔{year}〕{serial}号");

    public static SpecialReport Draft(int caseId, int unitId, Actor actor, DateTime now, string title, string basicFacts, string assessment,
        string disposal, string nextSteps)
    {
        var report = new SpecialReport
        {
            CaseId = caseId,
            UnitId = unitId,
            DraftedById = actor.UserId,
            DraftedByName = actor.DisplayName,
            DraftedAt = now,
            Version = 0,
        };
        report.Edit(now, title, basicFacts, assessment, disposal, nextSteps);
        return report;
    }

    public void Edit(DateTime now, string title, string basicFacts, string assessment, string disposal, string nextSteps)
    {
        EnsureDraft();
        if (new[] { title, basicFacts, assessment, disposal, nextSteps }.Any(string.IsNullOrWhiteSpace))
        {
            throw new DomainException(ReportErrors.SectionsRequired, "A special report needs a title and its four sections.");
        }

        Title = title.Trim();
        BasicFacts = basicFacts.Trim();
        Assessment = assessment.Trim();
        Disposal = disposal.Trim();
        NextSteps = nextSteps.Trim();
        UpdatedAt = now;
        Version++;
    }

    /// <summary>签发: numbered <paramref name="serial"/> of <paramref name="year"/>; a chief never signs a report they drafted.</summary>
    public void Sign(Actor actor, DateTime now, int year, int serial)
    {
        EnsureDraft();
        if (actor.UserId == DraftedById)
        {
            throw new DomainException(ReportErrors.SignerIsDrafter, "The drafter cannot sign their own report.");
        }

        Year = year;
        Serial = serial;
        SignedById = actor.UserId;
        SignedByName = actor.DisplayName;
        SignedAt = now;
        UpdatedAt = now;
        Version++;
    }

    private void EnsureDraft()
    {
        if (IsSigned)
        {
            throw new DomainException(ReportErrors.Signed, $"Special report {Number} is signed and cannot change.");
        }
    }
}
