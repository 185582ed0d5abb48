using FluentValidation;
using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Features.Users;

/// <summary>
/// An Admin drops a user's authenticator and recovery codes (a lost phone, having checked who asks): the user's
/// sessions end, and a leader must enrol a new authenticator before working again.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class ResetUserTwoFactor
{
    public sealed record Command(string UserId) : ICommand<AccountChange>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().MaximumLength(450);
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits) : ICommandHandler<Command, AccountChange>
    {
        public async ValueTask<AccountChange> Handle(Command command, CancellationToken cancellationToken) =>
            await accounts.AuditedBy(audits.Of(command)).ResetTwoFactorAsync(command.UserId, cancellationToken);
    }
}
