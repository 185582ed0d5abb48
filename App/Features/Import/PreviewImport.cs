using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Import;

namespace OpinionResponse.App.Features.Import;

/// <summary>An uploaded spreadsheet, read and checked row by row before anything is stored: what would be imported, what not and why.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class PreviewImport
{
    /// <summary>Rows shown in the preview table; the counts and the list of errors cover the whole file.</summary>
    public const int PreviewRows = 100;

    public const int MaxErrorsListed = 500;

    public sealed record Query : IQuery<Preview>, IImportFile
    {
        public required string FileName { get; init; }

        [JsonIgnore]
        public byte[] File { get; init; } = [];

        public Channel DefaultChannel { get; init; } = Channel.Other;

        public string? Vendor { get; init; }
    }

    /// <param name="Encoding">For CSV, the text encoding detected (UTF-8, GB18030, …).</param>
    /// <param name="Columns">The recognised columns, as the sheet names them.</param>
    /// <param name="Ignored">Headers that name no known column: those columns are not imported.</param>
    /// <param name="Errors">Every row error of the file, up to <see cref="MaxErrorsListed"/>.</param>
    public sealed record Preview(
        string FileName,
        string Format,
        string? Encoding,
        int Total,
        int Valid,
        int Invalid,
        IReadOnlyList<string> Columns,
        IReadOnlyList<string> Ignored,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<ImportRowError> Errors,
        IReadOnlyList<PlatformMapping> Platforms);

    /// <summary>A platform the sheet names and the channel its rows go to ("抖音 → 短视频", 12 rows); Known when the table has it.</summary>
    public sealed record PlatformMapping(string Name, Channel Channel, bool Known, int Rows);

    public sealed record Row(
        int Number,
        Channel Channel,
        string? Platform,
        string Title,
        string Content,
        string? Author,
        DateTime? PublishedAtUtc,
        long Views,
        IReadOnlyList<ImportRowError> Errors);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            ImportSheet.FileRules(this, l);
        }
    }

    public sealed class Handler(SubmissionCheck check, IStringLocalizer<SharedResource> l, TimeProvider clock, ICurrentUser currentUser)
        : IQueryHandler<Query, Preview>
    {
        public async ValueTask<Preview> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var sheet = await new ImportSheet(check, l, clock).ReadAsync(query, actor.DisplayName, cancellationToken);
            var valid = sheet.Rows.Count(r => r.IsValid);
            return new Preview(
                query.FileName,
                sheet.Format.ToString().ToUpperInvariant(),
                sheet.Encoding,
                sheet.Rows.Count,
                valid,
                sheet.Rows.Count - valid,
                sheet.Layout.Columns.OrderBy(c => c.Value).Select(c => $"{SheetTable.ColumnLetter(c.Value)} {sheet.Layout.HeaderOf(c.Key)}").ToList(),
                sheet.Layout.Ignored,
                sheet.Rows.Take(PreviewRows).Select(r => new Row(
                    r.Number,
                    r.Submission.Channel,
                    r.Submission.Platform,
                    r.Submission.Title,
                    r.Submission.Content.Length > 200 ? r.Submission.Content[..200] + "…" : r.Submission.Content,
                    r.Submission.Author,
                    r.Submission.PublishedAt?.UtcDateTime,
                    r.Submission.Views,
                    r.Errors)).ToList(),
                sheet.Rows.SelectMany(r => r.Errors).Take(MaxErrorsListed).ToList(),
                sheet.Rows.Where(r => r.Submission.Platform is not null)
                    .GroupBy(r => (Name: r.Submission.Platform!, r.Submission.Channel))
                    .Select(g => new PlatformMapping(g.Key.Name, g.Key.Channel, Domain.Items.Platforms.Find(g.Key.Name) is not null, g.Count()))
                    .OrderByDescending(m => m.Rows).ToList()); // ties in the order the sheet first names them (a stable sort)
        }
    }
}
