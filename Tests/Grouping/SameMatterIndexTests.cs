using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>The same-matter index recounts its word weights as it grows, so common words stop being index keys.</summary>
public class SameMatterIndexTests
{
    private static readonly string[] Places = ["滨江小区", "东湖村", "幸福路", "老街", "北岸中学"];
    private static readonly string[] Problems = ["停水", "噪音扰民", "路灯不亮", "垃圾没人清运", "违章建筑"];
    private static readonly Lazy<MatterModel> Untrained = new(() => GroupingFixtures.Model());

    [Fact]
    public void Weights_counted_on_an_empty_window_are_recounted_once_the_index_has_grown()
    {
        var options = new GroupingOptions();
        var index = new SameMatterIndex(options);
        index.Reset(Untrained.Value, []);
        Assert.Equal(0, index.Model!.Weights.Documents);

        var added = Enumerable.Range(1, 300).Select(Item).ToList();
        foreach (var features in added)
        {
            index.Add(features);
        }

        // Counted on nothing, every word is as rare as can be: 物业 (in every text) is an index key of every item.
        Assert.Contains("w:物业", index.Keys(added[^1], index.Model.Weights));

        Assert.True(index.ReweighIfGrown());
        Assert.Equal(300, index.Model.Weights.Documents);
        Assert.DoesNotContain("w:物业", index.Keys(added[^1], index.Model.Weights));
        Assert.False(index.ReweighIfGrown()); // not grown since
        Assert.Equal(300, index.Count);

        // Still finds the earlier report of the same matter (same place, same problem) through the new postings.
        var again = Item(301, placeOf: 7, problemOf: 7);
        var found = index.Find(again, SameMatterStage.SuggestionsPerItem);
        Assert.NotEmpty(found);
        Assert.All(found, c => Assert.Contains(Places[7 % Places.Length], c.Other.Places));
    }

    [Fact]
    public void A_small_index_is_not_recounted_on_every_item()
    {
        var index = new SameMatterIndex(new GroupingOptions());
        index.Reset(Untrained.Value, []);
        foreach (var features in Enumerable.Range(1, 50).Select(Item))
        {
            index.Add(features);
        }

        Assert.False(index.ReweighIfGrown(minimumGrowth: 100));
        Assert.Equal(0, index.Model!.Weights.Documents);
    }

    private static MatterFeatures Item(int id) => Item(id, id, id / Places.Length);

    private static MatterFeatures Item(int id, int placeOf, int problemOf) =>
        Untrained.Value.Extract(new MatterDocument(id, string.Empty,
            $"{Places[placeOf % Places.Length]}{Problems[problemOf % Problems.Length]}，物业说不归他们管，第{id}次反映。", DateTime.UtcNow));
}
