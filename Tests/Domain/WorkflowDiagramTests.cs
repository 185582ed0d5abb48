using OpinionResponse.Domain.Cases;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>The README shows the workflow diagram generated from the transition table, and it is current.</summary>
public class WorkflowDiagramTests
{
    private const string Begin = "<!-- workflow:begin -->\n";
    private const string End = "<!-- workflow:end -->";
    private const string UpdateVariable = "UPDATE_README_DIAGRAM";

    private static readonly string[] Lines = CaseWorkflow.ToMermaid().Split('\n');

    [Theory]
    [MemberData(nameof(EveryState))]
    public void The_diagram_shows_every_state(CaseState state) =>
        Assert.Contains(Lines, line => line.StartsWith($"    {state} -->", StringComparison.Ordinal) ||
                                       line.Contains($"--> {state}", StringComparison.Ordinal));

    [Fact]
    public void The_diagram_shows_every_state_changing_trigger_on_its_arrow()
    {
        foreach (var row in CaseWorkflow.Transitions.Where(t => !t.KeepsState && t.Trigger != CaseTrigger.Merge))
        {
            Assert.Contains(Lines, line => line.StartsWith($"    {row.From} --> {row.To}: ", StringComparison.Ordinal) &&
                                           line.Contains($"{row.Trigger} (", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_diagram_shows_a_merge_from_every_open_state()
    {
        Assert.Contains(Lines, line => line.Contains("Merge (SectionChief)", StringComparison.Ordinal));
        foreach (var row in CaseWorkflow.Transitions.Where(t => t.Trigger == CaseTrigger.Merge))
        {
            Assert.Contains($"    {row.From} --> Merged", Lines);
        }
    }

    [Fact]
    public void Readme_shows_the_current_workflow_diagram()
    {
        var expected = "```mermaid\n" + CaseWorkflow.ToMermaid() + "```\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var source = Path.Combine(RepositoryRoot(), "README.md");
            File.WriteAllText(source, WithDiagram(File.ReadAllText(source).ReplaceLineEndings("\n"), expected));
            return;
        }

        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")).ReplaceLineEndings("\n");

        var shown = DiagramSpan(readme) is var (start, length) ? readme.Substring(start, length) : null;

        Assert.True(shown == expected,
            $"README.md does not show the current workflow between the lines '{Begin.Trim()}' and '{End}'. " +
            $"Regenerate it with: {UpdateVariable}=1 dotnet test Tests/Tests.csproj --filter {nameof(Readme_shows_the_current_workflow_diagram)}");
    }

    public static TheoryData<CaseState> EveryState() => new(Enum.GetValues<CaseState>());

    /// <summary>Where the text between the marker lines starts and how long it is; null when a marker is missing.</summary>
    private static (int Start, int Length)? DiagramSpan(string readme)
    {
        var begin = LineStart(readme, Begin, 0);
        if (begin < 0)
        {
            return null;
        }

        var start = begin + Begin.Length;
        var end = LineStart(readme, End, start);
        return end < 0 ? null : (start, end - start);
    }

    private static int LineStart(string text, string line, int from)
    {
        for (var at = text.IndexOf(line, from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(line, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || text[at - 1] == '\n')
            {
                return at;
            }
        }

        return -1;
    }

    private static string WithDiagram(string readme, string diagram)
    {
        if (DiagramSpan(readme) is var (start, length))
        {
            return readme[..start] + diagram + readme[(start + length)..];
        }

        var separator = readme.Length == 0 ? "" : readme.EndsWith('\n') ? "\n" : "\n\n";
        return readme + separator + "## Workflow\n\n" + Begin + diagram + End + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpinionResponse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OpinionResponse.sln above {AppContext.BaseDirectory}.");
    }
}
