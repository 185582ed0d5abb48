using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpinionResponse.Infrastructure.Import;

namespace OpinionResponse.Tests.Intake.Import;

/// <summary>Spreadsheet files as tests need them: CSV text in a chosen encoding, .xlsx written with the Open XML SDK, the committed fixtures.</summary>
public static class SampleFiles
{
    public static Encoding Gb18030 { get; } = TextDecoding.Gb18030;

    public static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>What Chinese Excel writes for "CSV (逗号分隔)": GB18030 (a superset of GBK), no byte order mark.</summary>
    public static byte[] Gbk(string text) => Gb18030.GetBytes(text);

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Import", "Fixtures", name));

    /// <summary>
    /// One worksheet: strings go to the shared-string table (or inline with <paramref name="inlineStrings"/>), numbers are
    /// numbers, <see cref="DateTime"/>s are OLE Automation dates in a date format, null leaves the cell out (its column stays).
    /// </summary>
    public static byte[] Xlsx(IEnumerable<object?[]> rows, bool inlineStrings = false, string? secondSheetText = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 22, ApplyNumberFormat = true }) { Count = 2 });
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();

            var sheetData = new SheetData();
            var number = 0u;
            foreach (var values in rows)
            {
                number++;
                var row = new Row { RowIndex = number };
                for (var c = 0; c < values.Length; c++)
                {
                    if (values[c] is not { } value)
                    {
                        continue;
                    }

                    var cell = new Cell { CellReference = SheetTable.ColumnLetter(c) + number };
                    switch (value)
                    {
                        case string text when inlineStrings:
                            cell.DataType = CellValues.InlineString;
                            cell.InlineString = new InlineString(new Text(text));
                            break;
                        case string text:
                            if (!index.TryGetValue(text, out var i))
                            {
                                i = index[text] = index.Count;
                                shared.SharedStringTable.AppendChild(new SharedStringItem(new Text(text)));
                            }

                            cell.DataType = CellValues.SharedString;
                            cell.CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture));
                            break;
                        case DateTime time:
                            cell.StyleIndex = 1;
                            cell.CellValue = new CellValue(time.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                            break;
                        default:
                            cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                            break;
                    }

                    row.AppendChild(cell);
                }

                sheetData.AppendChild(row);
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var first = workbook.AddNewPart<WorksheetPart>();
            first.Worksheet = new Worksheet(sheetData);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(first), SheetId = 1, Name = "Sheet1" });
            if (secondSheetText is not null)
            {
                var second = workbook.AddNewPart<WorksheetPart>();
                var cell = new Cell
                {
                    CellReference = "A1",
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(secondSheetText)),
                };
                second.Worksheet = new Worksheet(new SheetData(new Row(cell) { RowIndex = 1 }));
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(second), SheetId = 2, Name = "Sheet2" });
            }
        }

        return stream.ToArray();
    }
}
