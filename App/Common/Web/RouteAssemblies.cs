using System.Reflection;

namespace OpinionResponse.App.Common.Web;

/// <summary>
/// Assemblies beyond the app whose pages the router serves. Empty in the product; a host that embeds the app (the
/// benchmark program, with its baseline page) adds its own, so nothing used only for measuring ships in the app.
/// </summary>
public sealed class RouteAssemblies
{
    public RouteAssemblies(IEnumerable<Assembly> assemblies) => Assemblies = [.. assemblies.Distinct()];

    public IReadOnlyList<Assembly> Assemblies { get; }
}

/// <summary>One assembly of pages a host adds to the router (registered as a singleton; see <see cref="RouteAssemblies"/>).</summary>
public sealed record ExtraRouteAssembly(Assembly Assembly);
