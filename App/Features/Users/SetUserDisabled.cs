using FluentValidation;
using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Identity;

using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Users;

/// <summary>
/// An Admin disables an account (its sessions end at once and it can no longer sign in) or enables it again. Nobody
/// disables themselves, and the last active Admin stays.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class SetUserDisabled
{
    public sealed record Command(string UserId, bool Disabled) : ICommand<AccountChange>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().MaximumLength(450);
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits, ICurrentUser currentUser) : ICommandHandler<Command, AccountChange>
    {
        public async ValueTask<AccountChange> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            return await accounts.AuditedBy(audits.Of(command)).SetDisabledAsync(command.UserId, command.Disabled, actor.UserId, cancellationToken);
        }
    }
}
