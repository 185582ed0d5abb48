namespace OpinionResponse.Infrastructure.Import;

public enum SheetFormat
{
    Csv,
    Xlsx,
}

/// <param name="Number">The row number the user sees in Excel (1-based; blank rows still count).</param>
/// <param name="Cells">By column (A = 0); a missing cell is null.</param>
public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? this[int column] => column < Cells.Count ? Cells[column] : null;

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>A spreadsheet's non-blank rows as text, before any header is known.</summary>
/// <param name="Encoding">For CSV, the text encoding that was detected (UTF-8, UTF-16, GB18030).</param>
public sealed record SheetTable(SheetFormat Format, string? Encoding, IReadOnlyList<SheetRow> Rows)
{
    /// <summary>"A", "B", … "AA" for a zero-based column.</summary>
    public static string ColumnLetter(int column)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
