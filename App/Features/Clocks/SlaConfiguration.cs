using OpinionResponse.Domain.Clocks;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The SLA policy as options, from the "Sla" section of appsettings.json (durations as "hh:mm:ss", e.g.
/// <c>"Sla": { "Triage": "00:30:00", "Response": "2.00:00:00" }</c>); what the section leaves out keeps its default.
/// </summary>
public static class SlaConfiguration
{
    public const string Section = "Sla";

    public static IServiceCollection AddSlaPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SlaPolicy>(configuration.GetSection(Section));
        return services;
    }
}
