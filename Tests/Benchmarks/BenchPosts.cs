using System.Text;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// Texts for the intake benchmark that look like a day of items: each new post is two or three sentences taken from
/// different hand-written posts about 北岸镇 (<c>Tests/data/tools/posts.txt</c>), with its own numbers; one in ten is a
/// repost of an earlier one (转发, sometimes with a comment). So about one item in ten has a near-duplicate, as on a real
/// desk — unlike <see cref="Templated"/>, the older generator kept as the worst case (<c>--templated</c>): a dozen places
/// and sixteen matters in one sentence pattern, where every item has hundreds of near-copies.
/// </summary>
public sealed class BenchPosts
{
    private static readonly Lazy<string[]> Sentences = new(LoadSentences);

    private readonly Random random;
    private readonly List<string> made = [];

    public BenchPosts(int seed) => random = new Random(seed);

    public static bool Templated { get; set; }

    /// <summary>The next post's title and text.</summary>
    public (string Title, string Content) Next()
    {
        var sentences = Sentences.Value;
        string content;
        if (made.Count > 10 && random.Next(10) == 0)
        {
            var original = made[random.Next(made.Count)];
            content = random.Next(3) == 0 ? $"转发：{original}" : $"{sentences[random.Next(sentences.Length)]} //转发：{original}";
        }
        else
        {
            var text = new StringBuilder();
            var count = 2 + random.Next(2);
            for (var i = 0; i < count; i++)
            {
                text.Append(sentences[random.Next(sentences.Length)]);
            }

            text.Append($"（{random.Next(1, 30)}号{random.Next(1, 20)}栋，{random.Next(1, 28)}日）");
            content = text.ToString();
        }

        made.Add(content);
        var title = content.Length > 24 ? content[..24] : content;
        return (title, content);
    }

    private static string[] LoadSentences()
    {
        var path = BenchData.Find(Path.Combine("Tests", "data", "tools", "posts.txt"))
            ?? throw new FileNotFoundException("Tests/data/tools/posts.txt not found above the program.");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('|', 4)[^1])
            .SelectMany(Split)
            .Where(s => s.Length >= 8)
            .Distinct()
            .ToArray();
    }

    /// <summary>Sentences with their end mark (。！？).</summary>
    private static IEnumerable<string> Split(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '。' or '！' or '？')
            {
                yield return text[start..(i + 1)].Trim();
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..].Trim() + "。";
        }
    }
}
