using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Backup;

namespace OpinionResponse.App.Features.Backup;

/// <summary>An Admin checks a kept backup again (a disk can rot after the night it was written); the result is audited.</summary>
[RequiresPermission(Permission.Administer)]
public static class VerifyBackup
{
    /// <param name="Name">A backup's generated file name, as listed; never a path.</param>
    public sealed record Command(string Name) : ICommand<string>;

    public sealed class Handler(IDatabaseBackup backup, BackupRunner runner, ICurrentUser currentUser) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var file = backup.Find(command.Name) ?? throw new NotFoundException($"No backup named {command.Name}.");
            var integrity = await backup.VerifyAsync(file.FullPath, cancellationToken);
            await runner.RecordAsync(actor.DisplayName, "VerifyBackup.Admin", file.Name,
                integrity == SqliteDatabaseBackup.IntegrityOk ? AuditOutcome.Succeeded : AuditOutcome.Failed,
                BackupRunner.DescribeVerify(integrity), cancellationToken, actor.UserId);
            return integrity;
        }
    }
}
