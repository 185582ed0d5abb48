using System.Globalization;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases.Rumour;

/// <summary>
/// 辟谣移交 (DESIGN §2.3: a rumour harming public order is answered and handed to the police and the internet regulator):
/// one act creates a task for the police unit and one for the internet information office, each with the evidence, and
/// asks the press officers for a 辟谣 response — the tasks, the hand-off, the bells and the audit row in one transaction.
/// </summary>
[CaseAction(CaseTrigger.HandOffRumour)]
public static class HandOffRumour
{
    public sealed record Command : ICommand<int>, ICaseRequest
    {
        public int CaseId { get; set; }

        public int? PoliceUnitId { get; set; }

        public int? CyberspaceUnitId { get; set; }

        public string Note { get; set; } = string.Empty;

        public DateTime? DueAt { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, TimeProvider clock, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            RuleFor(c => c.PoliceUnitId).NotNull().WithMessage(_ => l["Validation.ChooseUnit"]).GreaterThan(0).WithMessage(_ => l["Validation.ChooseUnit"])
                .WithName(_ => l["Field.PoliceUnit"]);
            RuleFor(c => c.PoliceUnitId).ExistingUnit(dbFactory, l).When(c => c.PoliceUnitId > 0).WithName(_ => l["Field.PoliceUnit"]);
            RuleFor(c => c.CyberspaceUnitId).NotNull().WithMessage(_ => l["Validation.ChooseUnit"]).GreaterThan(0).WithMessage(_ => l["Validation.ChooseUnit"])
                .WithName(_ => l["Field.CyberspaceUnit"]);
            RuleFor(c => c.CyberspaceUnitId).ExistingUnit(dbFactory, l).When(c => c.CyberspaceUnitId > 0).WithName(_ => l["Field.CyberspaceUnit"]);
            RuleFor(c => c.CyberspaceUnitId).NotEqual(c => c.PoliceUnitId).When(c => c.CyberspaceUnitId > 0)
                .WithMessage(_ => l["Validation.HandOffSameUnit"]).WithName(_ => l["Field.CyberspaceUnit"]);
            RuleFor(c => c.Note).NotEmpty().MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.HandOffNote"]);
            RuleFor(c => c.DueAt).RequiredFutureTime(clock, l).WithName(_ => l["Field.DueAt"]);
        }
    }

    /// <summary>Returns the hand-off's sequence on the case.</summary>
    /// <summary>The two units and the press officers hear of it (<see cref="RumourHandedOff"/>), in the same commit.</summary>
    public sealed class Handler(CaseWork work, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken) =>
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var evidence = await EvidenceAsync(db, c, l, cancellationToken);
                return c.HandOffRumour(actor, now, command.PoliceUnitId!.Value, command.CyberspaceUnitId!.Value, command.Note, evidence,
                    command.DueAt!.Value.AsUtc()).Sequence;
            }, cancellationToken);
    }

    /// <summary>
    /// What the receiving units need to act without asking back: the assessment with its score, and every item of the
    /// case with its channel, time and link (the links are where the screenshots and the original posts are).
    /// </summary>
    public static async Task<string> EvidenceAsync(OpinionDbContext db, Case @case, IStringLocalizer l, CancellationToken cancellationToken)
    {
        var items = await db.Items.AsNoTracking().Where(i => i.CaseId == @case.Id).OrderBy(i => i.CollectedAt)
            .Select(i => new { i.Channel, i.Title, i.Url, i.CollectedAt, i.SourceName }).ToListAsync(cancellationToken);
        var text = new StringBuilder();
        if (@case.Assessment is { } a)
        {
            text.AppendLine(string.Format(CultureInfo.CurrentCulture, l["Rumour.Evidence.Assessment"], a.Nature, l.Of(a.Level), a.Score, a.PolicyVersion));
        }

        text.AppendLine(string.Format(CultureInfo.CurrentCulture, l["Rumour.Evidence.Items"], items.Count));
        var n = 0;
        foreach (var item in items)
        {
            text.Append(CultureInfo.InvariantCulture, $"{++n}. [{l.Of(item.Channel)}] {item.Title} · {item.CollectedAt.Beijing16()}");
            if (!string.IsNullOrWhiteSpace(item.SourceName))
            {
                text.Append(" · ").Append(item.SourceName);
            }

            if (!string.IsNullOrWhiteSpace(item.Url))
            {
                text.Append(" · ").Append(item.Url);
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }
}
