using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>
/// The first worksheet of an .xlsx as text: shared and inline strings, numbers in invariant form, date-formatted numbers as
/// <c>yyyy-MM-dd HH:mm:ss</c> (Excel stores dates as OLE Automation dates; the format makes them dates), cells placed by
/// their reference so empty cells in between keep the columns aligned. The package is inflated once with a byte count
/// before the SDK sees it, so a zip bomb is refused by what it really inflates to, not by the sizes it declares.
/// </summary>
public static class XlsxSheetReader
{
    /// <summary>Built-in number formats that are dates or times, including those Chinese Excel adds (27–36, 50–58).</summary>
    private static readonly HashSet<uint> BuiltInDateFormats =
        [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    public static SheetTable Read(byte[] bytes, ImportLimits limits)
    {
        GuardInflatedSize(bytes, limits);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings
            {
                MaxCharactersInPart = limits.MaxUncompressedBytes,
            });
            var workbook = document.WorkbookPart ?? throw new ImportFileException(ImportProblem.Unreadable, detail: "no workbook");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Id?.Value is not null)
                        ?? throw new ImportFileException(ImportProblem.Unreadable, detail: "no worksheet");
            if (workbook.GetPartById(sheet.Id!.Value!) is not WorksheetPart worksheet)
            {
                throw new ImportFileException(ImportProblem.Unreadable, detail: "the first sheet is not a worksheet");
            }

            var strings = ReadSharedStrings(workbook.SharedStringTablePart);
            var dateStyles = ReadDateStyles(workbook.WorkbookStylesPart);
            return new SheetTable(SheetFormat.Xlsx, null, ReadRows(worksheet, strings, dateStyles, limits));
        }
        catch (Exception ex) when (ex is not (ImportFileException or OperationCanceledException or OutOfMemoryException))
        {
            // Whatever a damaged or hostile package makes the SDK throw (bad zip, bad XML, a DTD, a missing part): not a workbook we read.
            throw new ImportFileException(ImportProblem.Unreadable, detail: ex.Message, inner: ex);
        }
    }

    private static void GuardInflatedSize(byte[] bytes, ImportLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                throw new ImportFileException(ImportProblem.Oversized, detail: $"{zip.Entries.Count} parts");
            }

            var total = 0L;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (total + entry.Length > limits.MaxUncompressedBytes)
                {
                    throw new ImportFileException(ImportProblem.Oversized, detail: $"{entry.FullName} declares {entry.Length} bytes");
                }

                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > limits.MaxUncompressedBytes)
                    {
                        throw new ImportFileException(ImportProblem.Oversized, detail: $"{entry.FullName} inflates past the limit");
                    }
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFileException(ImportProblem.Unreadable, detail: ex.Message, inner: ex);
        }
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            }
        }

        return strings;
    }

    /// <summary>Plain text, or the runs of rich text; phonetic guides (rPh) are not part of the value.</summary>
    private static string TextOf(OpenXmlElement item) =>
        item.GetFirstChild<Text>() is { } plain ? plain.Text : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    /// <summary>The indexes of the cell formats (a cell's <c>s</c>) that show a number as a date or time.</summary>
    private static HashSet<uint> ReadDateStyles(WorkbookStylesPart? part)
    {
        var dates = new HashSet<uint>();
        var stylesheet = part?.Stylesheet;
        if (stylesheet?.CellFormats is null)
        {
            return dates;
        }

        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? string.Empty) ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : BuiltInDateFormats.Contains(id))
            {
                dates.Add(index);
            }

            index++;
        }

        return dates;
    }

    /// <summary>A custom format is a date when, outside quoted text, escapes and [colour]/[locale] sections, it uses y, m, d, h or s.</summary>
    public static bool IsDateFormatCode(string code)
    {
        if (code.Equals("General", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var inQuotes = false;
        var inBrackets = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            switch (ch)
            {
                case '"':
                    inQuotes = !inQuotes;
                    continue;
                case '\\' or '_' or '*' when !inQuotes:
                    i++;
                    continue;
                case '[' when !inQuotes:
                    inBrackets = true;
                    continue;
                case ']' when !inQuotes:
                    inBrackets = false;
                    continue;
            }

            if (!inQuotes && !inBrackets && char.ToLowerInvariant(ch) is 'y' or 'm' or 'd' or 'h' or 's')
            {
                return true;
            }
        }

        return false;
    }

    private static List<SheetRow> ReadRows(WorksheetPart worksheet, List<string> strings, HashSet<uint> dateStyles, ImportLimits limits)
    {
        var rows = new List<SheetRow>();
        var lastRow = 0;
        using var reader = OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : lastRow + 1;
            lastRow = number;
            var cells = new List<string?>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
                next = column + 1;
                if (column < 0 || column >= limits.MaxColumns)
                {
                    continue;
                }

                while (cells.Count <= column)
                {
                    cells.Add(null);
                }

                cells[column] = ValueOf(cell, strings, dateStyles);
            }

            var sheetRow = new SheetRow(number, cells);
            if (sheetRow.IsBlank)
            {
                continue;
            }

            if (rows.Count >= limits.MaxRows + limits.MaxRowsBeforeHeader + 1)
            {
                throw new ImportFileException(ImportProblem.TooManyRows, number);
            }

            rows.Add(sheetRow);
        }

        return rows;
    }

    /// <summary>"C7" → 2; a reference without letters → -1.</summary>
    public static int ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            var upper = char.ToUpperInvariant(ch);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (upper - 'A' + 1);
            if (++letters > 3)
            {
                return -1;
            }
        }

        return column - 1;
    }

    private static string? ValueOf(Cell cell, List<string> strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : null;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? TextOf(inline) : raw;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw;
        }

        if (type is null || type == CellValues.Number)
        {
            if (raw is not null && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 0 and < 2958466)
            {
                return DateTime.FromOADate(serial).ToString(serial < 1 ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            }
        }

        // Strings from formulas (str), ISO dates (d), errors (#N/A) and plain numbers: their text.
        return raw;
    }
}
