using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// Kinds of a broad problem (收费:停车, 收费:医疗, 交通:公交): two kinds of it at one place are two matters, a kind and the
/// broad problem alone are one.
/// </summary>
public class ProblemKindsTests
{
    [Fact]
    public void A_kind_names_its_broad_problem_too_and_two_kinds_share_none()
    {
        var parking = ProblemCategories.Default.Find(MatterText.Fold("医院门口收啥停车费"));
        var bill = ProblemCategories.Default.Find(MatterText.Fold("输液费收了两遍"));
        var broad = ProblemCategories.Default.Find(MatterText.Fold("又乱收费了"));

        Assert.Contains("收费", parking);
        Assert.Null(ProblemCategories.Shared([.. parking], [.. bill]));
        Assert.Equal("收费", ProblemCategories.Shared([.. parking], [.. broad]));
        Assert.Equal("收费:停车", ProblemCategories.Shared([.. parking], [.. ProblemCategories.Default.Find(MatterText.Fold("停车收费太贵"))]));
    }

    [Fact]
    public void A_hospitals_bill_and_its_car_parks_fee_are_two_matters_at_one_place()
    {
        const string bill = "来电人反映：其在北岸镇卫生院门诊输液治疗，收费清单中静脉输液费重复计收，请求卫生健康部门核查是否存在违规收费。";
        const string parking = "镇卫生院门口的停车场现在也收钱了，看个病停半小时5块，医院门口收啥停车费";
        const string sameBill = "在镇卫生院挂了个水，单子上输液费收了两遍，问收费窗口说是系统自动的";
        var model = GroupingFixtures.Model(bill, parking, sameBill);
        var (b, p, s) = (model.Extractor.Extract(1, "", bill, null), model.Extractor.Extract(2, "", parking, null), model.Extractor.Extract(3, "", sameBill, null));
        var w = new MatterWeights();

        Assert.True(MatterScorer.Score(b, p, model.Weights, w).Score < w.Threshold);
        Assert.True(MatterScorer.Score(b, s, model.Weights, w).Score >= w.Threshold);
    }
}
