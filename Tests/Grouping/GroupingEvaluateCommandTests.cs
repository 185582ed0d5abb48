using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Cli;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary><c>grouping evaluate PAIRS.tsv</c> on the app's own services, against a fixture with known output.</summary>
public class GroupingEvaluateCommandTests : IAsyncLifetime
{
    private const string Fixture =
        "id\tkind\tlabel\ta\tb\n" +
        "r1\tretelling\tdup\t#北岸镇# 滨江小区从前天晚上停水到现在，一千多户没水用，什么时候来水没人知道！\t听业主群里说滨江小区供水主管破了，整个小区断水快两天，老人只能拎着桶下楼接水。\n" +
        "h1\thotline\tdup\t来电人反映：幸福路中段路灯损坏一个多月未修，夜间无照明，要求尽快维修。\t幸福路中段的路灯坏了一个多月了，晚上黑乎乎一片，前几天有人在那里被抢了包。\n" +
        "p1\tsame-place\tdistinct\t滨江小区5栋电梯又坏了，今天早上困了三个人在里面半个小时。\t滨江小区东门的垃圾桶已经三天没人清了，垃圾堆得比人还高。\n" +
        "c1\trepost\tdup\t北岸大桥桥面出现多条裂缝，大货车照常通行。\t转发：北岸大桥桥面出现多条裂缝，大货车照常通行！！\n";

    private const string ExpectedJson =
        "{\"kinds\":{\"retelling\":{\"label\":\"dup\",\"pairs\":1,\"nearDuplicate\":0,\"sameMatter\":1}," +
        "\"hotline\":{\"label\":\"dup\",\"pairs\":1,\"nearDuplicate\":0,\"sameMatter\":1}," +
        "\"same-place\":{\"label\":\"distinct\",\"pairs\":1,\"nearDuplicate\":0,\"sameMatter\":0}," +
        "\"repost\":{\"label\":\"dup\",\"pairs\":1,\"nearDuplicate\":1,\"sameMatter\":1}}}";

    private readonly TestApp app = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "or-grouping-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        await PlaceSeed.SeedAsync(app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>(), CancellationToken.None);
        Directory.CreateDirectory(folder);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var output = new StringWriter();
        var code = await new GroupingEvaluateCommand().RunAsync(scope.ServiceProvider, args, output, CancellationToken.None);
        return (code, output.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Prints_per_kind_figures_then_the_json_line()
    {
        var (code, output) = await RunAsync("evaluate", Write("pairs.tsv", Fixture));

        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Matches(@"^kind\s+label\s+pairs\s+nearDuplicate\s+sameMatter$", lines[0]);
        Assert.Matches(@"^retelling\s+dup\s+1\s+0\s+1$", lines[1]);
        Assert.Matches(@"^same-place\s+distinct\s+1\s+0\s+0$", lines[3]);
        Assert.Equal(ExpectedJson, lines[^1]);
    }

    [Fact]
    public async Task With_matters_every_report_is_compared_with_every_other_and_reports_joined_through_another_are_one_matter()
    {
        const string a = "#北岸镇# 滨江小区从前天晚上停水到现在，一千多户没水用，什么时候来水没人知道！";
        const string b = "听业主群里说滨江小区供水主管破了，整个小区断水快两天，老人只能拎着桶下楼接水。";
        const string c = "来电人反映：滨江小区自前日晚起停水，供水主管破裂，请求尽快抢修恢复供水。";
        const string d = "来电人反映：幸福路中段路灯损坏一个多月未修，夜间无照明，要求尽快维修。";
        const string e = "幸福路中段的路灯坏了一个多月了，晚上黑乎乎一片，前几天有人在那里被抢了包。";
        var file = $"id\tkind\tlabel\ta\tb\nr1\tretelling\tdup\t{a}\t{b}\nr2\thotline\tdup\t{b}\t{c}\nh1\thotline\tdup\t{d}\t{e}\nx1\tother\tdistinct\t{a}\t{d}\n";

        var (code, output) = await RunAsync("evaluate", Write("matters.tsv", file), "--matters");

        Assert.Equal(0, code);
        // a and c are listed with b only, yet are one matter: 3 + 1 pairs within, 3 × 2 across.
        Assert.Contains("every pair of 5 reports of 2 matters", output);
        Assert.Matches(@"reports suggested with another of their matter\s+5/5 \(100\.00 %\)\s+\(pairs within a matter 4/4 ", output);
        Assert.Matches(@"reports suggested with one of another matter\s+0/5 \(0\.00 %\)\s+\(pairs across matters 0/6 ", output);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var (code, output) = await RunAsync("evaluate", Path.Combine(folder, "nope.tsv"));

        Assert.Equal(1, code);
        Assert.Contains("file not found", output);
        Assert.Contains("nope.tsv", output);
    }

    [Fact]
    public async Task A_bad_header_is_refused()
    {
        var (code, output) = await RunAsync("evaluate", Write("bad.tsv", "a\tb\n"));

        Assert.Equal(1, code);
        Assert.Contains("header", output);
    }

    [Fact]
    public async Task A_bad_label_is_refused_with_its_line()
    {
        var (code, output) = await RunAsync("evaluate", Write("label.tsv", "id\tkind\tlabel\ta\tb\nx1\tk\tsame\t甲\t乙\n"));

        Assert.Equal(1, code);
        Assert.Contains("line 2", output);
        Assert.Contains("same", output);
    }

    [Fact]
    public async Task Without_evaluate_it_prints_the_usage()
    {
        var (code, output) = await RunAsync("tune");

        Assert.Equal(2, code);
        Assert.Contains("usage", output);
    }
}
