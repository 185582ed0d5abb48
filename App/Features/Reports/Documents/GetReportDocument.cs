using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Reports.Bulletins;
using OpinionResponse.App.Features.Reports.DailyLogs;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.App.Features.Reports.Special;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Reports;

namespace OpinionResponse.App.Features.Reports.Documents;

/// <summary>
/// The document of any report, for the print view and the downloads. It asks the report's own query through the
/// mediator, so each report's permission and unit scope apply here exactly as on its page.
/// </summary>
[RequiresPermission(Permission.ViewReports)]
public static class GetReportDocument
{
    public sealed record Query(ReportRef Ref) : IQuery<ReportDocument>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.Ref.Kind).IsInEnum();
            RuleFor(q => q.Ref.Id).NotNull().When(q => q.Ref.Kind == ReportKind.Special).WithMessage(_ => l["Validation.Required"]);
            RuleFor(q => q.Ref.Day).NotNull().When(q => q.Ref.Kind is ReportKind.DailyLog or ReportKind.Bulletin).WithMessage(_ => l["Validation.Required"])
                .WithName(_ => l["Reports.Day"]);
            RuleFor(q => q.Ref.From).NotNull().When(q => q.Ref.Kind == ReportKind.Performance).WithMessage(_ => l["Validation.Required"])
                .WithName(_ => l["Reports.From"]);
            RuleFor(q => q.Ref.To).NotNull().When(q => q.Ref.Kind == ReportKind.Performance).WithMessage(_ => l["Validation.Required"])
                .WithName(_ => l["Reports.To"]);
        }
    }

    public sealed class Handler(IMediator mediator) : IQueryHandler<Query, ReportDocument>
    {
        public async ValueTask<ReportDocument> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = query.Ref;
            return r.Kind switch
            {
                ReportKind.Special => (await mediator.Send(new GetSpecialReport.Query(r.Id!.Value), cancellationToken)).Document,
                ReportKind.DailyLog => (await mediator.Send(new GetDailyLog.Query(r.Day!.Value), cancellationToken)).Document
                                       ?? throw new NotFoundException($"No daily log for {r.Day}."),
                ReportKind.Bulletin => (await mediator.Send(new GetBulletin.Query(r.Period ?? BulletinPeriod.Week, r.Day!.Value, r.UnitId), cancellationToken)).Document,
                _ => (await mediator.Send(new GetPerformance.Query(r.From!.Value, r.To!.Value, r.By ?? PerformanceGrouping.Unit, r.UnitId), cancellationToken)).Document,
            };
        }
    }
}

/// <summary>
/// A report as a file: the whole document as DOCX, or its tables as XLSX. A command, not a query: every export of a
/// report leaves the system and is audited (SECURITY.md U1).
/// </summary>
[RequiresPermission(Permission.ViewReports)]
public static class ExportReport
{
    public sealed record Command(ReportRef Ref, ReportFormat Format) : ICommand<File>;

    public sealed record File(byte[] Content, string ContentType, string Name);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Format).IsInEnum();
    }

    public sealed class Handler(IMediator mediator) : ICommandHandler<Command, File>
    {
        public async ValueTask<File> Handle(Command command, CancellationToken cancellationToken)
        {
            var document = await mediator.Send(new GetReportDocument.Query(command.Ref), cancellationToken);
            return command.Format == ReportFormat.Docx
                ? new File(DocxWriter.Write(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{document.FileName}.docx")
                : new File(XlsxWriter.Write(document.Tables), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{document.FileName}.xlsx");
        }
    }
}
