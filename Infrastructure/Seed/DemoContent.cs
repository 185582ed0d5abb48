using System.Globalization;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Seed;

/// <summary>
/// The demo story of 北岸镇: one method per case, oldest first (so case numbers follow opening order), then the items
/// still waiting in the triage queue. Every step is a domain call by the person who would have made it.
/// </summary>
internal static class DemoContent
{
    private const string Dzb = DemoAccounts.TownOffice;
    private const string Zzb = DemoAccounts.Comprehensive;
    private const string Cjb = DemoAccounts.Construction;
    private const string Shswb = DemoAccounts.SocialAffairs;
    private const string Bjc = DemoAccounts.BinjiangVillage;
    private const string Pcs = DemoAccounts.PoliceStation;

    private const string Monitor = "舆情监测平台";
    private const string Hotline = "12345政务服务便民热线（北岸镇分理）";
    private const string Inquiry = "县网络问政平台";
    private const string LocalForum = "北岸论坛";

    public static async Task WriteAsync(DemoDesk d)
    {
        await StreetLightsClosedAsync(d);
        await NeighbourTownDismissedAsync(d);
        await FireRumourPublishedAsync(d);
        var water = await WaterOutageDisposingAsync(d);
        await TransferStationRespondingAsync(d);
        await NightConstructionPlanDraftingAsync(d);
        await RoadCollapseDisposingAsync(d);
        await OldStreetCompensationMajorAsync(d);
        await FloodedJunctionPlanApprovalAsync(d);
        await SchoolCanteenReportingAsync(d);
        await RiverDischargeAssessingAsync(d);
        await WaterCompensationMergedAsync(d, water);
        await ElderlyAllowanceAssessingAsync(d);
        await MarketEncroachmentCollectedAsync(d);
        await BusRouteCollectedAsync(d);
        DismissedItems(d);
        TriageQueue(d);
    }

    /// <summary>Beijing date of a UTC time, as an official text writes it (11月27日).</summary>
    private static string CnDate(DateTime utc) => utc.AddHours(8).ToString("M月d日", CultureInfo.InvariantCulture);

    // ---- Closed: 滨江村路灯 (hotline, no public response, raiser called back) -------------------------------------

    private static async Task StreetLightsClosedAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 9, hours: 5));
        var call = d.Item(Channel.Hotline, at.Current.AddMinutes(-10),
            "滨江村沿江组路灯大面积不亮，夜间出行不安全",
            "来电人反映：滨江村沿江组至渡口一段约800米的路灯从上周起大部分不亮，晚上村民去渡口、老人散步都要打手电，前两天有位老人摔了一跤。希望尽快修复。",
            d.Duty.DisplayName, source: Hotline, author: "王先生", contact: "138****6621", location: "北岸镇滨江村沿江组", suggestedUnit: Bjc);
        var c = await d.OpenAsync(at.Current, d.Duty, "滨江村沿江组路灯损坏影响夜间出行",
            "群众来电反映滨江村沿江组至渡口约800米路段路灯大部分不亮，已有老人夜间摔倒，要求尽快修复。", Bjc, [Cjb], call);

        c.StartAssessment(d.Analyst, at.After(25));
        d.Assess(c, d.Analyst, at.After(25),
            "群众反映的基础设施维护问题，诉求具体合理，未发现网络扩散。", OpinionTrend.Stable,
            "若长期不修复可能发生夜间摔伤等安全事故并转为网络投诉；需关注老人夜间出行安全。",
            RiskLevel.General, responseNeeded: false, MatterKind.DirectInterest, "");
        c.RecordReport(d.Analyst, at.After(10), ReportLevel.OwnLevel, "党政办公室主任、分管副镇长", "OA内部流转", at.Current,
            "滨江村沿江组路灯损坏，研判为一般舆情，拟转城建办维修，由滨江村委会做好解释和临时照明。");
        c.SubmitReport(d.Analyst, at.After(5));
        c.SavePlan(d.Analyst, at.After(15),
            "1. 转城建办核查路灯线路及灯具，3日内修复；2. 修复前由滨江村委会安排临时照明并提醒村民注意安全。",
            "直接责任人：王强；承办：城建办吴芳、滨江村委会郑浩",
            "城建办会同供电所现场排查线路；村委会在渡口路段设置临时照明灯和警示牌。",
            "不作公开回应；修复后由村委会电话回访来电人，并在村务公开栏公示。");
        c.SubmitPlan(d.Analyst, at.After(5));
        c.SignPlan(d.Chief, at.After(45), "同意。请城建办抓紧，修复后回访来电群众。");
        var task = c.AssignTask(d.Chief, at.After(10), d.Unit(Cjb),
            "核查滨江村沿江组路灯线路及灯具并完成修复，反馈更换数量及恢复时间", at.Current.AddDays(3));
        await d.SaveAsync();

        c.AcceptTask(d.CjbOfficer, at.AfterHours(16), task.Id);
        c.GiveTaskFeedback(d.CjbOfficer, at.AfterHours(30), task.Id,
            "已会同供电所排查：线路老化短路导致整段跳闸。已更换电缆120米、LED灯具14盏，今日17时全部恢复照明，并改为光控加时控模式。");
        c.AddComment(d.VillageDuty, at.AfterHours(2), "村委会已实地查看，沿江组路灯全部正常亮起，临时照明已撤除。");
        c.Close(d.Chief, at.AfterHours(1),
            "路灯已全部修复（更换电缆120米、灯具14盏），滨江村委会实地核实正常，按一般舆情办结。",
            "已由滨江村委会于修复次日电话回访来电人王先生（138****6621），告知处理结果，来电人表示满意。",
            d.RaiserReachable(c), new FollowUp(true, Satisfaction.Satisfied, "来电人表示满意", d.Chief.DisplayName, at.Current), followUpDue: true);
    }

    // ---- Dismissed: a neighbouring province's 北岸镇 --------------------------------------------------------------

    private static async Task NeighbourTownDismissedAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 5, hours: 7));
        var post = d.Item(Channel.Forum, at.Current.AddMinutes(-20),
            "北岸镇征地补偿款被截留？村民维权无门",
            "我们北岸镇石门村的征地补偿款拖了两年没发到位，村干部说钱被镇里截留了，去问了几次都没有下文。（附图：“××省××市北岸镇人民政府”信访事项答复意见书）",
            Monitor, source: "江城论坛·百姓呼声", url: "https://bbs.jiangcheng.example/thread-882134-1-1.html", author: "石门村民",
            publishedMinutesBefore: 95, views: 3200, comments: 46, likes: 18, externalId: "jcbbs-882134");
        var c = await d.OpenAsync(at.Current, d.Duty, "网帖称“北岸镇征地补偿款被截留”",
            "论坛帖文称北岸镇石门村征地补偿款被截留两年，已有跟帖转发，需核实是否涉及本镇。", Dzb, [], post);

        c.StartAssessment(d.Analyst, at.After(20));
        c.AddComment(d.Analyst, at.After(30),
            "经查，本镇无“石门村”；帖文所附答复意见书落款为邻省同名北岸镇人民政府，文号格式与本镇不符。");
        c.Dismiss(d.Chief, at.After(20), "经核实，帖文所涉为邻省同名“北岸镇”事务，与本镇无关，不予处置。线索已通报县委网信办。");
    }

    // ---- Published: 网传“镇政府大楼起火”谣言 -----------------------------------------------------------------------

    private static async Task FireRumourPublishedAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 4, hours: 2));
        var weibo = d.Item(Channel.Weibo, at.Current.AddMinutes(-12),
            "北岸镇政府大楼着火了？浓烟滚滚",
            "#北岸镇# 刚刚路过镇政府，大楼后面冒出好多黑烟，听说里面还有人没出来，火灾好像挺严重的！！消防车都来了[视频]",
            Monitor, source: "新浪微博", url: "https://weibo.com/7312884501/PcXk2Lm9a", author: "北岸吃瓜小分队",
            publishedMinutesBefore: 18, location: "北岸镇人民政府", views: 128_000, shares: 3_460, comments: 2_180, likes: 5_200,
            externalId: "wb-5132208871903245");
        var c = await d.OpenAsync(at.Current, d.Duty, "网传“北岸镇政府大楼起火”不实信息",
            "微博及多个本地微信群流传“北岸镇政府大楼起火、有人被困”视频。值班员现场核实：系镇政府东侧餐馆后厨排烟，无火情、无人员被困。",
            Dzb, [Zzb, Pcs], weibo);

        var wechat = d.Item(Channel.WeChat, at.After(8),
            "微信群流传“镇政府起火有人被困”视频",
            "群聊截图：“北岸镇政府起火了，听说有人被困，消防车都来了”，附约15秒视频，画面中一栋楼后方冒出大量灰黑色烟雾。已在“北岸业主交流群”“北岸镇老乡群”等至少6个群出现。",
            d.Duty.DisplayName, source: "微信群（网格员截图报送）", location: "北岸镇");
        d.Attach(c, wechat, d.Duty, at.After(2));
        c.StartAssessment(d.Analyst, at.After(5));
        c.AddComment(d.Duty, at.After(5), "已电话联系县消防救援大队值班室，确认今日无北岸镇政府方向出警记录；现场照片已上传。");

        var repost = d.Item(Channel.Weibo, at.After(4),
            "北岸镇政府大楼着火了？浓烟滚滚",
            "转发：#北岸镇# 刚刚路过镇政府，大楼后面冒出好多黑烟，听说里面还有人没出来，火灾好像挺严重的！！",
            Monitor, source: "新浪微博", url: "https://weibo.com/6650137728/PcXn8Qa2b", author: "江城同城热点",
            publishedMinutesBefore: 6, views: 5_600, shares: 41, comments: 37, likes: 90, externalId: "wb-5132211390027781");
        repost.Dismiss(d.Duty, DismissReason.Duplicate, $"营销号原文转发，与已归入 {c.Number} 的原帖内容相同。", at.After(3));

        d.Assess(c, d.Analyst, at.After(12),
            "网络谣言。视频真实画面为镇政府东侧餐馆后厨集中排烟，配文捏造“起火”“有人被困”。", OpinionTrend.Rising,
            "涉及政府机关和“人员被困”，易引发恐慌和对政府的质疑；已进入多个本地微信群，存在被外地营销号二次传播的风险。",
            RiskLevel.Large, responseNeeded: true, MatterKind.Rumour,
            "评分中的互动量尚低，但系涉及政府机关的突发事件谣言，扩散快、易引发恐慌，按较大处置并须快速辟谣。");
        c.RecordReport(d.Analyst, at.After(5), ReportLevel.OwnLevel, "镇党委办公室、镇长", "电话+OA", at.Current,
            "网传镇政府大楼起火系谣言，已现场核实无火情，研判为较大。建议30分钟内发布辟谣信息，并移交派出所依法处理。");
        c.RecordReport(d.Analyst, at.After(5), ReportLevel.HigherLevel, "县委网信办", "舆情专报（政务内网）", at.Current,
            "北岸镇关于网传“镇政府大楼起火”的舆情专报：经现场核实系谣言，镇政府拟通过政务微博、政府网站发布辟谣信息，并提请对首发账号依法处置。");
        c.SubmitReport(d.Analyst, at.After(2));
        c.SavePlan(d.Analyst, at.After(8),
            "1. 立即通过政务微博、政府网站发布辟谣信息，配现场实拍照片；2. 联系首发账号删除不实内容；3. 移交北岸派出所依法调查处理；4. 持续监测48小时并评估回应效果。",
            "第一责任人：赵敏；直接责任人：王强；发布：陈静；监测：张伟、李娜",
            "北岸派出所对首发者调查取证；综治办组织网格员在相关微信群转发辟谣信息。",
            "网上发布辟谣信息（政务微博、政府网站同步）；涉及公安、消防的表述须经北岸派出所、县消防救援大队确认。");
        c.SubmitPlan(d.Analyst, at.After(2));
        c.SignPlan(d.Chief, at.After(8), "同意，尽快发布。");
        c.AddComment(d.Head, at.After(2), "同意处置方案。辟谣要快，事实要准，后续情况及时报我。");
        c.AssignTask(d.Chief, at.After(3), d.Unit(Pcs),
            "对首发“北岸镇政府大楼起火”不实信息的账号依法调查处理，反馈处理结果", at.Current.AddDays(3));
        c.BeginResponse(d.Press, at.After(3));
        var response = c.DraftResponse(d.Press, at.After(12), null, ResponseForm.OnlineRelease, "政务微博、政府网站",
            $"【辟谣】{CnDate(at.Current)}，网传“北岸镇政府大楼起火、有人被困”的视频引发关注。经核实，视频中的烟雾为镇政府东侧一餐馆后厨集中排烟所致，" +
            "镇政府大楼未发生火情，无人员被困，县消防救援大队当日未接到相关警情。该信息系不实信息，北岸派出所已依法介入调查。" +
            $"请广大群众不信谣、不传谣，以官方发布为准。\n北岸镇人民政府\n{CnDate(at.Current)}",
            ["北岸派出所", "县消防救援大队"]);
        await d.SaveAsync();

        c.SubmitResponse(d.Press, at.After(2), response.Id);
        c.ApproveResponse(d.Chief, at.After(8), response.Id, "同意发布。");
        c.RecordConfirmation(d.Press, at.After(5), response.Id, "北岸派出所", "副所长 马建国", at.Current, "已核对涉警表述。");
        c.RecordConfirmation(d.Press, at.After(5), response.Id, "县消防救援大队", "值班室 黄志明", at.Current, "当日无该方向出警记录，同意表述。");
        var published = at.After(5);
        c.PublishResponse(d.Press, published, response.Id, "政务微博、政府网站",
            $"https://www.beianzhen.example/xxgk/tzgg/{published.AddHours(8):yyyyMM}/t{published.AddHours(8):yyyyMMdd}_1128.html", published);
        c.AddComment(d.Analyst, at.AfterHours(6),
            "辟谣信息发布6小时：政务微博阅读2.1万、转发386；原视频已被发布者删除，相关微信群未见新的转发。");
        c.AddComment(d.Chief, at.AfterHours(4), "派出所电话告知：首发者已到所说明情况，承认未经核实发布，已批评教育，书面反馈待补。");
        c.AddComment(d.Analyst, at.AfterHours(14),
            "回应效果评估：话题热度24小时内明显回落，未见反弹。建议继续监测至48小时后办结。");
    }

    // ---- Disposing: 滨江小区停水 (one task fed back, one pending) --------------------------------------------------

    private static async Task<Case> WaterOutageDisposingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 2, hours: 2));
        var group = d.Item(Channel.WeChat, at.Current.AddMinutes(-25),
            "滨江小区停水快一天了，没有任何通知",
            "（业主群截图）“从昨天晚上10点开始就没水了，物业说是市政管网的问题，镇里也没有通知”“家里老人孩子洗漱都成问题”“有没有人组织一下去镇政府问问”。",
            d.Duty.DisplayName, source: "微信群（滨江小区业主群，网格员报送）", author: "滨江小区业主", location: "北岸镇滨江小区",
            suggestedUnit: Cjb);
        var c = await d.OpenAsync(at.Current, d.Duty, "滨江小区大面积停水",
            "滨江小区（约1100户）自前晚22时起停水，业主群及微博反映无停水通知、恢复时间不明，县融媒体中心已关注。", Cjb, [Zzb, Bjc], group);

        var weibo = d.Item(Channel.Weibo, at.After(15),
            "北岸镇滨江小区停水20小时，上千户居民生活受影响",
            "#北岸镇# 滨江小区从前晚停水到现在，一千多户人家没水用，问物业问自来水公司都说在查原因，什么时候来水没人知道。老人孩子怎么办？@北岸镇发布",
            Monitor, source: "新浪微博", url: "https://weibo.com/5839127764/PbQw7Hn3c", author: "江城生活观察",
            publishedMinutesBefore: 30, location: "北岸镇滨江小区", views: 46_000, shares: 620, comments: 890, likes: 1_500,
            media: "县融媒体中心", externalId: "wb-5131846620193384");
        d.Attach(c, weibo, d.Duty, at.After(5));
        c.StartAssessment(d.CjbOfficer, at.After(10));
        d.Assess(c, d.CjbOfficer, at.After(30),
            "涉及群众切身利益的突发民生问题，系市政供水主管破损所致；群众诉求为尽快恢复供水和及时告知。", OpinionTrend.Rising,
            "停水持续将加剧不满，业主群已有到镇政府反映的声音；微博已被县融媒体中心关注，有进一步扩散风险；独居老人用水困难。",
            RiskLevel.Large, responseNeeded: true, MatterKind.DirectInterest,
            "停水影响上千户居民生活，且已有主流媒体关注，按较大级别处置。");
        c.RecordReport(d.CjbOfficer, at.After(10), ReportLevel.OwnLevel, "镇党委办公室、镇长、分管副镇长", "电话+OA", at.Current,
            "滨江小区停水约20小时，研判为较大。已协调县自来水公司北岸营业所抢修，建议发布停水情况说明。");
        c.SubmitReport(d.CjbOfficer, at.After(5));
        c.SavePlan(d.CjbOfficer, at.After(15),
            "1. 协调县自来水公司北岸营业所抢修DN300供水主管；2. 抢修期间安排送水车定点供水；3. 综治办组织网格员入户告知，重点照顾独居老人；4. 恢复供水后发布情况通报。",
            "第一责任人：赵敏；直接责任人：周杰；承办：城建办吴芳、综治办网格员、滨江村委会；回应：陈静",
            "抢修现场设置警示围挡；在小区东门、西门设两个临时供水点；网格员为独居老人送水上门。",
            "政务微博发布停水原因和预计恢复时间，恢复供水后发布通报；涉及供水的内容须经县自来水公司确认。");
        c.SubmitPlan(d.CjbOfficer, at.After(5));
        c.SignPlan(d.CjbChief, at.After(15), "同意，抢修和送水同步进行。");
        var repair = c.AssignTask(d.CjbChief, at.After(5), d.Unit(Cjb),
            "协调县自来水公司抢修滨江小区DN300供水主管，反馈恢复供水时间", at.Current.AddHours(12));
        c.AssignTask(d.CjbChief, at.After(1), d.Unit(Zzb),
            "组织网格员入户告知停水原因和临时供水点，重点照顾独居老人，收集群众诉求（含损失赔偿）", at.Current.AddDays(3));
        await d.SaveAsync();

        c.AcceptTask(d.CjbOfficer, at.After(14), repair.Id);
        c.AddComment(d.Chief, at.After(20), "请城建办每2小时报一次抢修进度，恢复供水时间确定后第一时间告知陈静。");
        c.GiveTaskFeedback(d.CjbOfficer, at.AfterHours(9), repair.Id,
            "DN300主管破损点已于今日6时40分修复，7时30分起逐步恢复供水，9时全小区水压正常。抢修期间送水车累计供水约40吨。");
        c.AddComment(d.Analyst, at.AfterHours(6),
            "恢复供水后微博话题热度下降，但仍有业主追问损失赔偿和今后的停水通知机制，建议回应中一并说明。");
        return c;
    }

    // ---- Responding: 幸福路垃圾中转站异味 (a response in review, 会签 by 县城市管理局) -----------------------------

    private static async Task TransferStationRespondingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 1, hours: 20));
        var inquiry = d.Item(Channel.OnlineInquiry, at.Current.AddMinutes(-30),
            "幸福路垃圾中转站臭味熏天，夏天没法开窗",
            "我家住幸福路锦绣家园，离垃圾中转站不到50米。这半个月中转站的垃圾经常隔夜不清运，恶臭熏天，污水流到路上，晚上不敢开窗。请问镇里什么时候能解决？能不能把中转站搬走？",
            Monitor, source: Inquiry, url: "https://wlwz.jiangcheng.example/question/118734", author: "锦绣家园业主",
            publishedMinutesBefore: 240, location: "北岸镇幸福路锦绣家园", views: 1_860, comments: 35, likes: 120, externalId: "wlwz-118734");
        var c = await d.OpenAsync(at.Current, d.Duty, "幸福路垃圾中转站异味扰民",
            "网络问政及本地论坛反映幸福路垃圾中转站垃圾隔夜不清运、恶臭、渗滤液外流，周边锦绣家园业主要求整改或搬迁。", Dzb, [Cjb], inquiry);

        c.StartAssessment(d.Analyst, at.After(35));
        var forum = d.Item(Channel.Forum, at.After(45),
            "锦绣家园旁垃圾站到底归谁管？",
            "转发网络问政截图。多位业主跟帖称垃圾站渗滤液流进雨水井，附照片；有业主提议大家集体到镇政府反映。",
            Monitor, source: LocalForum, url: "https://bbs.beianzhen.example/t/20931", author: "锦绣家园老住户",
            publishedMinutesBefore: 50, views: 5_400, comments: 68, likes: 210, externalId: "babbs-20931");
        d.Attach(c, forum, d.Duty, at.After(10));
        d.Assess(c, d.Analyst, at.After(20),
            "涉及群众切身利益的环境卫生问题，诉求合理，部分业主有集体反映的意向。", OpinionTrend.Stable,
            "若清运不及时问题持续，可能出现业主集体到镇政府反映；高温天气异味加重，网络跟帖可能继续增加。",
            RiskLevel.Large, responseNeeded: true, MatterKind.DirectInterest,
            "业主有集体反映意向，环境问题易持续发酵，按较大级别处置。");
        c.RecordReport(d.Analyst, at.After(10), ReportLevel.OwnLevel, "镇党委办公室、分管副镇长", "OA内部流转", at.Current,
            "幸福路垃圾中转站异味问题研判为较大，拟由城建办督促环卫公司整改，并在政府网站发布整改情况。");
        c.SubmitReport(d.Analyst, at.After(5));
        c.SavePlan(d.Analyst, at.After(25),
            "1. 城建办督促环卫公司落实日产日清，中转站每日冲洗消杀；2. 维修渗滤液收集池及站前排水沟；3. 研究中转站加装除臭设备；4. 在网络问政平台答复并在政府网站发布整改情况。",
            "直接责任人：王强；承办：城建办周杰、吴芳；回应：陈静",
            "城建办约谈环卫保洁公司；组织业主代表现场查看整改；每周两次巡查。",
            "政府网站发布整改情况通报并在网络问政平台答复；涉及环卫作业标准的内容须经县城市管理局确认。");
        c.SubmitPlan(d.Analyst, at.After(5));
        c.SignPlan(d.Chief, at.After(45), "同意。除臭设备方案请城建办一周内报来。");
        var task = c.AssignTask(d.Chief, at.After(10), d.Unit(Cjb),
            "督促环卫公司落实垃圾日产日清和每日冲洗消杀，维修渗滤液收集池，反馈整改前后照片", at.Current.AddDays(3));
        await d.SaveAsync();

        c.AcceptTask(d.CjbOfficer, at.AfterHours(1), task.Id);
        c.GiveTaskFeedback(d.CjbOfficer, at.AfterHours(30), task.Id,
            "已约谈环卫保洁公司，清运频次由每日1次增至2次（7:00、16:00），每日冲洗消杀；渗滤液收集池及站前排水沟已修复；除臭设备厂家正在出方案。整改前后照片已上传。");
        c.AddComment(d.CjbChief, at.AfterHours(1), "除臭设备方案预计下周二报党政办。");
        c.BeginResponse(d.Press, at.AfterHours(2));
        var response = c.DraftResponse(d.Press, at.After(40), null, ResponseForm.OnlineRelease, "政府网站、县网络问政平台",
            "关于幸福路垃圾中转站异味问题的情况通报\n近期，有网友反映幸福路垃圾中转站异味扰民。镇政府高度重视，立即组织城建办现场核查。经查，中转站近期存在垃圾清运不及时、渗滤液收集池破损等问题。" +
            "目前已采取以下措施：一是清运频次由每日一次增至两次，做到日产日清；二是每日对站内外冲洗消杀；三是已修复渗滤液收集池和站前排水沟；四是正在制定除臭设备加装方案。" +
            "欢迎广大群众继续监督，如发现问题可通过县网络问政平台或镇政府值班电话反映。\n北岸镇人民政府",
            ["县城市管理局"]);
        await d.SaveAsync();

        c.SubmitResponse(d.Press, at.After(15), response.Id);
    }

    // ---- PlanDrafting: 沿江路施工夜间扰民 (plan v1 rejected, v2 being revised) ----------------------------------------

    private static async Task NightConstructionPlanDraftingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 1, hours: 18));
        var call = d.Item(Channel.Hotline, at.Current.AddMinutes(-5),
            "沿江路施工每天半夜还在打桩，吵得睡不着",
            "来电人住沿江路滨江花园，反映沿江路改造工程近一周每天夜里11点后仍在打桩、运渣土，噪音很大，孩子马上中考没法休息，希望镇里管一管。",
            d.Duty.DisplayName, source: Hotline, author: "陈女士", contact: "139****0625", location: "北岸镇沿江路滨江花园", suggestedUnit: Cjb);
        var c = await d.OpenAsync(at.Current, d.Duty, "沿江路改造工程夜间施工扰民",
            "群众来电及本地论坛反映沿江路改造工程连续一周23时后打桩、运渣土，噪声扰民，质疑夜间施工许可。", Cjb, [Zzb], call);

        c.StartAssessment(d.CjbOfficer, at.After(30));
        var forum = d.Item(Channel.Forum, at.After(30),
            "沿江路工地夜间施工有没有审批？",
            "半夜两点还有渣土车轰隆隆开过去，施工方说有夜间施工许可，谁批的？能不能公示一下？",
            Monitor, source: LocalForum, url: "https://bbs.beianzhen.example/t/21077", author: "沿江路住户",
            publishedMinutesBefore: 40, views: 4_200, comments: 57, likes: 180, externalId: "babbs-21077");
        d.Attach(c, forum, d.Duty, at.After(10));
        d.Assess(c, d.CjbOfficer, at.After(30),
            "工程建设引发的噪声扰民问题，群众对夜间施工许可情况存疑。", OpinionTrend.Stable,
            "中考临近，夜间施工持续将激化矛盾；若夜间施工许可情况不公开，可能引发对监管的质疑。",
            RiskLevel.General, responseNeeded: true, MatterKind.DirectInterest, "");
        c.RecordReport(d.CjbOfficer, at.After(10), ReportLevel.OwnLevel, "镇党委办公室", "OA内部流转", at.Current,
            "沿江路改造工程夜间施工扰民，研判为一般，拟约谈施工单位并核查夜间施工许可。");
        c.SubmitReport(d.CjbOfficer, at.After(5));
        c.SavePlan(d.CjbOfficer, at.After(35),
            "1. 责成施工单位停止22时后的高噪声作业；2. 渣土运输调整至22时前完成。",
            "承办：城建办吴芳",
            "城建办夜间巡查。",
            "电话回复来电人。");
        c.SubmitPlan(d.CjbOfficer, at.After(5));
        c.RejectPlan(d.CjbChief, at.AfterHours(3),
            "方案过于简单：一是未核实夜间施工许可的审批情况；二是没有明确施工单位整改时限和违规处理措施；三是论坛网友要求公示许可，回应方式应考虑网上公开。请补充后再报。");
        c.SavePlan(d.CjbOfficer, at.AfterHours(18),
            "1. 核查施工单位夜间施工许可的审批范围和期限，超范围作业立即叫停；2. 责成施工单位22时至次日6时停止打桩等高噪声作业，渣土运输22时前完成，3日内落实；3. 中考、高考期间全面停止夜间施工；4. 城建办、综治办每晚22时后联合巡查，违规即拍照取证移交县综合执法局。",
            "直接责任人：周杰；承办：城建办吴芳、综治办",
            "约谈施工单位项目经理；在滨江花园张贴施工时间公告和投诉电话。",
            "");
        c.AddComment(d.CjbOfficer, at.AfterHours(10), "已向县住建局发函核实夜间施工许可，回复后补全回应方式再报周主任。");
    }

    // ---- Disposing: 村道塌陷 (task accepted, in progress) ----------------------------------------------------------

    private static async Task RoadCollapseDisposingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(days: 1, hours: 3));
        var weibo = d.Item(Channel.Weibo, at.Current.AddMinutes(-15),
            "北岸镇滨江村村道塌了个大坑，电动车差点掉进去",
            "滨江村通往江堤的村道中间突然坍塌，一个两米多宽的大坑，晚上没灯根本看不见，刚才有人骑电动车差点掉进去。[图片]",
            Monitor, source: "新浪微博", url: "https://weibo.com/3390862257/PcB1s8Kd0", author: "北岸小李",
            publishedMinutesBefore: 40, location: "北岸镇滨江村江堤路", suggestedUnit: Bjc,
            views: 8_600, shares: 95, comments: 140, likes: 330, externalId: "wb-5132529964011275");
        var c = await d.OpenAsync(at.Current, d.VillageDuty, "滨江村江堤路村道塌陷",
            "滨江村通往江堤的村道出现约2米×1.5米塌陷坑，暂无人员受伤，群众担心夜间通行安全。", Bjc, [Cjb], weibo);

        c.StartAssessment(d.VillageDuty, at.After(10));
        c.AddComment(d.VillageDuty, at.After(15), "已到现场，塌陷坑深约1米，已设置围挡和警示灯，安排村干部值守。");
        d.Assess(c, d.Analyst, at.After(35),
            "突发的道路安全隐患，疑为地下排水管破损掏空路基所致；群众关注通行安全和修复时间。", OpinionTrend.Stable,
            "夜间通行存在坠坑风险；若修复拖延，可能引发对村道建设质量的质疑；汛期前需排查同类隐患。",
            RiskLevel.Large, responseNeeded: true, MatterKind.EmergencyOrDisaster,
            "评分仅计内容敏感度，但塌陷存在人员伤亡风险且临近汛期，按较大级别处置以确保抢修力量到位。");
        c.RecordReport(d.Analyst, at.After(10), ReportLevel.OwnLevel, "镇党委办公室、镇应急管理办公室", "电话+OA", at.Current,
            "滨江村江堤路村道塌陷，现场已封闭，研判为较大，拟由城建办组织勘察修复。");
        c.SubmitReport(d.Analyst, at.After(2));
        c.SavePlan(d.Analyst, at.After(18),
            "1. 塌陷段封闭管理，设置围挡、警示灯并专人值守；2. 城建办组织专业机构勘察塌陷原因并制定修复方案；3. 排查江堤路沿线同类隐患；4. 修复后通过政务微博通报。",
            "直接责任人：王强；承办：城建办吴芳、滨江村委会郑浩；回应：陈静",
            "村委会24小时值守并引导车辆绕行；城建办联系检测单位现场勘察。",
            "勘察结论明确后在政务微博发布塌陷原因、修复计划和绕行提示。");
        c.SubmitPlan(d.Analyst, at.After(5));
        c.SignPlan(d.Chief, at.After(25), "同意。勘察结论出来前不得恢复通行。");
        var task = c.AssignTask(d.Chief, at.After(5), d.Unit(Cjb),
            "组织专业机构对江堤路塌陷段进行勘察，制定修复方案并实施，反馈勘察结论和完工时间", at.Current.AddDays(3));
        await d.SaveAsync();

        c.AcceptTask(d.CjbOfficer, at.AfterHours(2), task.Id);
        c.AddComment(d.CjbOfficer, at.AfterHours(14), "检测单位已进场，初步判断为地下雨水管接口破损导致路基掏空，勘察报告预计明天出。");
    }

    // ---- PlanApproval, 重大: 老街拆迁补偿 (SectionChief signed, UnitHead to sign) -----------------------------------

    private static async Task OldStreetCompensationMajorAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(hours: 22));
        var weibo = d.Item(Channel.Weibo, at.Current.AddMinutes(-20),
            "北岸老街拆迁补偿标准太低，几十户居民要去上访",
            "#北岸镇老街改造# 老街的房子按每平方米3800元补偿，周边新房都卖到7000多了，这点补偿连个厕所都买不到！几十户老住户准备明天一起去县里上访，大家都转起来！[图片][图片]",
            Monitor, source: "新浪微博", url: "https://weibo.com/2287456190/PcH4v0Tq7", author: "老街坊阿明",
            publishedMinutesBefore: 45, location: "北岸镇老街片区", views: 260_000, shares: 4_800, comments: 6_200, likes: 9_000,
            media: "县融媒体中心、市晚报", externalId: "wb-5132688205517409");
        var c = await d.OpenAsync(at.Current, d.Duty, "北岸老街拆迁补偿标准引发质疑，有居民称将集体上访",
            "微博、本地论坛及市晚报新闻跟帖集中质疑老街片区征收补偿标准偏低、方案不公开，有网民号召居民赴县上访，县融媒体中心、市晚报已关注。",
            Dzb, [Cjb, Zzb], weibo);

        c.StartAssessment(d.Analyst, at.After(25));
        var forum = d.Item(Channel.Forum, at.After(25),
            "关于北岸老街片区征收补偿的几点疑问（长文）",
            "我是老街17号住户。一、补偿评估机构是谁选的？二、评估时点为什么定在去年？三、产权调换的安置房在哪里、什么时候交房？四、店面的停业损失怎么算？希望镇政府公开征收补偿方案全文。",
            Monitor, source: LocalForum, url: "https://bbs.beianzhen.example/t/21140", author: "老街17号",
            publishedMinutesBefore: 70, views: 38_000, comments: 920, likes: 1_500, externalId: "babbs-21140");
        d.Attach(c, forum, d.Duty, at.After(5));
        var news = d.Item(Channel.NewsComment, at.After(65),
            "市晚报《北岸老街改造启动征收》新闻跟帖",
            "跟帖热评：“补偿标准到底怎么定的，为什么不公开？”（点赞2300）“老街是我们几代人的家，不能说拆就拆”（点赞1800）“支持改造，但补偿要公平”（点赞1200）",
            Monitor, source: "市晚报客户端", url: "https://news.shiwanbao.example/a/20931477", author: "市晚报",
            publishedMinutesBefore: 180, comments: 540, likes: 5_300, media: "市晚报", externalId: "swb-20931477");
        d.Attach(c, news, d.Duty, at.After(5));
        d.Assess(c, d.Analyst, at.After(25),
            "涉及群众切身利益的重大决策舆情，核心是对征收补偿标准和评估程序的误解与不满，部分表述情绪化（“连个厕所都买不到”）。", OpinionTrend.Rising,
            "存在群体性上访风险（网帖号召赴县上访）；主流媒体已介入，可能形成负面报道；若补偿方案不公开，误解将持续发酵。",
            RiskLevel.Major, responseNeeded: true, MatterKind.PolicyMisreading,
            "涉及数十户居民的征收补偿，有群体上访苗头且主流媒体已介入，按重大处置。");
        c.RecordReport(d.Analyst, at.After(10), ReportLevel.OwnLevel, "镇党委办公室、镇长、分管副镇长", "电话+OA", at.Current,
            "老街片区征收补偿舆情研判为重大，存在群体上访风险，已启动处置预案，请领导审定处置方案。");
        c.RecordReport(d.Analyst, at.After(10), ReportLevel.HigherLevel, "县委网信办、县住建局", "舆情专报（政务内网+电话）", at.Current,
            "北岸镇关于老街片区征收补偿舆情的专报：网民质疑补偿标准偏低、方案不公开，有号召赴县上访的帖文，县融媒体中心、市晚报已关注。镇政府已研判为重大并启动处置，拟公开补偿方案并召开居民座谈会。");
        c.SubmitReport(d.Analyst, at.After(5));
        c.SavePlan(d.Analyst, at.After(65),
            "1. 在政府网站全文公开老街片区征收补偿方案、评估机构选定程序和评估时点依据；2. 召开老街居民座谈会，由分管副镇长、城建办和评估机构现场答疑；3. 综治办、派出所制定信访稳控预案，对拟上访群众逐户走访；4. 邀请县住建局专家解读补偿政策。",
            "第一责任人：赵敏（镇长）；直接责任人：王强；承办：城建办周杰、综治办；回应：陈静",
            "分片包户走访老街68户居民；在老街口设立征收政策咨询点；对号召上访的网民进行沟通劝导。",
            "政府网站公开补偿方案 + 专家解读文章，视情况召开新闻发布会；回应内容须经县住建局确认。");
        c.SubmitPlan(d.Analyst, at.After(5));
        c.SignPlan(d.Chief, at.After(55), "同意。方案公开前请法律顾问把关。请赵镇长审定。");
        c.AddComment(d.Chief, at.After(5), "已电话报告赵镇长，赵镇长开完县里的会后审签。");
        c.AddComment(d.Duty, at.At(d.Ago(minutes: 30)), "又监测到一条老街居民在镇政府门口聚集的微博（在待研判队列），转发量仍在上升。");
    }

    // ---- PlanApproval: 幸福路积水 (awaiting the SectionChief) -------------------------------------------------------

    private static async Task FloodedJunctionPlanApprovalAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(hours: 9));
        var weibo = d.Item(Channel.Weibo, at.Current.AddMinutes(-35),
            "一下雨幸福路就成河，公交车都开不过去",
            "幸福路与建设路交叉口，每次下大雨积水都到膝盖，今天早上又淹了，电动车熄火一片，孩子上学只能蹚水。说了好几年了，排水什么时候能改造？[视频]",
            Monitor, source: "新浪微博", url: "https://weibo.com/6012783345/PcN9b2Ue5", author: "幸福路上的猫",
            publishedMinutesBefore: 50, location: "北岸镇幸福路与建设路交叉口", suggestedUnit: Cjb,
            views: 15_800, shares: 210, comments: 380, likes: 760, externalId: "wb-5132901137764452");
        var c = await d.OpenAsync(at.Current, d.Duty, "幸福路与建设路交叉口雨后严重积水",
            "今晨降雨后幸福路与建设路交叉口积水及膝，车辆熄火、学生蹚水上学，网民称问题存在多年，要求改造排水。", Cjb, [], weibo);

        c.StartAssessment(d.CjbOfficer, at.After(40));
        d.Assess(c, d.CjbOfficer, at.After(50),
            "城镇排水设施短板问题，群众诉求长期存在，本次降雨后集中反映。", OpinionTrend.Stable,
            "汛期将至，若再遇强降雨可能造成车辆被困、行人跌倒；“说了好几年”反映对政府作为的不满。",
            RiskLevel.General, responseNeeded: true, MatterKind.DirectInterest, "");
        c.RecordReport(d.CjbOfficer, at.After(10), ReportLevel.OwnLevel, "镇党委办公室、分管副镇长", "OA内部流转", at.Current,
            "幸福路交叉口积水问题研判为一般，拟汛前清淤并将排水改造列入明年计划。");
        c.SubmitReport(d.CjbOfficer, at.After(5));
        c.SavePlan(d.CjbOfficer, at.After(70),
            "1. 汛前对幸福路、建设路排水管网清淤疏通；2. 在交叉口增设两处雨水篦子，强降雨时配置移动泵车；3. 将幸福路排水改造列入明年城建项目计划并向县住建局争取资金；4. 强降雨期间安排人员值守、设置警示标志。",
            "直接责任人：周杰；承办：城建办吴芳",
            "本周内完成管网清淤；降雨预警发布后泵车提前进场。",
            "在政府网站和政务微博发布排水改造计划及汛期应急措施。");
        c.SubmitPlan(d.CjbOfficer, at.After(5));
    }

    // ---- Reporting: 北岸中学食堂 (assessed, own-level report recorded, not yet submitted) ----------------------------

    private static async Task SchoolCanteenReportingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(hours: 8));
        var group = d.Item(Channel.WeChat, at.Current.AddMinutes(-20),
            "家长群：北岸中学食堂饭菜有异味，几个孩子吃完拉肚子",
            "（家长群截图）“孩子说今天中午的鸡块有股味道”“我家的也说肚子疼，下午请假回来了”“学校食堂到底有没有人管？”“要不要一起去学校问个说法”",
            d.Duty.DisplayName, source: "微信群（家长提供截图）", location: "北岸中学", suggestedUnit: Shswb);
        var c = await d.OpenAsync(at.Current, d.Duty, "北岸中学学生反映食堂饭菜异味、部分学生腹痛",
            "家长微信群及微博反映北岸中学食堂午餐鸡块有异味，有学生餐后腹痛请假，家长质疑食堂管理。", Dzb, [Shswb], group);

        c.StartAssessment(d.Analyst, at.After(15));
        var weibo = d.Item(Channel.Weibo, at.After(25),
            "北岸中学食堂出问题了？多名学生腹痛",
            "听说北岸中学今天好几个学生吃了食堂午饭后肚子疼被接回家，学校一直没说法，家长都很着急。#北岸中学#",
            Monitor, source: "新浪微博", url: "https://weibo.com/7765023198/PcQ3m1Yh8", author: "北岸妈妈圈",
            publishedMinutesBefore: 35, location: "北岸中学", views: 21_000, shares: 360, comments: 510, likes: 880,
            externalId: "wb-5133012846675530");
        d.Attach(c, weibo, d.Duty, at.After(5));
        c.AddComment(d.Analyst, at.After(15),
            "已联系社会事务办及学校核实：当日有5名学生反映腹部不适，均已由家长接回，无就医住院；食堂当日留样已封存待检。");
        d.Assess(c, d.Analyst, at.After(40),
            "涉及未成年人食品安全的民生舆情，目前为家长群和个别微博反映，尚未经检测证实。", OpinionTrend.Rising,
            "若检测结果公布不及时，可能演变为“学校隐瞒”的质疑；家长可能集体到校；需防止被夸大为“集体中毒”的不实传播。",
            RiskLevel.Large, responseNeeded: true, MatterKind.PublicMorality,
            "涉及未成年人饮食安全，家长群情绪激烈且有到校讨说法的苗头，按较大级别研判。");
        c.RecordReport(d.Analyst, at.After(30), ReportLevel.OwnLevel, "镇党委办公室、分管副镇长", "电话+OA", at.Current,
            "北岸中学食堂舆情研判为较大，留样已封存送检，建议同步报县教育局、县市场监管局。");
        c.AddComment(d.Chief, at.After(20), "请同步报县教育局、县市场监管局（上级），留样检测结果出来后再定回应口径。");
    }

    // ---- Assessing: 滨江村南河排污 ---------------------------------------------------------------------------------

    private static async Task RiverDischargeAssessingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(hours: 3, minutes: 10));
        var weibo = d.Item(Channel.Weibo, at.Current.AddMinutes(-15),
            "滨江村小河又冒黑水了，鱼都死了",
            "滨江村南边那条小河，这几天一到晚上就有黑水从排污口流出来，恶臭，河面上漂着死鱼。是不是上游厂子偷排？环保部门管不管？[图片][视频]",
            Monitor, source: "新浪微博", url: "https://weibo.com/5520981173/PcT6z4Wr1", author: "江边钓鱼人",
            publishedMinutesBefore: 25, location: "北岸镇滨江村南河", suggestedUnit: Bjc,
            views: 9_400, shares: 180, comments: 260, likes: 410, externalId: "wb-5133105529981046");
        var c = await d.OpenAsync(at.Current, d.Duty, "滨江村南河排污口夜间排放黑水",
            "网民反映滨江村南河排污口连续数晚排放黑色污水，伴有恶臭和死鱼，怀疑上游企业偷排。", Bjc, [Cjb], weibo);

        c.StartAssessment(d.Analyst, at.After(20));
        var forum = d.Item(Channel.Forum, at.After(40),
            "举报：滨江村南河排污口夜间偷排",
            "连续三天晚上10点后拍到排污口排放黑色污水，附视频。怀疑是工业园某印染厂，希望有关部门查一查。",
            Monitor, source: LocalForum, url: "https://bbs.beianzhen.example/t/21188", author: "南河守护者",
            publishedMinutesBefore: 30, views: 2_600, comments: 44, likes: 95, externalId: "babbs-21188");
        d.Attach(c, forum, d.Duty, at.After(10));
        c.AddComment(d.Analyst, at.After(5), "已请滨江村委会到排污口现场拍照，并联系县生态环境局北岸分局协助取样。");
        c.AddComment(d.VillageDuty, at.After(25), "村委会已到现场：排污口目前无排放，河面有少量死鱼，已拍照上传。今晚安排人员蹲守。");
    }

    // ---- Merged: a hotline call about the outage, folded into the 停水 case ------------------------------------------

    private static async Task WaterCompensationMergedAsync(DemoDesk d, Case water)
    {
        var at = d.ClockFrom(d.Ago(hours: 3));
        var call = d.Item(Channel.Hotline, at.Current.AddMinutes(-8),
            "滨江小区业主询问停水期间损失如何赔偿",
            "来电人称前天停水期间家中热水器干烧损坏，询问能否由自来水公司或物业赔偿；并建议今后计划停水提前在小区公告。",
            d.VillageDuty.DisplayName, source: "滨江村委会值班电话", author: "李女士", contact: "139****0417", location: "北岸镇滨江小区",
            suggestedUnit: Bjc);
        var c = await d.OpenAsync(at.Current, d.VillageDuty, "滨江小区业主询问停水损失赔偿",
            "滨江小区业主来电称停水期间热水器干烧损坏，询问赔偿途径，建议计划停水提前公告。", Bjc, [Cjb], call);

        c.AddComment(d.Chief, at.After(40), $"与 {water.Number}（滨江小区大面积停水）为同一事件，合并办理，赔偿诉求在原事件回应中一并答复，办结时回访来电人。");
        d.Merge(c, water, d.Chief, at.After(5));
    }

    // ---- Assessing: 高龄补贴 (started by the duty officer) -----------------------------------------------------------

    private static async Task ElderlyAllowanceAssessingAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(hours: 2));
        var inquiry = d.Item(Channel.OnlineInquiry, at.Current.AddMinutes(-25),
            "北岸镇80岁以上老人高龄补贴三个月没发了",
            "我父亲今年82岁，以前每月都有高龄补贴打到卡上，最近三个月都没到账。问村里说是镇里还没拨，问镇里说在审核。请问到底什么时候发？是不是政策变了？",
            Monitor, source: Inquiry, url: "https://wlwz.jiangcheng.example/question/119206", author: "孝子心",
            publishedMinutesBefore: 90, views: 980, comments: 12, likes: 60, suggestedUnit: Shswb, externalId: "wlwz-119206");
        var c = await d.OpenAsync(at.Current, d.Duty, "网民反映高龄老人补贴三个月未到账",
            "网络问政平台网民反映其82岁父亲的高龄补贴连续三个月未到账，村、镇说法不一，询问是否政策调整。", Dzb, [Shswb], inquiry);

        c.StartAssessment(d.Duty, at.After(30));
        c.AddComment(d.Duty, at.After(10),
            "李娜在处理南河排污，先由我初步核实：社会事务办答复今年起高龄补贴改为社保卡“一卡通”发放，部分老人社保卡未激活导致未到账。");
        c.AddComment(d.Analyst, at.After(30), "收到，我接手研判。请社会事务办提供未到账人员名单和补发安排，看是否需要面向全镇发布说明。");
    }

    // ---- Collected ×2 ---------------------------------------------------------------------------------------------

    private static async Task MarketEncroachmentCollectedAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(minutes: 40));
        var call = d.Item(Channel.Hotline, at.Current.AddMinutes(-6),
            "北岸菜市场门口摊贩占道，早高峰堵得走不动",
            "来电人反映北岸农贸市场东门外每天早上6点到9点摊贩把菜摆到马路上，加上电动车乱停，早高峰公交车、送孩子的车都堵在那里，还有人为抢摊位吵架。",
            d.Duty.DisplayName, source: Hotline, author: "刘先生", contact: "137****8802", location: "北岸镇农贸市场东门", suggestedUnit: Cjb);
        await d.OpenAsync(at.Current, d.Duty, "北岸农贸市场东门摊贩占道经营",
            "群众来电反映农贸市场东门外早高峰摊贩占道、电动车乱停，造成交通拥堵并时有争吵。", Cjb, [], call);
    }

    private static async Task BusRouteCollectedAsync(DemoDesk d)
    {
        var at = d.ClockFrom(d.Ago(minutes: 15));
        var inquiry = d.Item(Channel.OnlineInquiry, at.Current.AddMinutes(-30),
            "102路公交改线后滨江村没有站了，老人去镇上怎么办",
            "听说下个月起102路公交不再经过滨江村，改走新修的沿江路。村里很多老人要去镇卫生院看病、去菜市场买菜，以后要走两公里才能坐车。请问这个调整征求过群众意见吗？",
            Monitor, source: Inquiry, url: "https://wlwz.jiangcheng.example/question/119311", author: "滨江村民",
            publishedMinutesBefore: 120, views: 1_450, comments: 23, likes: 95, externalId: "wlwz-119311");
        var c = await d.OpenAsync(at.Current, d.Duty, "102路公交线路调整引发滨江村村民出行担忧",
            "网络问政及微博反映102路公交拟改走沿江路、不再停靠滨江村，村民担心老人就医买菜不便，质疑调整未征求意见。", Dzb, [Bjc], inquiry);

        var weibo = d.Item(Channel.Weibo, at.Current.AddMinutes(-10),
            "#102路改线# 北岸镇公交线路调整有没有听证？",
            "102路一改线，滨江村几百口人出门就难了。公交调整这么大的事，有没有公示、有没有听证？@北岸镇发布",
            Monitor, source: "新浪微博", url: "https://weibo.com/3018827456/PcV2k7Ns4", author: "滨江村的阿强",
            publishedMinutesBefore: 15, views: 5_200, shares: 88, comments: 140, likes: 260, externalId: "wb-5133230085521907");
        d.Attach(c, weibo, d.Duty, at.After(5));
    }

    // ---- Dismissed items and the live triage queue ------------------------------------------------------------------

    private static void DismissedItems(DemoDesk d)
    {
        var accident = d.Item(Channel.Weibo, d.Ago(days: 1, hours: 6),
            "北岸区滨海大道两车相撞一人受伤",
            "今天下午北岸区滨海大道两车相撞，一人受伤送医，交警已到场处置，请途经车辆注意绕行。",
            Monitor, source: "新浪微博", url: "https://weibo.com/1904419273/PbZ0c5Lm2", author: "海城交通广播",
            publishedMinutesBefore: 20, views: 30_500, shares: 120, comments: 210, likes: 640, externalId: "wb-5131977430062215");
        accident.Dismiss(d.Duty, DismissReason.Irrelevant, "外市“北岸区”的交通事故，与本镇无关。", d.Ago(days: 1, hours: 5, minutes: 52));

        var advert = d.Item(Channel.Forum, d.Ago(hours: 6),
            "北岸镇代办驾照、学历、各类证件，加微信",
            "专业代办各类证件，包过包真，价格优惠，有意者加微信详谈。",
            Monitor, source: LocalForum, url: "https://bbs.beianzhen.example/t/21163", author: "bz_daiban88",
            publishedMinutesBefore: 10, views: 85, externalId: "babbs-21163");
        advert.Dismiss(d.Duty, DismissReason.Spam, "违法广告信息，已通知论坛管理员删帖。", d.Ago(hours: 5, minutes: 57));
    }

    private static void TriageQueue(DemoDesk d)
    {
        d.Item(Channel.Weibo, d.Ago(minutes: 35),
            "北岸老街居民聚集在镇政府门口讨说法？",
            "#北岸镇老街改造# 今天上午有二三十个老街居民聚集在镇政府门口，拉着横幅要求提高补偿标准，现场有民警维持秩序。[图片]",
            Monitor, source: "新浪微博", url: "https://weibo.com/6630190845/PcW5p3Hj9", author: "江城热点速递",
            publishedMinutesBefore: 14, location: "北岸镇人民政府", suggestedUnit: Dzb,
            views: 52_000, shares: 830, comments: 1_260, likes: 2_100, media: "县融媒体中心", externalId: "wb-5133249918837265");

        d.Item(Channel.Hotline, d.Ago(minutes: 12),
            "滨江路下水道堵塞，污水漫到路面",
            "来电人反映滨江路靠近农贸市场一段下水道井盖冒污水已经两天，路面全是污水，气味很大，行人只能绕着走。",
            d.Duty.DisplayName, source: Hotline, author: "赵先生", contact: "138****1234", location: "北岸镇滨江路（农贸市场段）",
            suggestedUnit: Cjb);

        d.Item(Channel.Forum, d.Ago(hours: 1, minutes: 5),
            "北岸中学食堂饭菜一学期涨了两次价",
            "孩子说食堂一份套餐从8元涨到了10元，分量还少了。学校食堂是不是承包出去了？价格有没有人监管？",
            Monitor, source: LocalForum, url: "https://bbs.beianzhen.example/t/21201", author: "初二家长",
            publishedMinutesBefore: 25, location: "北岸中学", suggestedUnit: Shswb, views: 1_800, comments: 31, likes: 64,
            externalId: "babbs-21201");

        d.Item(Channel.OnlineInquiry, d.Ago(hours: 2, minutes: 10),
            "城乡居民医保明年缴费标准是多少，什么时候截止",
            "请问北岸镇城乡居民医保明年的个人缴费标准是多少？在哪里缴？截止到什么时候？家里老人不会用手机缴费怎么办？",
            Monitor, source: Inquiry, url: "https://wlwz.jiangcheng.example/question/119288", author: "网友“北岸居民”",
            publishedMinutesBefore: 60, suggestedUnit: Shswb, views: 320, comments: 4, likes: 11, externalId: "wlwz-119288");

        d.Item(Channel.NewsComment, d.Ago(minutes: 50),
            "县融媒体《沿江路改造工程进入攻坚阶段》新闻跟帖",
            "跟帖：“攻坚就是天天半夜打桩吗？沿江路住户一个礼拜没睡过整觉了”（点赞460）“施工是好事，但能不能晚上停一停”（点赞210）",
            Monitor, source: "县融媒体中心客户端", url: "https://app.jiangchengrmt.example/news/5520317", author: "县融媒体中心",
            publishedMinutesBefore: 300, location: "北岸镇沿江路", suggestedUnit: Cjb, comments: 96, likes: 670, externalId: "rmt-5520317");

        d.Item(Channel.WeChat, d.Ago(minutes: 25),
            "公众号文章《滨江小区停水后续：损失谁来赔？》",
            "本地公众号“北岸生活圈”发文梳理滨江小区停水经过，称部分业主家中热水器、净水器因停水损坏，质疑物业和自来水公司相互推诿，文末发起“你家受影响了吗”投票。",
            Monitor, source: "微信公众号·北岸生活圈", url: "https://mp.weixin.qq.com/s/bAzLs7Qw2nYk0pE4rT1uHg", author: "北岸生活圈",
            publishedMinutesBefore: 55, location: "北岸镇滨江小区", suggestedUnit: Cjb, views: 8_600, shares: 410, likes: 230,
            externalId: "wx-bAzLs7Qw2nYk0pE4rT1uHg");

        d.Item(Channel.PortalSite, d.Ago(hours: 3, minutes: 20),
            "镇长信箱：镇卫生院夜里急诊没人",
            "上周六凌晨孩子发高烧，到镇卫生院急诊敲了十几分钟门才有人开，值班医生说夜里只有一个人值班。希望卫生院加强夜间值班，不然真出大事怎么办。",
            Monitor, source: "北岸镇人民政府网站·镇长信箱", url: "https://www.beianzhen.example/hdjl/zzxx/detail/3318", author: "一位家长",
            publishedMinutesBefore: 200, suggestedUnit: Shswb, externalId: "portal-zzxx-3318");

        d.Item(Channel.Weibo, d.Ago(minutes: 8),
            "北岸大桥桥面出现多条裂缝，大货车照常通行",
            "今天骑车过北岸大桥，发现桥面靠北岸一侧有好几条裂缝，最长的有一米多，大货车开过去桥都在震。有没有部门管管？万一坍塌怎么办！[图片]",
            Monitor, source: "新浪微博", url: "https://weibo.com/2765530918/PcW9r6Ft1", author: "骑行江城",
            publishedMinutesBefore: 22, location: "北岸大桥", suggestedUnit: Cjb,
            views: 12_400, shares: 240, comments: 310, likes: 580, media: "市晚报", externalId: "wb-5133262215507718");

        d.Item(Channel.Hotline, d.Ago(hours: 1, minutes: 30),
            "幸福路流浪狗咬伤放学小学生",
            "来电人反映幸福路锦绣家园附近有一群流浪狗，今天下午咬伤了一名放学的小学生，孩子已去打疫苗。希望尽快处理流浪狗，保障孩子上下学安全。",
            d.Duty.DisplayName, source: Hotline, author: "孙女士", contact: "139****5678", location: "北岸镇幸福路锦绣家园",
            suggestedUnit: Zzb);

        d.Item(Channel.Other, d.Ago(minutes: 18),
            "短视频：北岸菜市场摊主与执法人员发生推搡",
            "短视频平台流传一段约40秒视频：北岸农贸市场东门一名菜贩与两名穿制服人员发生推搡，画面中有人喊“城管打人了”。",
            d.Duty.DisplayName, source: "短视频平台（网格员转报）", location: "北岸镇农贸市场东门", suggestedUnit: Cjb,
            views: 86_000, shares: 1_500, comments: 2_300, likes: 4_100);
    }
}
