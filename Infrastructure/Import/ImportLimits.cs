namespace OpinionResponse.Infrastructure.Import;

/// <summary>
/// What one uploaded spreadsheet may hold. A monitoring vendor's daily export is a few thousand rows; the limits keep a
/// wrong or hostile file (a zip bomb posing as .xlsx, a log file renamed .csv) from exhausting the server.
/// </summary>
public sealed record ImportLimits
{
    public static ImportLimits Default { get; } = new();

    public long MaxFileBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Data rows below the header.</summary>
    public int MaxRows { get; init; } = 20_000;

    /// <summary>Columns read per row; cells further right are ignored.</summary>
    public int MaxColumns { get; init; } = 200;

    /// <summary>The sum of the uncompressed sizes of every part of an .xlsx (measured while inflating, not as declared).</summary>
    public long MaxUncompressedBytes { get; init; } = 200L * 1024 * 1024;

    public int MaxZipEntries { get; init; } = 2_000;

    /// <summary>Rows above the header that a vendor's export may spend on a title or a date line.</summary>
    public int MaxRowsBeforeHeader { get; init; } = 10;
}
