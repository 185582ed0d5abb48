using System.Reflection;
using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;
using OpinionResponse.App;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using Xunit;

namespace OpinionResponse.Tests.Architecture;

/// <summary>
/// The rooms of the house (docs/architecture.md), kept by a test: each rule fails naming the types that break it.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Features = "OpinionResponse.App.Features";

    private static readonly Assembly DomainAssembly = typeof(Case).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(OpinionDbContext).Assembly;
    private static readonly Assembly AppAssembly = typeof(SharedResource).Assembly;

    /// <summary>Reference queries every page may use (units, colleagues): a slice of shared lookups, not a use case's room.</summary>
    private static readonly HashSet<string> SharedSlices = ["Lookups"];

    /// <summary>
    /// Slices that reach into another slice on purpose, each with its reason. Shared pieces go to App/Common and
    /// follow-on work to handlers of domain events instead; the list may only shrink: a new crossing fails the test.
    /// </summary>
    private static readonly HashSet<(string From, string To)> KnownCrossings =
    [
        // The attach dialog searches the open cases with the case list's own query (ListCases): which cases a user may
        // see, and how they are searched and ordered, is one rule; a copy in Triage would drift from it.
        ("Triage", "Cases"),
    ];

    [Fact]
    public void Domain_references_no_framework_and_no_outer_layer()
    {
        var result = Types.InAssembly(DomainAssembly).ShouldNot().HaveDependencyOnAny(
                "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "MudBlazor", "Mediator",
                "FluentValidation", "OpinionResponse.Infrastructure", "OpinionResponse.App")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Infrastructure_does_not_reference_App()
    {
        var result = Types.InAssembly(InfrastructureAssembly).ShouldNot().HaveDependencyOn("OpinionResponse.App").GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Components_do_not_touch_a_DbContext()
    {
        var result = Types.InAssembly(AppAssembly).That().Inherit(typeof(ComponentBase))
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", typeof(OpinionDbContext).Namespace)
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    /// <summary>
    /// The case page and its dialogs read <see cref="OpinionResponse.App.Features.Cases.CaseView"/>: no component holds the
    /// aggregate, whose methods change a case (only commands do, through <c>CaseWork</c>).
    /// </summary>
    [Fact]
    public void Components_do_not_depend_on_the_case_aggregate()
    {
        var result = Types.InAssembly(AppAssembly).That().Inherit(typeof(ComponentBase))
            .ShouldNot().HaveDependencyOn(typeof(Case).FullName)
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void A_slice_does_not_import_another_slice()
    {
        var slices = Slices().ToList();
        var crossings = new List<string>();
        foreach (var from in slices)
        {
            var others = slices.Where(to => to != from && !SharedSlices.Contains(to) && !KnownCrossings.Contains((from, to))).ToList();
            // One reading of the assembly per slice (each costs a second); the slice it reaches is looked for only on failure.
            if (Types.InAssembly(AppAssembly).That().ResideInNamespace($"{Features}.{from}")
                .ShouldNot().HaveDependencyOnAny([.. others.Select(to => $"{Features}.{to}")]).GetResult().IsSuccessful)
            {
                continue;
            }

            foreach (var to in others)
            {
                var result = Types.InAssembly(AppAssembly).That().ResideInNamespace($"{Features}.{from}")
                    .ShouldNot().HaveDependencyOn($"{Features}.{to}").GetResult();
                crossings.AddRange((result.FailingTypeNames ?? []).Select(type => $"(\"{from}\", \"{to}\"): {type}"));
            }
        }

        Assert.True(crossings.Count == 0, "Slices importing another slice (move the shared piece to App/Common):\n" + string.Join("\n", crossings));
    }

    [Fact]
    public void Only_the_one_validation_vouches_for_a_submission()
    {
        var issuers = new[] { DomainAssembly, InfrastructureAssembly, AppAssembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(ValidSubmission.Issuer)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Equal(["OpinionResponse.App.Common.Intake.SubmissionCheck"], issuers);
    }

    /// <summary>Case visibility is checked once, by the authorization behaviour, for requests that name their case.</summary>
    [Fact]
    public void Case_work_serves_only_requests_that_name_their_case()
    {
        var handlers = AppAssembly.GetTypes()
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(CaseWork))))
            .ToList();
        Assert.NotEmpty(handlers);
        var blind = handlers.Where(h => !h.GetInterfaces()
                .Where(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.StartsWith("ICommandHandler", StringComparison.Ordinal))
                .Any(i => typeof(ICaseRequest).IsAssignableFrom(i.GetGenericArguments()[0])))
            .Select(h => h.FullName);

        Assert.Empty(blind);
    }

    private static IEnumerable<string> Slices() =>
        AppAssembly.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(n => n[(Features.Length + 1)..].Split('.')[0]).Distinct().Order();

    private static string Failing(TestResult result) => string.Join("\n", result.FailingTypeNames ?? []);
}
