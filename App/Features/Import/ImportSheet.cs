using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Import;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Features.Import;

/// <param name="Row">The row number the user sees in Excel.</param>
/// <param name="Column">The column as the sheet names it ("C 发布时间"), or the field when the sheet has no such column.</param>
public sealed record ImportRowError(int Row, string Column, string Message);

/// <param name="Valid">The submission as the write path takes it, when the one validation passed.</param>
public sealed record ImportRow(int Number, ItemSubmission Submission, ValidSubmission? Valid, IReadOnlyList<ImportRowError> Errors)
{
    public bool IsValid => Valid is not null && Errors.Count == 0;
}

/// <summary>An uploaded file as a request carries it.</summary>
/// <summary>What preview and import both get: the file, and how to read rows that leave things out.</summary>
public interface IImportFile
{
    string FileName { get; }

    byte[] File { get; }

    /// <summary>For rows without a channel (a sheet with no channel column, or an empty cell).</summary>
    Channel DefaultChannel { get; }

    /// <summary>The vendor whose export this is (optional): its own ids are kept, apart from other vendors' ids.</summary>
    string? Vendor { get; }
}

public sealed record ImportSheetRows(SheetFormat Format, string? Encoding, SheetLayout Layout, IReadOnlyList<ImportRow> Rows);

/// <summary>
/// What preview and import both do with an uploaded file: read it, find the header, map every row to an
/// <see cref="ItemSubmission"/> and validate it with the one validator all channels share. A file that cannot be read
/// is refused as a validation failure of <c>File</c>, in the user's language; nothing is stored here.
/// </summary>
public sealed class ImportSheet(SubmissionCheck check, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const string FileProperty = "File";

    public static ImportLimits Limits => ImportLimits.Default;

    public async Task<ImportSheetRows> ReadAsync(IImportFile import, string collectedBy, CancellationToken cancellationToken)
    {
        SheetTable table;
        SheetLayout layout;
        IReadOnlyList<SheetRow> rows;
        try
        {
            table = SpreadsheetReader.Read(import.File, import.FileName, Limits);
            (layout, rows) = SpreadsheetReader.Layout(table, Limits);
        }
        catch (ImportFileException refused)
        {
            throw new ValidationException([new ValidationFailure(FileProperty, Describe(refused))]);
        }

        var mapping = new RowMapping(import.DefaultChannel, collectedBy, clock.GetUtcNow().UtcDateTime, ChannelNamesInUi(), import.Vendor);
        var result = new List<ImportRow>(rows.Count);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mapped = ImportRowMapper.Map(row, layout, table.Format, mapping);
            var errors = mapped.Problems.Select(p => new ImportRowError(row.Number, ColumnName(layout, p.Field), Describe(p))).ToList();
            var (valid, validation) = await check.CheckAsync(mapped.Submission, cancellationToken);
            foreach (var failure in validation.Errors)
            {
                // A cell already reported as unreadable is not reported again by the rule on its default value.
                var field = FieldOf(failure.PropertyName);
                if (field is null || mapped.Problems.All(p => p.Field != field))
                {
                    errors.Add(new ImportRowError(row.Number, field is { } f ? ColumnName(layout, f) : failure.PropertyName, failure.ErrorMessage));
                }
            }

            result.Add(new ImportRow(row.Number, mapped.Submission, valid, errors));
        }

        return new ImportSheetRows(table.Format, table.Encoding, layout, result);
    }

    public string Describe(ImportFileException refused) => refused.Problem switch
    {
        ImportProblem.Empty => l["Import.Empty"],
        ImportProblem.TooLarge => string.Format(l["Import.TooLarge"], Limits.MaxFileBytes / 1024 / 1024),
        ImportProblem.UnsupportedFormat => l["Import.UnsupportedFormat"],
        ImportProblem.LegacyExcel => l["Import.LegacyExcel"],
        ImportProblem.Oversized => string.Format(l["Import.Oversized"], Limits.MaxUncompressedBytes / 1024 / 1024),
        ImportProblem.TooManyRows => string.Format(l["Import.TooManyRows"], Limits.MaxRows),
        ImportProblem.NoHeader => l["Import.NoHeader"],
        ImportProblem.UnterminatedQuote => string.Format(l["Import.UnterminatedQuote"], refused.Row),
        _ => l["Import.Unreadable"],
    };

    /// <summary>The same rules for preview and import, checked before the file is read.</summary>
    public static void FileRules<T>(AbstractValidator<T> rules, IStringLocalizer<SharedResource> l)
        where T : IImportFile
    {
        rules.RuleFor(c => c.File).NotEmpty().WithMessage(_ => l["Import.Empty"]);
        rules.RuleFor(c => c.File.LongLength).LessThanOrEqualTo(Limits.MaxFileBytes)
            .WithMessage(_ => string.Format(l["Import.TooLarge"], Limits.MaxFileBytes / 1024 / 1024)).OverridePropertyName(FileProperty);
        rules.RuleFor(c => c.FileName).NotEmpty().MaximumLength(260)
            .Must(name => name is not null && (name.EndsWith(".xls", StringComparison.OrdinalIgnoreCase)
                          || SpreadsheetReader.Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)))
            .WithMessage(_ => l["Import.UnsupportedFormat"]);
        rules.RuleFor(c => c.DefaultChannel).IsInEnum();

        // A vendor's name: optional, at most MaxVendorLength characters, no control characters.
        rules.RuleFor(c => c.Vendor)
            .Must(v => v is null || v.Trim().Length <= ItemSources.MaxVendorLength)
            .WithMessage(_ => string.Format(l["Import.VendorTooLong"], ItemSources.MaxVendorLength))
            .Must(v => v is null || !v.Any(char.IsControl))
            .WithMessage(_ => l["Import.VendorControl"]);
    }

    private string Describe(CellProblem problem)
    {
        var value = problem.Value.Length > 40 ? problem.Value[..40] + "…" : problem.Value;
        return problem.Kind switch
        {
            CellProblemKind.BadChannel => string.Format(l["Import.BadChannel"], value),
            CellProblemKind.BadDate => string.Format(l["Import.BadDate"], value),
            CellProblemKind.FutureDate => string.Format(l["Import.FutureDate"], value),
            _ => string.Format(l["Import.BadNumber"], value),
        };
    }

    private string ColumnName(SheetLayout layout, ImportField field) =>
        layout.ColumnOf(field) is { } column ? $"{SheetTable.ColumnLetter(column)} {layout.HeaderOf(field)}" : l[$"Field.{field}"];

    /// <summary>"MediaPickup[2]" → MediaPickup; properties without a column (CollectedBy) → null.</summary>
    private static ImportField? FieldOf(string propertyName)
    {
        var name = propertyName.Split('[', '.')[0];
        return Enum.TryParse<ImportField>(name, out var field) ? field : null;
    }

    /// <summary>The channel names the UI shows in the user's language, so a sheet typed from the screen is understood.</summary>
    private Dictionary<string, Channel> ChannelNamesInUi()
    {
        var names = new Dictionary<string, Channel>(StringComparer.Ordinal);
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var text = l[$"Channel.{channel}"];
            if (!text.ResourceNotFound)
            {
                names.TryAdd(ImportColumns.Normalize(text.Value), channel);
            }
        }

        return names;
    }
}
