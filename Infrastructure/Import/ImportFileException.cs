namespace OpinionResponse.Infrastructure.Import;

/// <summary>Why a whole file was refused; the app turns the code into a message in the user's language.</summary>
public enum ImportProblem
{
    Empty,
    TooLarge,
    UnsupportedFormat,
    /// <summary>An old binary .xls: Excel can save it as .xlsx.</summary>
    LegacyExcel,
    Unreadable,
    /// <summary>The .xlsx inflates to more than the limit (a zip bomb, or far more than a spreadsheet import needs).</summary>
    Oversized,
    TooManyRows,
    NoHeader,
    /// <summary>A quoted CSV field is never closed (<see cref="ImportFileException.Row"/> is where it opens).</summary>
    UnterminatedQuote,
}

public sealed class ImportFileException(ImportProblem problem, int? row = null, string? detail = null, Exception? inner = null)
    : Exception($"The spreadsheet was refused: {problem}{(row is null ? string.Empty : $" (row {row})")}{(detail is null ? string.Empty : $": {detail}")}", inner)
{
    public ImportProblem Problem { get; } = problem;

    public int? Row { get; } = row;
}
