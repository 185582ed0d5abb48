using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Cli;

/// <summary>
/// <c>user create NAME --display 名字 --role Admin [--role …] [--unit CODE-or-name …] [--phone …]</c> prints a one-time
/// password; <c>user disable NAME</c>; <c>user reset NAME</c> prints a new one-time password. For the first administrator
/// of a fresh database and for an operator locked out of the admin page. The same rules as the page apply (the last
/// active Admin stays, Admin never goes with a signing role); each change is audited as "cli", in its own transaction.
/// </summary>
public sealed class UserCommand : ICliCommand
{
    private const string Actor = "cli";

    public string Name => "user";

    public string Usage => "user create <name> --display <display name> --role <Role> [--role <Role>] [--unit <code|name>] [--phone <phone>] | user disable <name> | user reset <name>";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var accounts = services.GetRequiredService<UserAdministration>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        try
        {
            switch (args)
            {
                case ["create", var userName, ..]:
                    return await CreateAsync(services, accounts, userName, args.Skip(2).ToList(), now, output, cancellationToken);
                case ["disable", var userName]:
                    var disabled = await FindAsync(accounts, userName);
                    if (disabled is null)
                    {
                        return await NoSuchUserAsync(userName);
                    }

                    await accounts.AuditedBy(Audit("SetUserDisabled.Cli", now)).SetDisabledAsync(disabled.Id, disabled: true, actingUserId: null, cancellationToken);
                    await output.WriteLineAsync($"Disabled '{disabled.UserName}'; their sessions have ended.");
                    return 0;
                case ["reset", var userName]:
                    var reset = await FindAsync(accounts, userName);
                    if (reset is null)
                    {
                        return await NoSuchUserAsync(userName);
                    }

                    var change = await accounts.AuditedBy(Audit("ResetUserPassword.Cli", now)).ResetPasswordAsync(reset.Id, now, cancellationToken);
                    await PrintOneTimePasswordAsync(change, output);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"Usage: {Usage}");
                    return 2;
            }
        }
        catch (DomainException refused)
        {
            await Console.Error.WriteLineAsync($"Refused: {refused.Message}");
            return 1;
        }
        catch (PasswordRefusedException refused)
        {
            await Console.Error.WriteLineAsync($"Refused: {refused.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAsync(
        IServiceProvider services, UserAdministration accounts, string userName, IReadOnlyList<string> options, DateTime now, TextWriter output,
        CancellationToken cancellationToken)
    {
        string? display = null, phone = null;
        var roles = new List<Role>();
        var unitNames = new List<string>();
        for (var i = 0; i < options.Count; i++)
        {
            var value = i + 1 < options.Count ? options[i + 1] : null;
            switch (options[i])
            {
                case "--display" when value is not null:
                    display = value;
                    break;
                case "--phone" when value is not null:
                    phone = value;
                    break;
                case "--role" when Enum.TryParse<Role>(value, ignoreCase: true, out var role) && Enum.IsDefined(role):
                    roles.Add(role);
                    break;
                case "--unit" when value is not null:
                    unitNames.Add(value);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete option '{options[i]}'. Roles: {string.Join(", ", Enum.GetNames<Role>())}.");
                    return 2;
            }

            i++;
        }

        if (string.IsNullOrWhiteSpace(display) || roles.Count == 0 || userName.Any(char.IsControl) || display.Any(char.IsControl))
        {
            await Console.Error.WriteLineAsync("A user needs --display and at least one --role.");
            return 2;
        }

        var dbFactory = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpinionDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var units = await db.Units.AsNoTracking().Where(u => unitNames.Contains(u.Code) || unitNames.Contains(u.Name)).ToListAsync(cancellationToken);
        var unknown = unitNames.Where(n => !units.Any(u => u.Code == n || u.Name == n)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"No unit with code or name: {string.Join(", ", unknown)}.");
            return 1;
        }

        var created = await accounts.AuditedBy(Audit("CreateUser.Cli", now)).CreateAsync(userName, display, phone, roles, units.Select(u => u.Id).ToList(), now, cancellationToken);
        await PrintOneTimePasswordAsync(created, output);
        return 0;
    }

    private static async Task<AppUser?> FindAsync(UserAdministration accounts, string userName) => await accounts.FindByNameAsync(userName);

    private static async Task<int> NoSuchUserAsync(string userName)
    {
        await Console.Error.WriteLineAsync($"No user named '{userName.Trim()}'.");
        return 1;
    }

    /// <summary>The password alone on stdout (for a script to pass on); what it is, on stderr.</summary>
    private static async Task PrintOneTimePasswordAsync(AccountChange change, TextWriter output)
    {
        await output.WriteLineAsync(change.OneTimePassword);
        await Console.Error.WriteLineAsync(
            $"One-time password for '{change.UserName}'. It is shown only now; the user must change it at first sign-in.");
    }

    /// <summary>The change's audit entry, committed by the change's own transaction (as a command's is).</summary>
    private static AuditScope Audit(string action, DateTime now) =>
        new(new AuditEntry { At = now, UserName = Actor, Action = action, Outcome = AuditOutcome.Succeeded });
}
