namespace OpinionResponse.Infrastructure.Import;

/// <summary>An uploaded file → its rows, whichever of the two formats it is. Refuses what it cannot read safely.</summary>
public static class SpreadsheetReader
{
    public static readonly string[] Extensions = [".csv", ".txt", ".tsv", ".xlsx", ".xlsm"];

    public static SheetTable Read(byte[] bytes, string fileName, ImportLimits limits)
    {
        if (bytes.Length == 0)
        {
            throw new ImportFileException(ImportProblem.Empty);
        }

        if (bytes.Length > limits.MaxFileBytes)
        {
            throw new ImportFileException(ImportProblem.TooLarge);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var zip = bytes.AsSpan().StartsWith("PK\u0003\u0004"u8);
        var compoundDocument = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]);
        if (extension == ".xls" || compoundDocument)
        {
            throw new ImportFileException(ImportProblem.LegacyExcel);
        }

        if (!Extensions.Contains(extension))
        {
            throw new ImportFileException(ImportProblem.UnsupportedFormat);
        }

        var table = zip || extension is ".xlsx" or ".xlsm" ? XlsxSheetReader.Read(bytes, limits) : CsvSheetReader.Read(bytes, limits);
        if (table.Rows.Count == 0)
        {
            throw new ImportFileException(ImportProblem.Empty);
        }

        return table;
    }

    /// <summary>The header, and the data rows below it; refuses a sheet without known headers or with too many rows.</summary>
    public static (SheetLayout Layout, IReadOnlyList<SheetRow> Rows) Layout(SheetTable table, ImportLimits limits)
    {
        var layout = ImportColumns.FindLayout(table.Rows, limits) ?? throw new ImportFileException(ImportProblem.NoHeader);
        var rows = table.Rows.Where(r => r.Number > layout.HeaderRow).ToList();
        if (rows.Count > limits.MaxRows)
        {
            throw new ImportFileException(ImportProblem.TooManyRows, rows[limits.MaxRows].Number);
        }

        return (layout, rows);
    }
}
