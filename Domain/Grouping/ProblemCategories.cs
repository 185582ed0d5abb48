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
        _matcher = new Gazetteer(table.SelectMany(kv => (kv.Key.Contains(':', StringComparison.Ordinal) ? kv.Value : kv.Value.Append(kv.Key)).Select(w => new GazetteerEntry(w, kv.Key, PlaceKind.Other, null))));
    }

    public IReadOnlyDictionary<string, string[]> Table { get; }

    /// <summary>Every word of every category (for the segmenter's user dictionary).</summary>
    public IEnumerable<string> Words => _matcher.Names;

    /// <summary>
    /// The categories named in folded text. A kind of a broader problem is written "收费:停车": its words name both, so it
    /// shares the broader problem with a text that names only that, and differs from another kind of it (a car park's fee
    /// and a hospital's bill are two matters at one hospital).
    /// </summary>
    public IReadOnlySet<string> Find(string folded)
    {
        var found = _matcher.Match(folded).Select(m => m.Canonical).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in found.Where(c => c.Contains(':', StringComparison.Ordinal)).ToList())
        {
            found.Add(kind[..kind.IndexOf(':', StringComparison.Ordinal)]);
        }

        return found;
    }

    /// <summary>
    /// The first problem both name, where a broader problem counts only if they do not each name another kind of it; null
    /// when they share none.
    /// </summary>
    public static string? Shared(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) < 0 || !x.Contains(':', StringComparison.Ordinal) && OtherKinds(x, a, b))
            {
                continue;
            }

            return x;
        }

        return null;
    }

    /// <summary>Both name a kind of <paramref name="broad"/> and no kind is shared (the score runs this for every candidate: no allocation).</summary>
    private static bool OtherKinds(string broad, string[] a, string[] b)
    {
        var kindInA = false;
        foreach (var x in a)
        {
            if (IsKindOf(x, broad))
            {
                if (Array.IndexOf(b, x) >= 0)
                {
                    return false;
                }

                kindInA = true;
            }
        }

        if (kindInA)
        {
            foreach (var y in b)
            {
                if (IsKindOf(y, broad))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Each names a problem the other names neither as such, nor as its broader problem or a kind of it.</summary>
    public static bool EachNamesAnother(string[] a, string[] b) => HasOwn(a, b) && HasOwn(b, a);

    private static bool HasOwn(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) >= 0)
            {
                continue;
            }

            var related = false;
            foreach (var y in b)
            {
                if (IsKindOf(x, y) || IsKindOf(y, x))
                {
                    related = true;
                    break;
                }
            }

            if (!related)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKindOf(string category, string broad) =>
        category.Length > broad.Length + 1 && category[broad.Length] == ':' && category.StartsWith(broad, StringComparison.Ordinal);

    public static ProblemCategories Default { get; } = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["停水"] = ["没水", "断水", "水压低", "水压小", "水压不足", "不来水", "没有水", "供水中断", "停止供水", "恢复供水", "自来水停", "水管爆裂", "爆管", "水管破裂", "供水管", "出水小", "用不上水", "断了水", "停了水", "接水", "送水车", "供水", "没水了", "管子爆", "老管子", "停过"],
        ["停电"] = ["断电", "没电", "跳闸", "限电", "供电中断", "恢复供电", "电压不稳", "电压低", "电压偏低", "电压就低", "电压低得"],
        ["噪音"] = ["施工噪声", "施工噪音", "夜间持续施工", "破碎锤", "破碎机", "半夜还在干", "凌晨还在", "还在施工", "半夜施工", "飙车", "炸街", "吵醒", "噪声", "扰民", "吵得", "太吵", "打桩", "夜间施工", "广场舞", "高音喇叭", "轰鸣", "睡不着", "睡不好", "没法睡", "响个不停", "音响", "音箱", "声音太大", "健身舞", "跳操", "放音乐", "大喇叭", "促销录音", "织机", "机器轰", "轰轰响", "隔音", "蹦迪", "音量"],
        ["积水"] = ["进水", "泡水", "被泡", "倒灌", "内涝", "淹了", "被淹", "成河", "排水不畅", "蹚水", "趟水", "水漫", "泡在水里", "雨后积水", "就淹", "又淹", "泡了", "一楼进水", "排水管网", "成了小河", "水到脚", "没过脚", "没过小腿", "到膝盖"],
        ["污水"] = ["废水", "排水沟", "粪水", "返水", "满溢", "排污", "黑水", "偷排", "臭水", "下水道", "污水井", "冒污水", "化粪池", "排污口", "死鱼", "河水发黑", "油污", "废油", "油花", "水污染", "污染", "暗管", "印染", "黑臭", "臭水沟", "排水明渠", "明渠", "明沟", "淤积", "淤泥", "清淤", "河水变色", "变色"],
        ["欠薪"] = ["拖欠工资", "讨薪", "工资没发", "不发工资", "工钱", "欠工资", "拖欠工钱", "农民工工资", "讨要工资", "结工资", "工资"],
        ["食品安全"] = ["注了水", "三无", "肚子疼", "上吐下泻", "无证食品", "食堂", "变质", "拉肚子", "腹痛", "腹泻", "食物中毒", "过期食品", "馊了", "吃坏肚子", "呕吐", "不新鲜", "有异物", "注水肉", "注水", "怪味", "午餐", "午饭"],
        ["收费"] = ["涨钱", "上调至", "涨了", "上调", "押金", "手续费", "乱收费", "涨价", "多收费", "收费标准", "额外收费", "加收", "收钱"],
        ["收费:停车"] = ["停车费", "停车收费", "收停车费", "停车泊位"],
        ["收费:物业"] = ["物业费", "物业服务费", "物业管理费"],
        ["收费:学校"] = ["学费", "保育费", "课后服务费", "延时服务", "补课费", "校服费"],
        ["收费:医疗"] = ["医药费", "输液费", "诊疗费", "检查费", "挂号费", "药费", "护理费", "收费清单"],
        ["垃圾"] = ["没人收", "没人清", "未清运", "垃圾站", "清运", "中转站", "垃圾桶", "垃圾堆", "乱倒", "建筑垃圾", "垃圾成堆"],
        ["违建"] = ["彩钢房", "铁皮房", "圈占", "违章建筑", "私搭乱建", "乱搭", "加盖", "违章搭建", "私自搭建", "违法建设", "扩建", "违规扩建", "私自扩建", "突击搭建", "搭建", "搭了个棚", "棚子", "棚架", "违规建设", "盖了两层", "外扩", "院墙往外", "大棚房", "阳光房", "玻璃房", "加建", "盖了个", "设施农用地", "砌了", "砌墙", "砌围墙", "砌筑", "搭棚", "围起来", "圈起来", "圈进去", "院墙", "铁皮顶", "彩钢棚", "一间房", "间屋子"],
        ["交通:公交"] = ["站不停", "跳站", "甩站", "不停靠", "班次", "末班车", "晚点", "发车", "等了一个多小时", "才来一班", "一趟车", "中巴", "班车", "停运", "脱班", "末班", "首班", "最后一班", "才一班", "提前开走", "提前发车", "不按点", "发车间隔", "间隔过长", "时刻表", "车少了"],
        ["交通"] = ["接送车", "拥堵", "堵车", "公交", "红绿灯", "信号灯", "占道", "乱停", "车祸", "相撞", "改线", "停靠", "斑马线", "限速", "超载", "校车", "追尾", "事故", "堵成", "堵得", "堵死", "水泄不通", "走不动", "违停", "线路调整", "堵了", "又堵", "排到路口", "动不了", "停两排", "双排停车", "车缝"],
        ["道路"] = ["压坏", "压烂", "碾压", "井盖", "下沉", "路面", "塌陷", "坍塌", "大坑", "路面破损", "坑洼", "裂缝", "裂纹", "路基", "塌了", "路面开裂", "全是坑", "坑洼不平", "坑坑洼洼", "井口", "窨井", "铁盖子", "下水道盖", "盖子"],
        ["路灯"] = ["照明", "灯不亮", "不亮", "黑灯瞎火", "路灯坏", "一片漆黑", "黑漆漆", "漆黑", "摸黑", "打着手电", "太阳能灯", "一盏灯", "灯坏", "灯全", "没有灯", "灯都", "伸手不见五指", "黑的", "黑得", "没亮", "亮灯", "没通电"],
        ["征收补偿"] = ["拆迁", "征收", "征地", "补偿款", "补偿标准", "补偿"],
        ["补贴"] = ["低保", "养老金", "高龄补贴", "未到账", "没到账", "补助", "救助金"],
        ["医疗"] = ["医保", "报销", "急诊", "看病", "医生", "值班医生", "就医", "挂号", "医保卡", "医保结算", "就诊", "门诊"],
        ["犬只"] = ["流浪犬", "犬只", "狂犬疫苗", "狗咬", "流浪狗", "咬伤", "狂犬", "恶犬", "野狗", "遛狗", "咬了", "狼狗", "大狗", "咬人", "不拴绳"],
        ["空气"] = ["焚烧", "烟尘", "粉尘", "黑烟", "扬尘", "刺鼻", "尘土", "秸秆", "烟雾", "烟味", "废气", "浓烟滚滚", "渣土", "拉土", "抛洒", "撒了一路", "灰大", "点火", "烧秸秆", "喷漆", "异味", "油烟", "烟熏火燎", "稻草", "稻秆", "烧稻", "禁烧", "烟呛", "呛人", "堆火", "露天烧烤", "撸串", "孜然味", "烧烤店", "支炉子", "油烟直排", "烟全往"],
        ["火灾"] = ["着火", "起火", "失火", "火情", "灭火", "消防车", "着了火", "易燃", "火灾隐患"],
        ["燃气"] = ["煤气", "天然气", "停气", "燃气泄漏", "漏气", "液化气"],
        ["电梯"] = ["电梯停运", "关在电梯", "关里面", "困人", "电梯故障", "电梯坏", "电梯停"],
        ["摊贩"] = ["摆摊", "占道经营", "流动摊", "小贩", "烧烤摊", "夜宵摊", "摊点", "流动摊点", "小推车", "炸串", "卖水果", "卖红薯", "卖烤红薯", "卖菜的", "卖衣服", "摆到路", "出店经营", "商贩"],
        ["环境卫生"] = ["厕所", "公厕", "脏乱", "卫生状况", "保洁", "没人打扫", "无人打扫", "卫生间", "如厕", "公共厕所", "茅房", "茅厕", "旱厕", "洗手间", "方便一下"],
        ["水质"] = ["发黄", "浑浊", "黄泥", "泥沙", "沉淀", "水箱", "二次供水", "小虫", "水是黄", "是黄的"],
        ["渗漏"] = ["渗水", "漏水", "漏雨", "滴水", "发霉"],
        ["消防通道"] = ["生命通道", "安全通道", "占用通道", "堵塞通道"],
        ["护栏"] = ["栏杆", "围栏", "防护栏"],
        ["供暖"] = ["暖气", "取暖", "没有暖气", "不供暖"],
        ["废弃车辆"] = ["僵尸车", "废旧车辆", "破车"],
        ["养殖"] = ["养猪场", "养殖场", "猪粪", "畜禽粪污", "鸡粪", "养鸡场", "鸡场", "猪场", "蛋鸡", "粪污", "生猪", "养鸭", "鸭场"],
        ["门禁"] = ["门禁卡", "门禁系统", "随意进出"],
        ["教育"] = ["入学", "学位", "学区", "招生", "补课", "分流", "招生片区", "划片", "学区房", "片区调整", "上小学", "报名上学", "村小"],
        ["治安"] = ["被盗", "被偷", "小偷", "盗窃", "失窃", "安保", "保安"],
        ["危房"] = ["房梁", "怕塌", "要塌", "倒塌", "危险房屋"],
        ["灌溉"] = ["水渠", "灌渠", "沟渠", "泵站", "抽水机", "浇地", "旱死", "受旱", "干旱", "农田用水", "渠堵", "放不了水", "渠道淤积"],
        ["网络"] = ["宽带", "断网", "网断", "没网", "光缆", "光纤", "网络中断", "上不了网", "wifi", "光猫", "网速", "移动信号", "手机信号", "信号差", "没信号", "通信", "掉线"],
        ["快递"] = ["快递柜", "快件箱", "智能快件箱", "快递驿站", "驿站", "快递员", "快件", "取件", "上楼费", "送货上门", "派件", "投柜", "丰巢", "格子里", "塞柜子", "柜子里", "超时费", "保管费", "菜鸟"],
        ["外卖"] = ["外卖小哥", "送外卖", "外卖骑手", "骑手", "送餐", "配送员", "外卖员", "点外卖", "取餐", "拿外卖"],
        ["充电"] = ["充电桩", "充电口", "充电设施", "私拉电线", "飞线充电", "拉线充电", "电瓶车充电", "电动车充电", "充电费", "推进电梯", "带回家充电", "入户充电"],
        ["交通:营运"] = ["网约车", "非法营运", "黑车", "拉客", "揽客", "一口价", "抢单", "拒载", "营运车辆", "面包车拉人"],
        ["产权"] = ["房产证", "产权证", "不动产证", "不动产权", "办证", "产权证明"],
        ["计量"] = ["短斤缺两", "缺斤短两", "缺斤少两", "计量", "一称才", "这秤"],
    });
}
