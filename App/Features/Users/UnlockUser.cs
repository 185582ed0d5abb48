using FluentValidation;
using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Identity;

using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Users;

/// <summary>An Admin ends a lockout after failed sign-ins (having checked with the user that it was them).</summary>
[RequiresPermission(Permission.Administer)]
public static class UnlockUser
{
    public sealed record Command(string UserId) : ICommand<AccountChange>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().MaximumLength(450);
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits) : ICommandHandler<Command, AccountChange>
    {
        public async ValueTask<AccountChange> Handle(Command command, CancellationToken cancellationToken) =>
            await accounts.AuditedBy(audits.Of(command)).UnlockAsync(command.UserId, cancellationToken);
    }
}
