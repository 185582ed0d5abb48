using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Backup;

public static class BackupSetup
{
    /// <summary>
    /// On SQLite, the SQLite backup behind <see cref="IDatabaseBackup"/>, the runner, the schedule, and the lock a serving app holds
    /// on its database; on PostgreSQL, <see cref="DatabaseServerBackup"/>. <paramref name="webRoot"/>: a backup directory inside it would publish the whole database.
    /// </summary>
    public static IServiceCollection AddDatabaseBackup(this IServiceCollection services, IConfiguration configuration,
        string connectionString, string contentRoot, string? webRoot)
    {
        var section = configuration.GetSection(BackupOptions.Section);
        services.Configure<BackupOptions>(section);
        if (DatabaseSetup.Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            // No file to copy and no file to lock: the server backs itself up, and the app says so.
            services.AddSingleton<IDatabaseBackup, DatabaseServerBackup>();
            services.AddSingleton<BackupRunner>();
            services.AddHostedService<DatabaseServerBackupNotice>();
            return services;
        }

        var settings = section.Get<BackupOptions>() ?? new BackupOptions();
        var databasePath = DatabaseSetup.ResolveDataSource(connectionString, contentRoot);
        var directory = ResolveDirectory(settings.Directory, contentRoot, webRoot ?? Path.Combine(contentRoot, "wwwroot"));
        services.AddSingleton<IDatabaseBackup>(sp => new SqliteDatabaseBackup(databasePath, directory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BackupRunner>();
        services.AddHostedService<BackupScheduler>();
        services.AddHostedService(sp => new LiveDatabaseLock(databasePath, sp.GetRequiredService<ILogger<LiveDatabaseLock>>()));
        return services;
    }

    public static string ResolveDirectory(string configured, string contentRoot, string webRoot)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new OptionsValidationException(BackupOptions.Section, typeof(BackupOptions), ["Backup:Directory is empty."]);
        }

        var directory = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
        var web = Path.GetFullPath(webRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if ((directory + Path.DirectorySeparatorChar).StartsWith(web, StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(BackupOptions.Section, typeof(BackupOptions),
                [$"Backup:Directory ({directory}) is inside the web root: the database would be downloadable."]);
        }

        return directory;
    }
}
