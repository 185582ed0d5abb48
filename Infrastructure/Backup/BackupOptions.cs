namespace OpinionResponse.Infrastructure.Backup;

/// <summary>The <c>Backup</c> section of appsettings.json.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Whether the scheduled backup runs (the admin page and the CLI work either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where backups are written; relative to the app's folder. Refused inside wwwroot.</summary>
    public string Directory { get; set; } = "App_Data/backups";

    /// <summary>Time between scheduled backups.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Beijing time of day the schedule is anchored to (a daily backup runs then, when the desk is quiet).</summary>
    public TimeSpan At { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Backups older than this are deleted after each new one.</summary>
    public int KeepDays { get; set; } = 30;
}
