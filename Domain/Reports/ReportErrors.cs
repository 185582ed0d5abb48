namespace OpinionResponse.Domain.Reports;

/// <summary>Why a report refuses a change; the UI turns each code into a message (resource key <c>Error.{code}</c>).</summary>
public static class ReportErrors
{
    public const string Signed = "report.signed";
    public const string SignerIsDrafter = "report.signer_is_drafter";
    public const string SectionsRequired = "report.sections_required";
    public const string NotLeaderOnDuty = "report.not_leader_on_duty";
    public const string DayNotOver = "report.day_not_over";
}
