using OpinionResponse.Domain.Reports;

namespace OpinionResponse.Infrastructure.Reports;

/// <summary>
/// One report as every output sees it: the page and its print view, the DOCX and the XLSX of its tables are all
/// rendered from this, so what is printed, downloaded and shown cannot drift apart.
/// </summary>
/// <param name="Issuer">The 红头 line (北岸镇政务舆情专报); printed in red above the rule.</param>
/// <param name="Number">The 编号 (北岸舆专〔2026〕3号), or null for a draft.</param>
/// <param name="Signer">签发人 / 签阅人, or null while unsigned.</param>
/// <param name="DateLine">The issuing date or period, as the reader reads it.</param>
public sealed record ReportDocument(
    string FileName,
    string Issuer,
    string Title,
    string? Number,
    string? Signer,
    string? DateLine,
    IReadOnlyList<ReportSection> Sections)
{
    public IEnumerable<ReportTable> Tables => Sections.SelectMany(s => s.Tables);
}

/// <summary>A numbered section (一、基本情况) with its paragraphs and tables.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<ReportTable> Tables)
{
    public ReportSection(string heading, params string[] paragraphs)
        : this(heading, paragraphs, [])
    {
    }
}

/// <summary>A table; each cell is a string, a number or a <see cref="Share"/> (a rate, written to XLSX as a number in a percent format).</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>How a cell reads on the page and in Word: rates as percentages with one decimal, nothing as "—".</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "—",
        Share share => Percent(share),
        double d => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    /// <summary>87.5%, or "—" when nothing was counted.</summary>
    public static string Percent(Share share) =>
        share.Value is { } v ? (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
