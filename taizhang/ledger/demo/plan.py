"""This year's ledgers of the demo district, as plain data: the 惠民计划 of the source article
("20项道路工程、10项民生工程、10件民生实事") and the ledger of livelihood problems it was written
from (农村环境脏乱差、出行难、就医贵、就业难、殡葬难、中小学布点不合理 …).

Leaders are indices into ``org.demo.district.LEADERS``; units are names from
``org.demo.district``. ``story`` says how far the item has come by the day the demo is loaded
(see ``stories.py``); each story is used on purpose, so the demo shows every light.
"""

from dataclasses import dataclass, field

from ..constants import Frequency

# Indices into district.LEADERS, by what each county-level leader is in charge of (分管).
SECRETARY = 0  # 党工委书记
DIRECTOR = 1  # 党工委副书记、管委会主任: the ``leader`` login
DEPUTY_SECRETARY = 2  # 党工委副书记: 党建、基层治理
URBAN = 4  # 党工委委员、管委会副主任: 城建、交通
RURAL = 5  # 党工委委员、管委会副主任: 农业农村、水利
SOCIAL = 6  # 管委会副主任: 教育、卫生、社会事务
LABOUR = 7  # 管委会副主任: 人社、招商

TRANSPORT = "交通运输局"
HOUSING = "住房和城乡建设局"
WATER = "农林水利局"
SOCIAL_AFFAIRS = "社会事务局"  # the ``staff`` login works here
LABOUR_BUREAU = "人力资源和社会保障局"
HEALTH = "卫生和计划生育局"
EDUCATION = "教育文化体育局"
LAND = "国土资源局"
FINANCE = "财政局"
POLICE = "公安分局"
APPROVALS = "行政审批服务局"

# Who reports for each lead unit: (login, post). ``staff`` exists already; the others are
# handler (联络员) accounts made by the loader, without a usable password.
HANDLERS = {
    SOCIAL_AFFAIRS: ("staff", "科员"),
    TRANSPORT: ("lly_jiaotong", "科员"),
    HOUSING: ("lly_zhujian", "科员"),
    WATER: ("lly_nonglin", "科员"),
    LABOUR_BUREAU: ("lly_renshe", "科员"),
    HEALTH: ("lly_weiji", "科员"),
    EDUCATION: ("lly_jiaoti", "科员"),
    APPROVALS: ("lly_shenpi", "科员"),
    "河滨街道": ("lly_hebin", "办事处主任"),
    "新城街道": ("lly_xincheng", "办事处主任"),
    "柳林街道": ("lly_liulin", "办事处主任"),
    "双桥镇": ("lly_shuangqiao", "镇长"),
    "古泉镇": ("lly_guquan", "镇长"),
    "北岭乡": ("lly_beiling", "乡长"),
}


@dataclass(frozen=True)
class ItemSpec:
    title: str
    leader: int
    lead: str
    cooperating: tuple[str, ...]
    goal: str
    measures: str
    story: str
    frequency: str = Frequency.MONTHLY
    milestones: tuple[str, ...] = ()
    progress: tuple[str, ...] = ()  # what the reports say, stage by stage
    evidence: str = ""  # what the lead unit writes when asking for close-out
    age: int | None = None  # written into the ledger later than the ledger was set up


@dataclass(frozen=True)
class LedgerSpec:
    kind: str  # LedgerKind.code
    name: str
    prefix: str  # code prefix; the year is appended
    description: str
    age: int  # days before loading that the ledger was set up and its items written
    items: list[ItemSpec] = field(default_factory=list)
    delay: str = ""  # what an overdue item's report adds


ROAD_MILESTONES = ("完成施工图设计和预算评审", "完成招标，施工单位进场", "完成路基和管网工程",
                   "完成路面铺装，交工验收、通车")
ROAD_PROGRESS = (
    "已完成勘察和施工图设计，预算已报区财政局评审。",
    "已完成招标，施工单位已进场，正在进行交通导改和施工准备。",
    "沿线杆线和管网迁改基本完成，正在进行路基施工，累计完成投资约三成。",
    "路基工程已完成，雨污管网铺设完成约八成，累计完成投资约六成。",
    "沥青面层摊铺完成，正在进行人行道铺装、路灯安装和绿化收尾。",
    "全部建设内容已完成，正在组织交工验收。",
)


def _road(title, town, lead, leader, length, scope, invest, story):
    goal = (f"{title.removesuffix('工程')}，全长{length}公里，{scope}，总投资{invest}万元，"
            "年内建成通车。")
    measures = (
        f"一是{lead}牵头成立工程推进专班，实行“一周一例会、一月一通报”，倒排工期、挂图作战；"
        f"二是{town}负责沿线征迁协调和群众工作，包干到村（社区），保障施工环境；"
        "三是区财政局按工程进度拨付资金，专款专用；"
        f"四是{lead}派专人盯守现场，抓好质量安全和文明施工，按月报送工程进展。"
    )
    return ItemSpec(
        title=title, leader=leader, lead=lead, cooperating=(town, FINANCE), goal=goal,
        measures=measures, story=story, milestones=ROAD_MILESTONES, progress=ROAD_PROGRESS,
        evidence=f"{title}全部建设内容已完成，已通过交工验收并通车，附交工验收证书和竣工图。",
    )


URBAN_ROAD = "按城市道路标准实施路面改造、雨污分流、人行道铺装、路灯和绿化"
RURAL_ROAD = "按三级公路标准拓宽改造，同步完善排水、标志标线和安全防护设施"
VILLAGE_ROAD = "实施路面硬化和错车道、排水边沟建设"

ROADS = LedgerSpec(
    kind="huimin", name="惠民计划·20项道路工程", prefix="DL",
    description="区党工委、管委会年度惠民计划确定的20项道路工程，由督查室按月通报进度。",
    age=150, delay="受沿线征迁和管线迁改影响，工期滞后，已督促施工单位增加作业面、加班抢工。",
    items=[
        _road("中原路（迎宾大道至站前路段）改造提升工程", "新城街道", HOUSING, DIRECTOR, 2.4,
              URBAN_ROAD, 3600, "extension_pending"),
        _road("詹泗路拓宽改造工程", "双桥镇", TRANSPORT, DIRECTOR, 5.8, RURAL_ROAD, 4200,
              "extension_approved"),
        _road("学府路新建工程", "新城街道", HOUSING, DIRECTOR, 1.6, URBAN_ROAD, 2800, "green"),
        _road("站前路改造提升工程", "新城街道", HOUSING, URBAN, 1.2, URBAN_ROAD, 1500, "closed"),
        _road("金桥路打通工程", "新城街道", HOUSING, URBAN, 0.9, URBAN_ROAD, 1900, "overdue"),
        _road("滨河路改造提升工程", "河滨街道", HOUSING, URBAN, 2.1, URBAN_ROAD, 2600, "green"),
        _road("文化路改造提升工程", "河滨街道", HOUSING, URBAN, 1.5, URBAN_ROAD, 1700, "closed"),
        _road("建设路改造提升工程", "河滨街道", HOUSING, URBAN, 1.8, URBAN_ROAD, 2100,
              "late_milestone"),
        _road("花园路背街小巷整治工程", "河滨街道", "河滨街道", URBAN, 0.7,
              "实施路面黑化、雨污管网改造和立面整治", 620, "green"),
        _road("柳林大道改造提升工程", "柳林街道", HOUSING, URBAN, 3.2, URBAN_ROAD, 4800,
              "green"),
        _road("南关街改造提升工程", "柳林街道", HOUSING, URBAN, 1.1, URBAN_ROAD, 1300, "soon"),
        _road("丰泽路新建工程", "柳林街道", HOUSING, URBAN, 1.4, URBAN_ROAD, 2300, "no_report"),
        _road("双桥至古泉公路大修工程", "双桥镇", TRANSPORT, URBAN, 7.5,
              "实施旧路面铣刨、加铺沥青面层，完善排水和安全防护设施", 3100, "green"),
        _road("双桥大街改造提升工程", "双桥镇", TRANSPORT, URBAN, 1.9, URBAN_ROAD, 1600,
              "close_requested"),
        _road("赵营村至杨楼村道路改建工程", "双桥镇", TRANSPORT, RURAL, 3.6, RURAL_ROAD, 1450,
              "green"),
        _road("古泉路改造提升工程", "古泉镇", TRANSPORT, URBAN, 4.3, RURAL_ROAD, 2900,
              "late_milestone"),
        _road("南朱村至北朱村连接路工程", "古泉镇", TRANSPORT, RURAL, 2.2, RURAL_ROAD, 980,
              "closed"),
        _road("泉上村至泉下村道路硬化工程", "古泉镇", "古泉镇", RURAL, 1.7, VILLAGE_ROAD, 340,
              "green"),
        _road("北岭至南岭公路改建工程", "北岭乡", TRANSPORT, RURAL, 6.1, RURAL_ROAD, 3300,
              "overdue"),
        _road("石门村至杏园村旅游路工程", "北岭乡", "北岭乡", RURAL, 2.8, VILLAGE_ROAD, 560,
              "green"),
    ],
)

WORKS_MILESTONES = ("完成立项和方案设计", "完成招标并开工建设", "主体工程完工",
                    "竣工验收、投入使用")
WORKS_PROGRESS = (
    "已完成项目立项和方案设计，正在办理规划、用地等前期手续。",
    "已完成招标，施工单位已进场开工。",
    "主体工程正在施工，累计完成工程量约四成。",
    "主体工程已完工，正在进行设备安装和室外配套。",
    "全部建设内容已完成，正在组织竣工验收。",
)


def _works(title, leader, lead, cooperating, goal, measures, story, evidence):
    return ItemSpec(title=title, leader=leader, lead=lead, cooperating=cooperating, goal=goal,
                    measures=measures, story=story, milestones=WORKS_MILESTONES,
                    progress=WORKS_PROGRESS, evidence=evidence)


WORKS = LedgerSpec(
    kind="huimin", name="惠民计划·10项民生工程", prefix="GC",
    description="区党工委、管委会年度惠民计划确定的10项民生工程，加大财政投入，促进工程进度。",
    age=145, delay="受前期手续办理和资金拨付影响，进度滞后，已约谈施工单位并调整施工计划。",
    items=[
        _works("王庄村、李屯村城中村改造安置房建设工程", DIRECTOR, HOUSING,
               ("河滨街道", LAND, FINANCE),
               "建设安置房12栋、960套，配套建设社区服务用房和地下停车场，年内主体封顶，"
               "确保群众按期回迁。",
               "一是区住建局牵头，实行项目“一名领导、一个专班、一包到底”；"
               "二是河滨街道负责征收扫尾和群众安置；三是区国土资源局加快办理用地手续；"
               "四是区财政局统筹安排建设资金，按进度拨付。",
               "extension_rejected", "安置房主体工程全部封顶，附监理单位阶段验收意见。"),
        _works("区第二初级中学新建工程", SOCIAL, EDUCATION, ("新城街道", HOUSING, LAND),
               "新建36个教学班规模的初级中学，占地60亩，新增学位1800个，秋季学期前具备招生条件。",
               "一是区教体局牵头，会同住建、国土部门并联审批，压缩前期手续时限；"
               "二是新城街道负责场地清表和周边协调；三是每周召开一次现场推进会，问题当场解决。",
               "green", "教学楼、宿舍楼和风雨操场通过竣工验收，已投入使用。"),
        _works("古泉镇中心卫生院门诊楼改扩建工程", SOCIAL, HEALTH, ("古泉镇", FINANCE),
               "改扩建门诊楼3200平方米，增设急诊、康复和中医馆，配齐DR、彩超等设备，"
               "方便群众就近看病。",
               "一是区卫计局牵头，制定施工期间临时诊疗方案，做到施工、看病两不误；"
               "二是区财政局落实配套资金；三是古泉镇做好周边环境保障。",
               "closed", "门诊楼改扩建完成，通过竣工验收，新增设备已安装调试并投入使用。"),
        _works("农村安全饮水巩固提升工程", RURAL, WATER, ("北岭乡", "古泉镇", HEALTH),
               "新打机井6眼，改造供水管网48公里，解决北岭乡、古泉镇11个村1.6万人饮水不安全问题，"
               "水质检测合格率达到100%。",
               "一是区农林水利局牵头，逐村建立饮水安全台账，一村一方案；"
               "二是区卫计局按季度抽检水质并公布结果；三是乡镇落实管护人员和管护经费。",
               "late_milestone", ""),
        _works("双桥镇、古泉镇高标准农田水利建设工程", RURAL, WATER,
               ("双桥镇", "古泉镇", FINANCE),
               "建设高标准农田3.2万亩，配套机井、低压管道、田间道路和农田林网，"
               "实现旱能浇、涝能排。",
               "一是区农林水利局牵头，按照“统一规划、集中连片”实施；"
               "二是两镇负责土地调整和群众工作；三是严格执行招投标和监理制度，确保工程质量。",
               "green", ""),
        _works("区公益性公墓建设工程", DEPUTY_SECRETARY, SOCIAL_AFFAIRS,
               ("北岭乡", LAND, "林业站"),
               "在北岭乡建设公益性公墓一处，占地80亩，建成墓穴4000个及祭扫服务设施，"
               "满足群众骨灰安葬需求，推进殡葬改革。",
               "一是区社会事务局牵头，按照“节地生态”要求设计建设；"
               "二是区国土资源局、林业站办理用地、林地手续；三是北岭乡做好选址地群众工作。",
               "green", ""),
        _works("区中心敬老院改扩建工程", SOCIAL, SOCIAL_AFFAIRS, ("柳林街道", FINANCE),
               "新建养护楼一栋，新增床位120张，配套医务室和康复室，实现医养结合。",
               "一是区社会事务局牵头，委托专业机构设计；二是区财政局落实建设资金；"
               "三是柳林街道负责周边环境和施工协调。",
               "returned", "养护楼建成，床位和医务室、康复室设备配齐，附验收材料。"),
        _works("城乡生活垃圾转运站建设工程", URBAN, HOUSING, ("双桥镇", "古泉镇", "北岭乡"),
               "在双桥镇、古泉镇、北岭乡各建设压缩式垃圾转运站1座，配备转运车辆9台，"
               "实现“村收集、乡转运、区处理”。",
               "一是区住建局牵头，统一设计、统一招标；二是各乡镇负责选址和群众工作；"
               "三是建成后由区住建局统一调度运营。",
               "overdue", ""),
        _works("乡镇街道便民服务中心标准化建设工程", DIRECTOR, APPROVALS,
               ("河滨街道", "新城街道", "柳林街道", "双桥镇", "古泉镇", "北岭乡"),
               "6个乡镇街道便民服务中心按“功能完备、服务全面”标准改造，派出所、计生、国土、林业、"
               "社会事务等事项集中办公，实现“一站式”服务。",
               "一是区行政审批服务局牵头，统一标识、统一流程、统一制度；"
               "二是各乡镇街道落实场地和窗口人员；三是统一悬挂业务流程图和所需材料示意图。",
               "closed", "6个便民服务中心全部完成改造并运行，附验收照片和进驻事项清单。"),
        _works("村级卫生室标准化建设工程", SOCIAL, HEALTH, ("双桥镇", "古泉镇", "北岭乡"),
               "新建、改造村卫生室30所，每所不少于60平方米，达到“四室分开”标准，"
               "配齐基本设备和药品。",
               "一是区卫计局牵头，逐村核定建设方式；二是乡镇负责落实建设用地；"
               "三是建成一所、验收一所、投用一所。",
               "green", ""),
    ],
)

MATTERS = LedgerSpec(
    kind="shishi", name="惠民计划·10件民生实事", prefix="SS",
    description="区党工委、管委会向社会承诺的10件民生实事，完成情况年底向社会公布。",
    age=140, delay="进度滞后于序时，已督促加快推进。",
    items=[
        ItemSpec(
            "优化公交线路2条、开通新线路2条", DIRECTOR, TRANSPORT,
            ("新城街道", "双桥镇"),
            "优化2条公交线路，开通2条新线路，解决中原路沿线企业职工和双桥镇群众出行难问题。",
            "一是区交通运输局牵头，会同公交公司开展沿线客流调查；二是积极与市有关部门协调线路"
            "审批；三是新城街道、双桥镇做好站点选址和群众宣传。",
            "closed", progress=(
                "已完成中原路沿线企业职工出行需求调查，形成线路优化方案。",
                "线路方案已报市交通运输部门审批，站点设置已征求沿线企业意见。",
                "2条新线路已试运行，2条优化线路已调整到位。",
            ),
            evidence="2条新线路已开通运营，2条线路优化完成，附线路批复和开通公告。",
        ),
        ItemSpec(
            "实施“千人培训”计划", LABOUR, LABOUR_BUREAU, ("双桥镇", "古泉镇", "北岭乡"),
            "组织劳动力职业技能培训1000人次、创业培训100人次，提高农村劳动力职业技能水平。",
            "一是区人社局牵头，按月制定培训计划，培训到村；二是乡镇街道负责组织报名；"
            "三是培训结束后跟踪就业情况，建立培训就业台账。",
            "close_requested", progress=(
                "已完成培训需求摸底，确定焊工、电工、家政等8个培训工种。",
                "已举办职业技能培训6期、创业培训1期，受训320人次。",
                "已举办职业技能培训11期、创业培训2期，受训580余人次。",
            ),
            evidence="全年组织职业技能培训1020人次、创业培训106人次，附培训花名册和结业证书。",
        ),
        ItemSpec(
            "送岗位下乡，举办岗位对接会", LABOUR, LABOUR_BUREAU, (TRANSPORT, "投资促进局"),
            "举办岗位对接会不少于6次，实现失地农民再就业200人以上，送岗位下乡实现常态化。",
            "一是区人社局牵头，收集区内企业用工需求；二是投资促进局组织新落地企业参会；"
            "三是每季度在乡镇轮流举办一次对接会。",
            "no_report", progress=(
                "已收集企业用工需求1200余个，在双桥镇举办第一次岗位对接会。",
                "已举办岗位对接会3次，实现再就业120余人。",
            ),
        ),
        ItemSpec(
            "落实农村小额担保贷款，以创业带动就业", LABOUR, LABOUR_BUREAU, (FINANCE,),
            "发放小额担保贷款800万元，扶持失地农民创业160人，带动就业500人。",
            "一是区人社局会同区财政局落实贷款贴息资金；二是简化申报手续，实行即办、代办；"
            "三是对创业项目跟踪服务。",
            "closed", progress=(
                "已与合作银行签订协议，贷款申报受理工作全面启动。",
                "已发放小额担保贷款520万元，扶持创业98人。",
                "已发放小额担保贷款810万元，扶持创业163人。",
            ),
            evidence="全年发放小额担保贷款810万元，扶持创业163人，附贷款发放明细。",
        ),
        ItemSpec(
            "困难群众临时救助“一门受理”", SOCIAL, SOCIAL_AFFAIRS,
            ("河滨街道", "新城街道", "柳林街道", "双桥镇", "古泉镇", "北岭乡"),
            "在各乡镇街道便民服务中心设立社会救助窗口，临时救助申请“一门受理、协同办理”，"
            "急难救助24小时内办结。",
            "一是区社会事务局牵头，制定一门受理工作规程；二是各乡镇街道明确窗口人员；"
            "三是对急难型救助实行先行救助、事后补办手续。",
            "closed", progress=(
                "已制定临时救助一门受理工作规程，并完成窗口人员培训。",
                "6个乡镇街道社会救助窗口全部设立并运行。",
            ),
            evidence="6个乡镇街道均已设立社会救助窗口，全年受理临时救助412件，全部按时办结。",
        ),
        ItemSpec(
            "新建农村幸福院10所", SOCIAL, SOCIAL_AFFAIRS, ("双桥镇", "古泉镇", "北岭乡"),
            "在双桥镇、古泉镇、北岭乡新建农村幸福院10所，为农村留守、独居老人提供日间照料。",
            "一是区社会事务局牵头，统一建设标准和运营管理办法；"
            "二是乡镇负责利用闲置村室、校舍改建；三是建成后由村委会负责日常运营。",
            "soon", progress=(
                "已确定10所幸福院选址，利用闲置村室、校舍改建7所、新建3所。",
                "已建成6所，其余4所正在进行内部装修。",
                "已建成9所，最后1所正在配置床位和厨房设备。",
            ),
        ),
        ItemSpec(
            "农村留守老人、留守儿童关爱服务", SOCIAL, SOCIAL_AFFAIRS, (EDUCATION, "北岭乡"),
            "建立农村留守老人、留守儿童信息台账，实现定期探访全覆盖。",
            "一是区社会事务局牵头，逐村摸底建档；二是村“两委”干部结对联系，每月至少探访一次；"
            "三是区教体局落实留守儿童在校关爱措施。",
            "green", progress=(
                "已完成留守老人、留守儿童摸底，建立信息台账。",
                "结对探访全面开展，留守老人、留守儿童探访覆盖率达到100%。",
            ),
        ),
        ItemSpec(
            "家庭医生签约服务扩面", SOCIAL, HEALTH, ("双桥镇", "古泉镇", "北岭乡"),
            "重点人群家庭医生签约率达到70%以上，为65岁以上老人免费体检，减轻群众看病负担。",
            "一是区卫计局牵头，组建家庭医生团队48个；二是乡镇卫生院、村卫生室分片包干；"
            "三是按月通报签约率和履约情况。",
            "green", progress=(
                "已组建家庭医生团队48个，签约服务全面启动。",
                "重点人群签约率达到58%，完成65岁以上老人体检4200人。",
            ),
        ),
        ItemSpec(
            "印发便民服务手册，推行干部连心卡", DIRECTOR, APPROVALS,
            ("河滨街道", "新城街道", "柳林街道", "双桥镇", "古泉镇", "北岭乡"),
            "汇总涉农服务项目程序、流程，印制便民服务手册2000本，向社会公开便民服务承诺，"
            "发放干部连心卡500张。",
            "一是区行政审批服务局牵头，梳理即办、代办、陪办、上门办理四类事项；"
            "二是各乡镇街道组织干部入户发放手册和连心卡。",
            "closed", progress=(
                "已梳理即办、代办、陪办、上门办理四类事项，完成手册编印。",
                "已发放便民服务手册2000本、干部连心卡500余张。",
            ),
            evidence="便民服务手册2000本、干部连心卡520张已全部发放到户，附发放登记表。",
        ),
        ItemSpec(
            "中小学校舍维修改造和校车安全", SOCIAL, EDUCATION, (POLICE, TRANSPORT),
            "维修改造中小学校舍12所，校车全部达到国家标准并安装动态监控，学生上下学安全有保障。",
            "一是区教体局牵头，逐校排查校舍安全隐患；二是公安分局、交通运输局开展校车联合检查；"
            "三是暑假期间集中施工，不影响正常教学。",
            "green", progress=(
                "已完成12所学校校舍安全排查，确定维修改造项目。",
                "暑期集中施工已完成9所，校车动态监控安装率达到100%。",
            ),
        ),
    ],
)


def _problem(title, leader, lead, cooperating, goal, measures, story, progress, evidence="",
             weekly=False):
    # Weekly reporting is for the pressing ones, taken up in the summer and chased every week.
    return ItemSpec(title=title, leader=leader, lead=lead, cooperating=cooperating, goal=goal,
                    measures=measures, story=story, progress=progress, evidence=evidence,
                    frequency=Frequency.WEEKLY if weekly else Frequency.MONTHLY,
                    age=60 if weekly else None)


PROBLEMS = LedgerSpec(
    kind="minsheng", name="民生突出问题台账", prefix="MS",
    description="群众路线教育实践活动中群众反映的民生突出问题，一项一项督促解决，"
                "解决一项、销号一项。",
    age=170, delay="问题尚未彻底解决，已督促责任单位加大工作力度。",
    items=[
        _problem(
            "农村环境脏乱差，保洁队伍不健全", RURAL, "双桥镇", (HOUSING, "古泉镇", "北岭乡"),
            "各村成立环境卫生整治领导小组，按每1000人2名保洁员的标准组建保洁队伍，配齐垃圾筐、"
            "垃圾车、垃圾掩埋坑等设施，落实保洁员经费，卫生保洁常态化。",
            "一是落实“四有一落实”制度；二是各乡镇每周检查、每月排名；"
            "三是区住建局统筹保洁经费，按考核结果拨付。",
            "green", (
                "各村环境卫生整治领导小组全部成立，保洁员按标准配备到位。",
                "垃圾筐、垃圾车已配齐，保洁经费已拨付到村，每周检查排名正常开展。",
            ), weekly=True,
        ),
        _problem(
            "詹泗路两侧煤场扬尘污染", URBAN, "双桥镇", (LAND, POLICE, TRANSPORT),
            "实施“蓝天雷霆”行动，取缔詹泗路两侧煤场，完成场地清理和复绿。",
            "一是双桥镇牵头，逐户登记、限期搬离；二是国土、公安、交通部门联合执法；"
            "三是清理后的场地由双桥镇组织复绿。",
            "closed", (
                "已摸清詹泗路两侧煤场23家，下达限期搬离通知。",
                "已取缔煤场19家，其余4家正在清运存煤。",
                "23家煤场全部取缔，场地清理和复绿完成。",
            ), evidence="23家煤场全部取缔，场地已清理复绿，附取缔前后对比照片。",
        ),
        _problem(
            "中原路沿线企业职工出行难", DIRECTOR, TRANSPORT, ("新城街道",),
            "通过优化、新开公交线路，解决中原路沿线企业职工上下班出行难问题。",
            "一是区交通运输局开展前期调研，积极与市有关部门协调；二是新城街道收集企业需求。",
            "closed", (
                "已走访中原路沿线企业26家，收集职工出行需求。",
                "公交线路优化方案已获市有关部门批复。",
                "2条新线路已开通，沿线企业职工出行难问题得到解决。",
            ), evidence="2条公交新线路已开通，沿线企业满意度回访均为满意，附回访记录。",
        ),
        _problem(
            "农村群众看病贵、就医难", SOCIAL, HEALTH, ("古泉镇", "北岭乡"),
            "落实基本药物零差率销售，提高新农合报销比例，推行先诊疗后付费，"
            "群众就医负担明显减轻。",
            "一是区卫计局牵头，乡镇卫生院全面推行先诊疗后付费；二是开展卫生院药品价格专项检查；"
            "三是组织医疗专家每月下乡义诊。",
            "overdue", (
                "乡镇卫生院已全面推行先诊疗后付费。",
                "药品价格专项检查已完成，查处违规加价问题2起。",
                "每月下乡义诊正常开展，新农合即时结报覆盖全部村卫生室工作正在推进。",
            ),
        ),
        _problem(
            "失地农民就业难", LABOUR, LABOUR_BUREAU, ("河滨街道", "新城街道", "柳林街道"),
            "实施社保补贴政策，探索更多就业促进措施，帮助失地农民转移就业600人以上。",
            "一是区人社局牵头，建立失地农民就业台账，一人一档；"
            "二是开展订单式培训；三是落实企业吸纳就业社保补贴。",
            "green", (
                "已建立失地农民就业台账，登记就业意愿2100人。",
                "已实现转移就业430人，落实社保补贴企业21家。",
            ),
        ),
        _problem(
            "群众殡葬难，乱埋乱葬现象突出", DEPUTY_SECRETARY, SOCIAL_AFFAIRS,
            ("北岭乡", "双桥镇", "古泉镇"),
            "加快公益性公墓建设，整治乱埋乱葬，落实惠民殡葬政策，火化率达到100%。",
            "一是区社会事务局牵头，逐村清理排查；二是乡镇落实属地责任，村规民约写入殡葬改革内容；"
            "三是落实基本殡葬服务费用减免政策。",
            "overdue", (
                "已完成乱埋乱葬情况排查，建立整治台账。",
                "基本殡葬服务费用减免政策已落实，整治乱埋乱葬点62处。",
            ),
        ),
        _problem(
            "中小学布点不合理，新城片区入学难", SOCIAL, EDUCATION, ("新城街道", LAND),
            "调整中小学布局规划，新城片区新增学位1800个，解决适龄儿童就近入学问题。",
            "一是区教体局编制中小学布局调整规划；二是区国土资源局预留教育用地；"
            "三是加快区第二初级中学建设。",
            "green", (
                "中小学布局调整规划已编制完成并报批。",
                "区第二初级中学主体施工，新城片区临时增设教学班8个。",
            ),
        ),
        _problem(
            "教育质量不高，农村学校师资薄弱", SOCIAL, EDUCATION, ("北岭乡", "古泉镇"),
            "实施城乡教师交流轮岗，农村学校教师培训全覆盖，办学质量明显提升。",
            "一是区教体局牵头，制定教师交流轮岗办法；二是开展送教下乡；"
            "三是将农村学校质量纳入年度考核。",
            "soon", (
                "教师交流轮岗办法已印发，首批交流教师38人到岗。",
                "送教下乡开展12次，农村教师培训覆盖率达到90%。",
            ),
        ),
        _problem(
            "北岭乡部分村饮水不安全", RURAL, "北岭乡", (WATER, HEALTH),
            "北岭村、石门村、白坡村等5个村饮水水质全部达标，供水保证率达到95%以上。",
            "一是北岭乡牵头，落实临时送水措施；二是区农林水利局实施打井和管网改造；"
            "三是区卫计局每周检测水质并公布结果。",
            "no_report", (
                "已对5个村实行临时送水，每日送水不少于2次。",
                "新打机井2眼已出水，管网改造完成约六成。",
            ), weekly=True,
        ),
        _problem(
            "农田水利设施老化失修", RURAL, WATER, ("双桥镇", "古泉镇"),
            "维修改造机井、渠道和泵站，恢复灌溉面积2.5万亩。",
            "一是区农林水利局逐村排查水利设施；二是列入高标准农田项目统筹解决；"
            "三是落实村级管护责任。",
            "pending", (),
        ),
        _problem(
            "城中村改造和新型社区建设进展慢", DIRECTOR, HOUSING, ("河滨街道", "柳林街道", LAND),
            "王庄村、李屯村、前柳林村城中村改造年内完成征收，新型社区建设按计划推进。",
            "一是区住建局牵头，实行“一村一方案、一村一专班”；二是街道负责征收和群众工作；"
            "三是区国土资源局保障安置用地。",
            "green", (
                "王庄村、李屯村征收补偿方案已公布，签约率达到85%。",
                "前柳林村入户调查完成，征收补偿方案正在征求意见。",
            ),
        ),
        _problem(
            "城区背街小巷路灯不亮、路面破损", URBAN, "柳林街道", (HOUSING,),
            "对柳林街道背街小巷路灯、路面逐条排查修复，群众夜间出行安全有保障。",
            "一是柳林街道牵头，建立问题清单；二是区住建局负责路灯和路面维修；"
            "三是修复一处、销号一处。",
            "pending", (),
        ),
    ],
)

LEDGERS = [ROADS, WORKS, MATTERS, PROBLEMS]
