using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Backup;

namespace OpinionResponse.App.Features.Backup;

/// <summary>An Admin takes a backup now (系统管理 → 备份 → 立即备份), besides the nightly one; audited with its integrity result.</summary>
[RequiresPermission(Permission.Administer)]
public static class BackupNow
{
    public sealed record Command : ICommand<ListBackups.Row>;

    public sealed class Handler(BackupRunner runner, ICurrentUser currentUser) : ICommandHandler<Command, ListBackups.Row>
    {
        public async ValueTask<ListBackups.Row> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            // Besides the command's own audit line (who asked), the backup's line records what was written and its check.
            var result = await runner.RunAsync(actor.DisplayName, "BackupDatabase.Admin", cancellationToken, actor.UserId);
            return new ListBackups.Row(result.File.Name, result.File.TakenAt, result.File.Bytes, result.Integrity);
        }
    }
}
