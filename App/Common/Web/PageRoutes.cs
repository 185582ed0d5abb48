using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using OpinionResponse.App.Common.Security;

namespace OpinionResponse.App.Common.Web;

/// <summary>
/// The page an address leads to, by the pages' own @page templates: the 无权访问 page names the roles of the page the
/// user was turned away from, which it knows only by its address.
/// </summary>
public sealed class PageRoutes(RouteAssemblies extra)
{
    private readonly Lazy<IReadOnlyList<(TemplateMatcher Matcher, Type Page)>> routes = new(() =>
        extra.Assemblies.Prepend(typeof(Program).Assembly).Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Template: r.Template, Page: t)))
            // Literal segments before parameters: /cases/new is not /cases/{id}.
            .OrderBy(r => r.Template.Count(c => c == '{'))
            .Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Template), new RouteValueDictionary()), r.Page))
            .ToList());

    /// <summary>The page at <paramref name="path"/> (a local path, query ignored), or null when none matches.</summary>
    public Type? Find(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !LocalUrl.IsLocal(path))
        {
            return null;
        }

        var local = new PathString("/" + path.TrimStart('~', '/').Split('?', '#')[0]);
        return routes.Value.FirstOrDefault(r => r.Matcher.TryMatch(local, new RouteValueDictionary())).Page;
    }
}
