using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>The blank template officers fill in: the Chinese headers of <see cref="ImportColumns.Template"/>.</summary>
public static class ImportTemplate
{
    /// <summary>UTF-8 with a byte order mark: without it Chinese Excel reads the file as GBK and shows mojibake.</summary>
    public static byte[] Csv()
    {
        var header = string.Join(',', ImportColumns.Template.Select(c => c.Header)) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(header)];
    }

    /// <summary>The headers on the first sheet (the one that is imported), and notes on how to fill it in on a second.</summary>
    public static byte[] Xlsx(string itemsSheetName, string notesSheetName, IReadOnlyList<string> notes)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var stylesPart = workbook.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            var items = workbook.AddNewPart<WorksheetPart>();
            var columns = new Columns(ImportColumns.Template.Select((c, i) => new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = c.Field is ImportField.Content ? 60 : c.Field is ImportField.Title or ImportField.Url ? 30 : c.Field is ImportField.PublishedAt ? 18 : 12,
                CustomWidth = true,
            }));
            items.Worksheet = new Worksheet(columns, new SheetData(TextRow(1, ImportColumns.Template.Select(c => c.Header), styleIndex: 1)));
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(items), SheetId = 1, Name = itemsSheetName });

            var help = workbook.AddNewPart<WorksheetPart>();
            help.Worksheet = new Worksheet(
                new Columns(new Column { Min = 1, Max = 1, Width = 100, CustomWidth = true }),
                new SheetData(notes.Select((note, i) => TextRow((uint)(i + 1), [note], styleIndex: 0))));
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(help), SheetId = 2, Name = notesSheetName });
        }

        return stream.ToArray();
    }

    private static Row TextRow(uint number, IEnumerable<string> values, uint styleIndex) =>
        new(values.Select((value, i) => new Cell
        {
            CellReference = SheetTable.ColumnLetter(i) + number,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(value)),
            StyleIndex = styleIndex,
        }))
        { RowIndex = number };

    /// <summary>Style 0: plain; style 1: bold, for the header row.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
