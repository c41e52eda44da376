"""What the demo petitions say: channels, categories and their weights, a few sentences per
category with the place filled in, and the unit that handles each category.

Weights follow what a district of this size sees: most people come in person (来访), then
online; land, wages and building dominate, as they do in the yearly reports.
"""

CHANNELS = [("visit", 46), ("online", 24), ("phone", 15), ("letter", 10),
            ("leader_mailbox", 5)]

CATEGORIES = [("zhengdi", 22), ("laodong", 19), ("chengxiang", 17), ("huanjing", 8),
              ("nongye", 9), ("shefa", 6), ("yiliao", 5), ("jiaoyu", 5), ("minzheng", 5),
              ("qita", 4)]

# The department with authority over each category; None: the township where it arose.
HANDLERS = {
    "zhengdi": "国土资源局", "laodong": "人力资源和社会保障局", "chengxiang": "住房和城乡建设局",
    "huanjing": None, "nongye": "农林水利局", "shefa": "公安分局",
    "yiliao": "卫生和计划生育局", "jiaoyu": "教育文化体育局", "minzheng": "社会事务局",
    "qita": None,
}

TEMPLATES = {
    "zhengdi": [
        "反映{place}{year}年集体土地征收后，本户青苗补偿款至今未足额发放，要求核实并补发。",
        "{place}房屋拆迁时评估面积少算了约二十平方米，要求重新丈量评估。",
        "反映{place}征地安置房迟迟未交付，过渡费已停发三个月，要求尽快安置。",
        "对{place}征地补偿款分配方案有异议，认为外嫁女未享受同等待遇，要求依法分配。",
        "{place}修路占用本户宅基地，未签订任何协议，要求给予补偿。",
    ],
    "laodong": [
        "在{place}某建筑工地务工，被拖欠工资约三万元，包工头失联，要求帮助追讨。",
        "反映{place}一家企业未依法缴纳社会保险，现已离职无法转移社保关系。",
        "本人在{place}工作期间受伤，用人单位拒不申报工伤认定，要求依法处理。",
        "{place}某公司解除劳动合同未支付经济补偿，要求协调解决。",
        "反映{place}被征地农民养老保险待遇计算有误，要求重新核定。",
    ],
    "chengxiang": [
        "{place}小区开发商延期交房已逾一年，业主多次协商无果，要求督促交房。",
        "反映{place}有人私搭乱建占用消防通道，存在安全隐患，要求拆除。",
        "{place}小区办理不动产权证遇阻，开发商欠缴税费，要求协调办证。",
        "{place}老旧小区雨污管网堵塞，雨天污水倒灌，要求纳入改造计划。",
        "反映{place}物业公司擅自提高物业费，服务质量差，要求主管部门查处。",
    ],
    "huanjing": [
        "{place}附近一家加工厂夜间排放刺鼻废气，严重影响居民休息，要求查处。",
        "反映{place}河道有人倾倒建筑垃圾，水体发黑发臭，要求清理整治。",
        "{place}一家石料厂粉尘污染严重，周边农田受影响，要求停产整改。",
        "{place}餐饮店油烟直排，楼上住户多次投诉未果，要求依法处理。",
        "反映{place}养殖场粪污未经处理外排，要求环保部门调查。",
    ],
    "nongye": [
        "{place}土地承包经营权确权时本户面积登记错误，要求更正。",
        "反映{place}村集体土地对外发包价格过低、未经村民代表大会讨论，要求公开。",
        "{place}灌溉渠道年久失修，今年无法正常放水，要求维修。",
        "反映{place}惠农补贴未发放到户，要求核查。",
        "{place}村组之间因山林权属发生纠纷，要求调处。",
    ],
    "shefa": [
        "反映{place}一起民间借贷纠纷法院判决后迟迟未执行，要求督促执行。",
        "对{place}一起交通事故责任认定不服，要求重新调查。",
        "反映{place}有人非法集资，本人被骗五万余元，要求立案侦查。",
        "{place}邻里纠纷中被打伤，派出所至今未作处理，要求依法处理。",
    ],
    "yiliao": [
        "反映家属在{place}卫生院就诊后病情加重，怀疑存在医疗过错，要求调查。",
        "{place}村卫生室药品价格高于规定，要求查处。",
        "反映{place}新农合报销比例计算有误，要求重新核算。",
        "{place}卫生院夜间无人值班，群众看病难，要求改进。",
    ],
    "jiaoyu": [
        "反映{place}孩子就近入学被拒，要求按学区划分安排入学。",
        "{place}学校校车超载，存在安全隐患，要求整改。",
        "反映{place}某培训机构收费后停业，预付学费无法退还，要求协调退费。",
        "{place}学校乱收资料费，要求清退。",
    ],
    "minzheng": [
        "{place}本户家庭困难，申请低保未获批准，要求重新评议。",
        "反映{place}残疾人两项补贴停发，要求恢复。",
        "{place}高龄老人津贴未按时发放，要求核实。",
        "反映{place}特困供养人员认定不公，要求公开评议结果。",
    ],
    "qita": [
        "反映{place}路灯损坏多日无人维修，夜间出行不便，要求修复。",
        "{place}公交线路调整后群众出行困难，要求恢复原线路。",
        "建议{place}增设农贸市场，解决群众买菜难问题。",
        "反映{place}停车位被长期占用，要求管理。",
    ],
}

REPLIES = {
    "default": "经调查核实，{unit}已依法依规作出处理，并向信访人当面反馈，信访人表示理解。",
    "zhengdi": "经{unit}会同属地核实，补偿标准符合规定，差额部分已于近日补发到位。",
    "laodong": "经{unit}协调，用工单位已支付所欠工资，并依法补缴社会保险。",
    "chengxiang": "{unit}已责令相关单位限期整改，并将持续跟踪落实情况。",
}

REFUSAL = ("经审查，该事项已进入诉讼程序，属于应当通过诉讼途径解决的事项，不予受理。"
           "请依法通过法定途径处理。")

REVIEW_REQUEST = "信访人对处理意见不服，认为补偿标准计算有误，请求复查。"
REVIEW_ANSWER = "经复查，原处理意见认定事实清楚、适用依据正确，予以维持。"

ACCUSATIONS = [
    "检举{place}村干部在低保评定中优亲厚友，要求查处。",
    "检举{place}在工程发包中未经公开招标，涉嫌违规，要求调查。",
    "检举{place}挪用集体土地补偿款，要求公开账目。",
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国志强秀英桂兰春梅海燕文华明军丽娟玉兰国庆红霞长青德胜淑珍立新凤英学军金花永福"
