using System.Globalization;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Audit;

/// <summary>
/// The filtered audit log as CSV (UTF-8 with BOM, so Excel opens it without mojibake), with each row's Seq and hash so the
/// copy can be checked against the chain. A command, not a query: an export of the log is itself audited (U1).
/// </summary>
[RequiresPermission(Permission.ViewAudit)]
public static class ExportAuditLog
{
    public const int MaxRows = 100_000;

    public sealed record Command(ListAuditLog.Filter Filter) : ICommand<byte[]>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) => RuleFor(c => c.Filter).SetValidator(new ListAuditLog.FilterValidator(l));
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : ICommandHandler<Command, byte[]>
    {
        private static readonly string[] Header =
            ["seq", "id", "time_utc", "user_id", "user", "units", "action", "object_type", "object_id", "outcome", "ip", "detail", "changes", "hash"];

        public async ValueTask<byte[]> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var csv = new StringBuilder("\uFEFF").AppendJoin(',', Header).Append("\r\n");
            await foreach (var a in ListAuditLog.Apply(db.AuditEntries.AsNoTracking(), command.Filter).OrderBy(a => a.Id).Take(MaxRows)
                               .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                csv.AppendJoin(',', new[]
                {
                    a.Seq?.ToString(CultureInfo.InvariantCulture), a.Id.ToString(CultureInfo.InvariantCulture),
                    a.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), a.UserId, a.UserName, a.Units, a.Action,
                    a.ObjectType, a.ObjectId, a.Outcome.ToString(), a.Ip, a.Detail, a.Changes, a.Hash,
                }.Select(Field)).Append("\r\n");
            }

            return Encoding.UTF8.GetBytes(csv.ToString());
        }

        /// <summary>Quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula.</summary>
        private static string Field(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }

            if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                value = "'" + value;
            }

            return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        }
    }
}
