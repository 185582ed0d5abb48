using System.Globalization;
using OpinionResponse.App.Features.Reports.Bulletins;
using OpinionResponse.Domain.Reports;

namespace OpinionResponse.App.Features.Reports.Documents;

public enum ReportKind
{
    Special,
    DailyLog,
    Bulletin,
    Performance,
}

public enum ReportFormat
{
    Docx,
    Xlsx,
}

/// <summary>
/// Which report, as the print view and the download address name it: the kind and what picks it out (a 专报's id, a
/// log's day, a 通报's period, day and unit, a 考核's days, grouping and unit).
/// </summary>
public sealed record ReportRef(ReportKind Kind, int? Id = null, DateOnly? Day = null, BulletinPeriod? Period = null, DateOnly? From = null,
    DateOnly? To = null, int? UnitId = null, PerformanceGrouping? By = null)
{
    /// <summary>The query string of the print view and the download: only what is set.</summary>
    public string Query()
    {
        var parts = new Dictionary<string, string?>
        {
            ["kind"] = Kind.ToString(),
            ["id"] = Id?.ToString(CultureInfo.InvariantCulture),
            ["day"] = Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["period"] = Period?.ToString(),
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["unit"] = UnitId?.ToString(CultureInfo.InvariantCulture),
            ["by"] = By?.ToString(),
        };
        return string.Join('&', parts.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    public string PrintHref => $"reports/print?{Query()}";

    public string DownloadHref(ReportFormat format) => $"{ReportExportEndpoint.Path.TrimStart('/')}/{format}?{Query()}";
}
