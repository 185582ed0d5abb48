using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Import;

namespace OpinionResponse.Infrastructure.Reports;

/// <summary>
/// The tables of a <see cref="ReportDocument"/> as a workbook, one sheet each: a bold header row, numbers as numbers,
/// rates as numbers in a percent format (so Excel and WPS can sort and sum them), text as inline strings (never formulas).
/// </summary>
public static class XlsxWriter
{
    private const uint Plain = 0;
    private const uint Header = 1;
    private const uint Percent = 2;

    public static byte[] Write(IEnumerable<ReportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint sheetId = 0;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData(RowOf(1, table.Headers.Cast<object?>().ToList(), Header));
                for (var i = 0; i < table.Rows.Count; i++)
                {
                    data.Append(RowOf((uint)(i + 2), table.Rows[i], Plain));
                }

                var columns = new Columns(table.Headers.Select((h, i) => new Column
                {
                    Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Clamp(h.Length * 2.2 + 4, 10, 60), CustomWidth = true,
                }));
                part.Worksheet = new Worksheet(columns, data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = ++sheetId, Name = SheetName(table.Name, sheetId, names) });
            }
        }

        return stream.ToArray();
    }

    /// <summary>At most 31 characters, none of <c>[]:*?/\</c>, unique in the workbook (Excel refuses the file otherwise).</summary>
    private static string SheetName(string name, uint id, HashSet<string> taken)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray()).Trim();
        clean = clean.Length == 0 ? $"Sheet{id}" : clean[..Math.Min(clean.Length, 28)];
        var candidate = clean;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{clean}{n}";
        }

        return candidate;
    }

    private static Row RowOf(uint number, IReadOnlyList<object?> values, uint style) =>
        new(values.Select((value, i) => CellOf(SheetTable.ColumnLetter(i) + number, value, style))) { RowIndex = number };

    private static Cell CellOf(string reference, object? value, uint style) => value switch
    {
        null => new Cell { CellReference = reference, StyleIndex = style },
        Share { Value: null } => new Cell { CellReference = reference, StyleIndex = style },
        Share share => Number(reference, share.Value!.Value, Percent),
        int or long or double or decimal => Number(reference, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), style),
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(ReportTable.Text(value))),
            StyleIndex = style,
        },
    };

    private static Cell Number(string reference, double value, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.Number,
        CellValue = new CellValue(value),
        StyleIndex = style,
    };

    /// <summary>0 plain, 1 bold (header), 2 percent with one decimal.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "0.0%" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164U, ApplyNumberFormat = true }) { Count = 3 });
}
