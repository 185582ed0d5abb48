using FluentValidation;
using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Identity;

using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Users;

/// <summary>An Admin gives a user a new one-time password (shown once): the old one and every session stop working.</summary>
[RequiresPermission(Permission.Administer)]
public static class ResetUserPassword
{
    public sealed record Command(string UserId) : ICommand<AccountChange>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().MaximumLength(450);
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits, TimeProvider clock) : ICommandHandler<Command, AccountChange>
    {
        public async ValueTask<AccountChange> Handle(Command command, CancellationToken cancellationToken) =>
            await accounts.AuditedBy(audits.Of(command)).ResetPasswordAsync(command.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
