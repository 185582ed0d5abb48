namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// The problems a duty officer sorts by, each with the words people use for it (停水 = 没水 = 断水 = 水压低 …). Data,
/// not logic: a word may name one category only; the longest word wins where words overlap.
/// </summary>
public sealed class ProblemCategories
{
    private readonly Gazetteer _matcher;

    public ProblemCategories(IReadOnlyDictionary<string, string[]> table)
    {
        Table = table;
        _matcher = new Gazetteer(table.SelectMany(kv => kv.Value.Append(kv.Key).Select(w => new GazetteerEntry(w, kv.Key, PlaceKind.Other, null))));
    }

    public IReadOnlyDictionary<string, string[]> Table { get; }

    /// <summary>Every word of every category (for the segmenter's user dictionary).</summary>
    public IEnumerable<string> Words => _matcher.Names;

    /// <summary>The categories named in folded text.</summary>
    public IReadOnlySet<string> Find(string folded) => _matcher.Match(folded).Select(m => m.Canonical).ToHashSet(StringComparer.Ordinal);

    public static ProblemCategories Default { get; } = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["停水"] = ["没水", "断水", "水压低", "水压小", "水压不足", "不来水", "没有水", "供水中断", "停止供水", "恢复供水", "自来水停", "水管爆裂", "爆管", "水管破裂", "供水管", "出水小", "用不上水", "断了水", "停了水", "接水", "送水车", "供水"],
        ["停电"] = ["断电", "没电", "跳闸", "限电", "供电中断", "恢复供电", "电压不稳", "电压低"],
        ["噪音"] = ["噪声", "扰民", "吵得", "太吵", "打桩", "夜间施工", "广场舞", "高音喇叭", "轰鸣", "睡不着", "睡不好", "没法睡", "响个不停", "音响", "音箱", "声音太大"],
        ["积水"] = ["内涝", "淹了", "被淹", "成河", "排水不畅", "蹚水", "趟水", "水漫", "泡在水里", "雨后积水"],
        ["污水"] = ["排污", "黑水", "偷排", "臭水", "下水道", "污水井", "冒污水", "化粪池", "排污口", "死鱼", "河水发黑", "油污", "废油", "油花", "水污染", "污染"],
        ["欠薪"] = ["拖欠工资", "讨薪", "工资没发", "不发工资", "工钱", "欠工资", "拖欠工钱", "农民工工资", "讨要工资", "结工资", "工资"],
        ["食品安全"] = ["食堂", "变质", "拉肚子", "腹痛", "腹泻", "食物中毒", "过期食品", "馊了", "吃坏肚子", "呕吐", "不新鲜", "有异物", "注水肉", "注水", "怪味", "午餐", "午饭"],
        ["收费"] = ["乱收费", "涨价", "多收费", "物业费", "停车费", "收费标准", "额外收费", "加收", "收钱"],
        ["垃圾"] = ["垃圾站", "清运", "中转站", "垃圾桶", "垃圾堆", "乱倒", "建筑垃圾", "垃圾成堆"],
        ["违建"] = ["违章建筑", "私搭乱建", "乱搭", "加盖", "违章搭建", "私自搭建", "违法建设", "扩建", "违规扩建", "私自扩建", "突击搭建", "搭建"],
        ["交通"] = ["拥堵", "堵车", "公交", "红绿灯", "信号灯", "占道", "乱停", "车祸", "相撞", "改线", "停靠", "斑马线", "限速", "超载", "校车", "追尾", "事故", "堵成", "堵得", "堵死", "水泄不通", "走不动", "违停", "黑车", "拉客", "线路调整"],
        ["道路"] = ["塌陷", "坍塌", "大坑", "路面破损", "坑洼", "裂缝", "裂纹", "路基", "塌了", "路面开裂", "全是坑", "坑洼不平", "坑坑洼洼"],
        ["路灯"] = ["照明", "灯不亮", "不亮", "黑灯瞎火", "路灯坏"],
        ["征收补偿"] = ["拆迁", "征收", "征地", "补偿款", "补偿标准", "补偿"],
        ["补贴"] = ["低保", "养老金", "高龄补贴", "未到账", "没到账", "补助", "救助金"],
        ["医疗"] = ["急诊", "看病", "医生", "值班医生", "就医", "挂号"],
        ["犬只"] = ["流浪狗", "咬伤", "狂犬", "恶犬", "野狗", "遛狗", "咬了", "狼狗", "大狗", "咬人", "不拴绳"],
        ["空气"] = ["焚烧", "烟尘", "粉尘", "黑烟", "扬尘", "刺鼻", "尘土", "秸秆", "烟雾", "烟味", "废气", "浓烟滚滚"],
        ["火灾"] = ["着火", "起火", "失火", "火情", "灭火", "消防车"],
        ["燃气"] = ["煤气", "天然气", "停气", "燃气泄漏", "漏气", "液化气"],
        ["电梯"] = ["困人", "电梯故障", "电梯坏", "电梯停"],
        ["摊贩"] = ["摆摊", "占道经营", "流动摊", "小贩", "烧烤摊", "夜宵摊", "摊点", "流动摊点"],
        ["环境卫生"] = ["厕所", "公厕", "脏乱", "卫生状况", "保洁", "没人打扫", "无人打扫"],
        ["教育"] = ["入学", "学位", "学区", "招生", "补课", "分流"],
    });
}
