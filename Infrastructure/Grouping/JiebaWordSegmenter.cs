using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;
using OpinionResponse.Domain.Grouping;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>
/// jieba.NET with part-of-speech tags (nr person, nt organisation). jieba reads its dictionaries from
/// <see cref="ConfigManager.ConfigFileBaseDir"/>; the build copies them to <c>jieba/</c> beside the binaries
/// (Infrastructure.csproj), so the app, the tests and the benchmark find them wherever they run. The place names and
/// problem words go into its user dictionary so "滨江小区" and "水压低" stay one word. jieba's dictionary is static and
/// not safe to change while cutting, hence the lock (a cut is ~0.1 ms; intake is one writer).
/// </summary>
public sealed class JiebaWordSegmenter : IWordSegmenter
{
    private static readonly Lock Gate = new();
    private static PosSegmenter? _shared;
    private readonly PosSegmenter _segmenter;

    public JiebaWordSegmenter()
    {
        lock (Gate)
        {
            if (_shared is null)
            {
                ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
                _shared = new PosSegmenter(new JiebaSegmenter());
            }

            _segmenter = _shared;
        }
    }

    /// <summary>Adds words to jieba's user dictionary (as nouns, frequent enough to win over their parts).</summary>
    public void AddWords(IEnumerable<string> words)
    {
        lock (Gate)
        {
            var segmenter = new JiebaSegmenter();
            foreach (var word in words.Where(w => w.Length >= 2))
            {
                segmenter.AddWord(word, 2000, "n");
            }
        }
    }

    public IReadOnlyList<Domain.Grouping.Token> Cut(string text)
    {
        lock (Gate)
        {
            return _segmenter.Cut(text).Select(p => new Domain.Grouping.Token(p.Word, p.Flag)).ToList();
        }
    }
}
