using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Identity;

using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Account;

/// <summary>
/// A signed-in user replaces their own password (修改密码), giving the current one: after a one-time password, when
/// theirs has expired, or whenever they like. The passwords never reach the audit log.
/// </summary>
[RequiresPermission(Permission.UseDesk)]
public static class ChangeOwnPassword
{
    public sealed record Command : ICommand
    {
        [JsonIgnore]
        public string CurrentPassword { get; set; } = string.Empty;

        [JsonIgnore]
        public string NewPassword { get; set; } = string.Empty;

        [JsonIgnore]
        public string RepeatPassword { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithName(_ => l["Field.CurrentPassword"]);
            RuleFor(c => c.NewPassword).NotEmpty().WithName(_ => l["Field.NewPassword"]);
            RuleFor(c => c.NewPassword).MeetsPasswordPolicy(l).When(c => !string.IsNullOrEmpty(c.NewPassword));
            RuleFor(c => c.RepeatPassword).Equal(c => c.NewPassword).WithMessage(_ => l["Validation.PasswordsDiffer"])
                .WithName(_ => l["Field.RepeatPassword"]);
        }
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits, ICurrentUser currentUser, TimeProvider clock, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            try
            {
                await accounts.AuditedBy(audits.Of(command)).ChangeOwnPasswordAsync(actor.UserId, command.CurrentPassword, command.NewPassword, clock.GetUtcNow().UtcDateTime, cancellationToken);
            }
            catch (PasswordRefusedException refused)
            {
                // The rules that need the account (its user name) are known only here: shown on the field like the others.
                throw new ValidationException(refused.Codes.Select(code =>
                    new ValidationFailure(nameof(Command.NewPassword), PasswordRules.PasswordMessage(l, code))));
            }
            catch (DomainException refused) when (refused.Code is UserErrors.WrongPassword or UserErrors.SamePassword)
            {
                var field = refused.Code == UserErrors.WrongPassword ? nameof(Command.CurrentPassword) : nameof(Command.NewPassword);
                throw new ValidationException([new ValidationFailure(field, l[$"Error.{refused.Code}"])]);
            }

            return Unit.Value;
        }
    }
}
