using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Features.Import;

/// <summary>
/// Imports the valid rows of an uploaded spreadsheet through the one write path, in chunks, reporting progress. The
/// file is read again here rather than trusted from the preview, so the command stands on its own; invalid rows are
/// counted and skipped. Idempotent: each row has an external id (the sheet's, or a hash of its channel and link or
/// text), so importing the same file again stores nothing twice.
/// </summary>
[RequiresPermission(Permission.TriageItems)]
public static class ImportItems
{
    public const int ChunkSize = 200;

    private const int MaxBusyRetries = 30;

    public sealed record Command : ICommand<Result>, IImportFile
    {
        public required string FileName { get; init; }

        /// <summary>Not in the audit entry (the file can be 20 MB); its size is.</summary>
        [JsonIgnore]
        public byte[] File { get; init; } = [];

        public long Bytes => File.LongLength;

        public Channel DefaultChannel { get; init; } = Channel.Other;

        public string? Vendor { get; init; }

        /// <summary>Told after each committed chunk how many valid rows are done.</summary>
        [JsonIgnore]
        public IProgress<Progress>? Progress { get; init; }
    }

    public sealed record Progress(int Done, int Of);

    /// <param name="AlreadyExisted">Valid rows that were stored before (an earlier import of the same rows, or a repeat in the file).</param>
    /// <param name="Invalid">Rows not imported because of errors (see the preview).</param>
    public sealed record Result(int Total, int Created, int AlreadyExisted, int Invalid);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            ImportSheet.FileRules(this, l);
        }
    }

    public sealed class Handler(
        AuditTrail audits,
        SubmissionCheck check,
        IStringLocalizer<SharedResource> l,
        TimeProvider clock,
        ICurrentUser currentUser,
        IItemIntake intake) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var sheet = await new ImportSheet(check, l, clock).ReadAsync(command, actor.DisplayName, cancellationToken);
            var valid = sheet.Rows.Where(r => r.IsValid).Select(r => r.Valid!).ToList();
            command.Progress?.Report(new Progress(0, valid.Count));

            var created = 0;
            var done = 0;
            var pending = audits.Of(command);
            foreach (var chunk in valid.Chunk(ChunkSize))
            {
                // Each chunk commits on its own, so each carries its own copy of the command's audit row.
                var audit = pending is null ? null : new IntakeAudit(pending.Entry.Copy());
                var results = await SubmitAsync(chunk, audit, cancellationToken);
                if (audit is { Written: true })
                {
                    pending!.Written = true;
                }

                created += results.Count(r => r.Created);
                done += chunk.Length;
                command.Progress?.Report(new Progress(done, valid.Count));
            }

            return new Result(sheet.Rows.Count, created, valid.Count - created, sheet.Rows.Count - valid.Count);
        }

        /// <summary>A full intake queue is a pause, not a failure: the import waits as the writer asks and goes on.</summary>
        private async Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ValidSubmission> chunk, IntakeAudit? audit, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await intake.SubmitAsync(chunk, audit, cancellationToken);
                }
                catch (IntakeBusyException busy) when (attempt < MaxBusyRetries)
                {
                    await Task.Delay(busy.RetryAfter > TimeSpan.Zero ? busy.RetryAfter : TimeSpan.FromMilliseconds(200), clock, cancellationToken);
                }
            }
        }
    }
}
