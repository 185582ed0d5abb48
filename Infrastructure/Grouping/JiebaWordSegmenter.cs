using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;
using OpinionResponse.Domain.Grouping;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>
/// jieba.NET with part-of-speech tags (nr person, nt organisation). jieba reads its dictionaries from
/// <see cref="ConfigManager.ConfigFileBaseDir"/>; the build copies them to <c>jieba/</c> beside the binaries
/// (Infrastructure.csproj), so the app, the tests and the benchmark find them wherever they run. The place names and
/// problem words go into its user dictionary so "滨江小区" and "水压低" stay one word. jieba's dictionary is static and
/// not safe to change while cutting, hence the reader-writer lock: cuts only read it (the dictionary-only cut keeps no
/// state between calls), so several run at once — the same-matter stage extracts a batch's items on every core — and
/// adding words waits for them.
/// </summary>
public sealed class JiebaWordSegmenter : IWordSegmenter
{
    private static readonly Lock InitGate = new();
    private static readonly ReaderWriterLockSlim DictionaryGate = new();
    private static PosSegmenter? _shared;
    private readonly PosSegmenter _segmenter;

    public JiebaWordSegmenter()
    {
        lock (InitGate)
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
        var list = words.Where(w => w.Length >= 2).ToList();
        DictionaryGate.EnterWriteLock();
        try
        {
            var segmenter = new JiebaSegmenter();
            foreach (var word in list)
            {
                segmenter.AddWord(word, 2000, "n");
            }
        }
        finally
        {
            DictionaryGate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Cuts with the dictionary only (no HMM): jieba's part-of-speech HMM costs ~1 ms for a 100-character post, twelve
    /// times the dictionary cut, and decided none of the labelled pairs differently (docs/benchmarks-intake.md). What the HMM
    /// did find — people's names not in the dictionary — is put back by <see cref="JoinNames"/>.
    /// </summary>
    public IReadOnlyList<Domain.Grouping.Token> Cut(string text)
    {
        List<Domain.Grouping.Token> tokens;
        DictionaryGate.EnterReadLock();
        try
        {
            tokens = _segmenter.Cut(text, hmm: false).Select(p => new Domain.Grouping.Token(p.Word, p.Flag)).ToList();
        }
        finally
        {
            DictionaryGate.ExitReadLock();
        }

        return JoinNames(tokens);
    }

    /// <summary>
    /// A common surname cut off alone and followed by one or two single characters that can be part of a given name (or
    /// by a two-character given name jieba knows), e.g. 李/秀/梅, 赵/志强, 刘/海燕: one person (tag nr), 2–3 characters.
    /// </summary>
    internal static List<Domain.Grouping.Token> JoinNames(List<Domain.Grouping.Token> tokens)
    {
        var joined = new List<Domain.Grouping.Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Word.Length == 1 && Surnames.Contains(token.Word[0]) && i + 1 < tokens.Count)
            {
                var next = tokens[i + 1];
                if (next.Word.Length == 2 && next.Tag is "nr" or "nrfg")
                {
                    joined.Add(new Domain.Grouping.Token(token.Word + next.Word, "nr"));
                    i++;
                    continue;
                }

                var given = 0;
                while (given < 2 && i + 1 + given < tokens.Count && IsGivenNameChar(tokens[i + 1 + given]))
                {
                    given++;
                }

                if (given > 0)
                {
                    joined.Add(new Domain.Grouping.Token(string.Concat(tokens.Skip(i).Take(given + 1).Select(t => t.Word)), "nr"));
                    i += given;
                    continue;
                }
            }

            joined.Add(token);
        }

        return joined;
    }

    /// <summary>A single CJK character tagged as a noun or name part (not a verb, preposition, conjunction, measure word…).</summary>
    private static bool IsGivenNameChar(Domain.Grouping.Token token) =>
        token.Word.Length == 1 && token.Word[0] is >= '\u4e00' and <= '\u9fff' && token.Tag is "nr" or "ag" or "ng" or "n" or "nz" or "zg" or "a" or "x";

    private static readonly HashSet<char> Surnames =
        [.. "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
}
