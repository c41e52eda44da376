"""The demo district, 河阳示范区: a fictional district modelled on the 示范区 of the source article.

Everything here is plain data plus ``plan()``, which expands it into the full list of units and
people. The expansion is deterministic (fixed seed, fixed order), so loading it twice finds
exactly the same records. Division codes use the prefix 419901, which no real county has;
within it we follow the statistical convention: 街道 001–099, 镇 100–199, 乡 200–299, and
below them 社区居委会 001–199, 村委会 200–399.
"""

import random
from dataclasses import dataclass

from ..constants import Rank, Role, UnitKind

DISTRICT_CODE = "419901000000"
DISTRICT_NAME = "河阳示范区"

# Published in the README: every demo login uses it.
DEMO_PASSWORD = "Taizhang@2026"  # noqa: S105

# The county-level leaders, all seated in the district unit itself.
LEADERS = [
    "党工委书记",
    "党工委副书记、管委会主任",
    "党工委副书记",
    "党工委委员、纪工委书记",
    "党工委委员、管委会副主任",
    "党工委委员、管委会副主任",
    "管委会副主任",
    "管委会副主任",
]

# District departments (区直部门). ``role`` is what their people do in Taizhang; ``extra`` adds
# posts beyond the usual head, deputy and two 科员.
DEPARTMENTS = [
    {"name": "党政办公室", "short": "党政办",
     "extra": [("信息化管理员", Rank.STAFF, Role.ADMIN)]},
    {"name": "督查室", "short": "督查室", "role": Role.SUPERVISION,
     "extra": [("督查专员", Rank.STAFF, Role.SUPERVISION)]},
    {"name": "公安分局", "short": "公安分局", "children": [
        {"name": "城区派出所", "short": "城区所"},
        {"name": "双桥派出所", "short": "双桥所"},
    ]},
    {"name": "卫生和计划生育局", "short": "卫计局"},
    {"name": "国土资源局", "short": "国土局"},
    {"name": "农林水利局", "short": "农林水利局", "children": [
        {"name": "林业站", "short": "林业站"},
    ]},
    {"name": "社会事务局", "short": "社会事务局"},
    {"name": "人力资源和社会保障局", "short": "人社局"},
    {"name": "投资促进局", "short": "投促局"},
    {"name": "信访局", "short": "信访局", "role": Role.PETITION_OFFICER},
    {"name": "财政局", "short": "财政局"},
    {"name": "审计局", "short": "审计局",
     "extra": [("审计专员", Rank.STAFF, Role.AUDITOR)]},
    {"name": "住房和城乡建设局", "short": "住建局"},
    {"name": "交通运输局", "short": "交通局"},
    {"name": "行政审批服务局", "short": "审批局"},
    {"name": "教育文化体育局", "short": "教体局"},
]

SUBDISTRICT_HEADS = ("党工委书记", "办事处主任")
TOWN_HEADS = ("镇党委书记", "镇长")

# Townships and sub-districts: their two heads, and their villages and communities as
# (name, residents). Sub-districts are mostly communities with a few 城中村; towns are
# villages around a town-centre community.
TOWNSHIPS = [
    {"name": "河滨街道", "kind": UnitKind.SUBDISTRICT, "code": "001", "heads": SUBDISTRICT_HEADS,
     "places": [
        ("滨河社区", 8600), ("明珠社区", 11200), ("锦绣社区", 6400), ("朝阳社区", 7300),
        ("文化路社区", 9800), ("建设路社区", 5200), ("花园社区", 4600), ("东苑社区", 3900),
        ("西苑社区", 4100), ("王庄村", 2800), ("李屯村", 1900),
    ]},
    {"name": "新城街道", "kind": UnitKind.SUBDISTRICT, "code": "002", "heads": SUBDISTRICT_HEADS,
     "places": [
        ("中原路社区", 10500), ("新华社区", 7600), ("站前社区", 5800), ("金桥社区", 6900),
        ("和平社区", 4300), ("学府社区", 8100), ("阳光社区", 3400), ("翠湖社区", 5100),
        ("大刘庄村", 3600), ("小刘庄村", 2100),
    ]},
    {"name": "柳林街道", "kind": UnitKind.SUBDISTRICT, "code": "003", "heads": SUBDISTRICT_HEADS,
     "places": [
        ("柳林社区", 6200), ("柳东社区", 4800), ("柳西社区", 4400), ("南关社区", 7700),
        ("北关社区", 5600), ("丰泽社区", 3200), ("前柳林村", 3100), ("后柳林村", 2600),
        ("张寨村", 2300), ("马营村", 1700), ("孙庄村", 1500), ("郭堤村", 2900),
    ]},
    {"name": "双桥镇", "kind": UnitKind.TOWNSHIP, "code": "101", "heads": TOWN_HEADS, "places": [
        ("双桥社区", 4700), ("东双桥村", 3800), ("西双桥村", 3300), ("大王庄村", 4200),
        ("小王庄村", 1600), ("赵营村", 2400), ("周庄村", 1800), ("陈家沟村", 1200),
        ("杨楼村", 2700), ("何营村", 2000), ("高村", 3500), ("许庄村", 1400),
        ("范岭村", 950), ("詹店村", 4400),
    ]},
    {"name": "古泉镇", "kind": UnitKind.TOWNSHIP, "code": "102", "heads": TOWN_HEADS, "places": [
        ("古泉社区", 3600), ("泉上村", 2900), ("泉下村", 2500), ("南朱村", 3700),
        ("北朱村", 3100), ("吕店村", 2200), ("东韩村", 1900), ("西韩村", 1700),
        ("冯营村", 2600), ("魏庄村", 1300), ("蒋沟村", 880), ("邢村", 2100),
        ("沈屯村", 1600),
    ]},
    {"name": "北岭乡", "kind": UnitKind.TOWNSHIP, "code": "201", "heads": ("乡党委书记", "乡长"),
     "places": [
        ("北岭村", 2300), ("南岭村", 1900), ("上庄村", 1400), ("下庄村", 1600),
        ("石门村", 1100), ("杏园村", 1250), ("桃园村", 980), ("白坡村", 820),
        ("黄土岭村", 1050),
    ]},
]

# Posts in every township besides its heads: (title, rank, role). The clerks work the counter
# of the township's 便民服务中心 and see the whole township, as their role is granted there.
TOWNSHIP_POSTS = [
    ("便民服务中心主任", Rank.STAFF, Role.CLERK),
    ("便民服务中心窗口工作人员", Rank.STAFF, Role.CLERK),
    ("便民服务中心窗口工作人员", Rank.STAFF, Role.CLERK),
    ("便民服务中心窗口工作人员", Rank.STAFF, Role.CLERK),
    ("信访专干", Rank.STAFF, Role.PETITION_OFFICER),
]

# What each township cadre looks after (工作职责, printed on the 干部连心卡), by title; the
# township's villages and communities are shared out among them to 包联, two or so each.
TOWNSHIP_DUTIES = {
    "党工委书记": "主持街道党工委全面工作，抓党的建设、基层治理和信访稳定",
    "办事处主任": "主持办事处全面工作，分管经济发展、城市管理和安全生产",
    "镇党委书记": "主持镇党委全面工作，抓党的建设、乡村振兴和信访稳定",
    "镇长": "主持镇政府全面工作，分管经济发展、安全生产和民生实事",
    "乡党委书记": "主持乡党委全面工作，抓党的建设、乡村振兴和信访稳定",
    "乡长": "主持乡政府全面工作，分管农业农村、安全生产和民生实事",
    "便民服务中心主任": "负责便民服务中心日常管理，统筹代办、陪办和上门办理服务",
    "信访专干": "受理群众来信来访，排查化解矛盾纠纷，跟踪信访事项办理",
}
# The three window clerks of a centre, in order: what each takes in at the counter.
CLERK_DUTIES = (
    "受理低保、特困供养、临时救助等社会事务，为行动不便的群众上门办理",
    "受理户籍、居民身份证和生育登记事项，协助派出所开展户籍服务",
    "受理社会保险、医疗保障和就业创业事项，指导群众网上申请",
)
PLACE_DUTIES = {
    "社区党委书记、居委会主任": "主持社区党委和居委会全面工作，负责社区便民服务站和网格管理",
    "社区居委会委员": "负责低保、养老、就业等政策咨询和代办服务，联系辖区困难群众",
    "村党支部书记、村委会主任": "主持村党支部和村委会全面工作，负责村便民代办点和矛盾调解",
    "村委会委员": "负责社保、医保、计生和民政救助的政策宣传和代办服务",
}

# One login per role: (username, role, unit name, title). The login goes to the first person
# of that unit holding that role and title.
_LOGINS = [
    ("leader", Role.LEADER, DISTRICT_NAME, "党工委副书记、管委会主任"),
    ("duchashi", Role.SUPERVISION, "督查室", "主任"),
    ("staff", Role.UNIT_STAFF, "社会事务局", "科员"),
    ("clerk", Role.CLERK, "河滨街道", "便民服务中心窗口工作人员"),
    ("xinfang", Role.PETITION_OFFICER, "信访局", "科员"),
    ("wangge", Role.GRID_WORKER, "滨河社区第一网格", "专职网格员"),
    ("auditor", Role.AUDITOR, "审计局", "审计专员"),
    ("admin", Role.ADMIN, "党政办公室", "信息化管理员"),
]
DEMO_LOGINS = [(username, role.label, unit) for username, role, unit, _ in _LOGINS]
SUPERUSERS = frozenset({"admin"})

SURNAMES = (
    "王王王王李李李李张张张刘刘刘陈陈杨杨赵赵黄周吴徐孙孙胡朱高林何郭郭马马罗梁宋郑谢韩唐冯"
    "于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金"
)
MALE_CHARS = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰东平文华林超凯浩宇博永庆亮新春光"
FEMALE_CHARS = "芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩晶梅红英秀兰月琴丹玉凤"
MOBILE_PREFIXES = ("139", "138", "137", "136", "135", "158", "159", "186", "151", "182")
GRID_ORDINALS = "一二三四"


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: str
    parent_key: str | None
    sort_order: int
    short_name: str = ""
    division_code: str | None = None
    population: int | None = None


@dataclass(frozen=True)
class PersonSpec:
    unit_key: str
    name: str
    title: str
    rank: str
    phone: str
    sort_order: int
    role: str
    username: str = ""
    duties: str = ""


@dataclass(frozen=True)
class Plan:
    units: list[UnitSpec]
    people: list[PersonSpec]


def _grid_count(population):
    """2 to 4 grids, about one per 1,500 residents."""
    return min(4, max(2, -(-population // 1500)))


def _grid_populations(population, count):
    share, rest = divmod(population, count)
    return [share + (1 if i < rest else 0) for i in range(count)]


def _units():
    units = [UnitSpec(DISTRICT_NAME, DISTRICT_NAME, UnitKind.DISTRICT, None, 0,
                      short_name="示范区", division_code=DISTRICT_CODE)]
    order = 0

    def add_department(spec, parent_key):
        nonlocal order
        order += 1
        key = f"{parent_key}/{spec['name']}"
        units.append(UnitSpec(key, spec["name"], UnitKind.DEPARTMENT, parent_key, order,
                              short_name=spec["short"]))
        for child in spec.get("children", ()):
            add_department(child, key)

    for spec in DEPARTMENTS:
        add_department(spec, DISTRICT_NAME)
    for t_order, township in enumerate(TOWNSHIPS, start=100):
        prefix = DISTRICT_CODE[:6] + township["code"]
        t_key = f"{DISTRICT_NAME}/{township['name']}"
        units.append(UnitSpec(t_key, township["name"], township["kind"], DISTRICT_NAME, t_order,
                              division_code=prefix + "000"))
        communities = villages = 0
        for p_order, (name, population) in enumerate(township["places"], start=1):
            if name.endswith("社区"):
                communities += 1
                kind, serial = UnitKind.COMMUNITY, communities
            else:
                villages += 1
                kind, serial = UnitKind.VILLAGE, 200 + villages
            p_key = f"{t_key}/{name}"
            units.append(UnitSpec(p_key, name, kind, t_key, p_order,
                                  division_code=f"{prefix}{serial:03d}", population=population))
            count = _grid_count(population)
            for g, g_population in enumerate(_grid_populations(population, count)):
                grid_name = f"{name}第{GRID_ORDINALS[g]}网格"
                units.append(UnitSpec(f"{p_key}/{grid_name}", grid_name, UnitKind.GRID, p_key,
                                      g + 1, population=g_population))
    return units


def _head_title(name):
    if name.endswith("所"):
        return "所长"
    if name.endswith("站"):
        return "站长"
    if name.endswith("室"):
        return "主任"
    return "局长"


def _posts(unit, departments, townships):
    """The (title, rank, role) posts of one unit."""
    if unit.kind == UnitKind.DISTRICT:
        return [(title, Rank.COUNTY, Role.LEADER) for title in LEADERS]
    if unit.kind == UnitKind.DEPARTMENT:
        spec = departments[unit.name]
        role = spec.get("role", Role.UNIT_STAFF)
        head = _head_title(unit.name)
        return [(head, Rank.SECTION, role), (f"副{head}", Rank.SECTION, role),
                ("科员", Rank.STAFF, role), ("科员", Rank.STAFF, role), *spec.get("extra", ())]
    if unit.kind in (UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT):
        heads = [(title, Rank.SECTION, Role.UNIT_STAFF) for title in townships[unit.name]]
        return [*heads, *TOWNSHIP_POSTS]
    if unit.kind == UnitKind.COMMUNITY:
        return [("社区党委书记、居委会主任", Rank.VILLAGE_CADRE, Role.UNIT_STAFF),
                ("社区居委会委员", Rank.VILLAGE_CADRE, Role.UNIT_STAFF)]
    if unit.kind == UnitKind.VILLAGE:
        return [("村党支部书记、村委会主任", Rank.VILLAGE_CADRE, Role.UNIT_STAFF),
                ("村委会委员", Rank.VILLAGE_CADRE, Role.UNIT_STAFF)]
    return [("专职网格员", Rank.OTHER, Role.GRID_WORKER)]


def plan() -> Plan:
    """The whole district, expanded: the same result on every call."""
    rng = random.Random(20260101)
    units = _units()
    departments = {}
    pending = list(DEPARTMENTS)
    while pending:
        spec = pending.pop()
        departments[spec["name"]] = spec
        pending.extend(spec.get("children", ()))
    townships = {t["name"]: t["heads"] for t in TOWNSHIPS}
    logins = {(unit, role, title): username for username, role, unit, title in _LOGINS}

    places = {t["name"]: [name for name, _ in t["places"]] for t in TOWNSHIPS}

    used_names, used_phones, people = set(), set(), []
    for unit in units:
        posts = _posts(unit, departments, townships)
        titles = [title for title, _, _ in posts]
        for order, (title, rank, role) in enumerate(posts, 1):
            name = _new(used_names, lambda: _name(rng))
            phone = _new(used_phones, lambda: rng.choice(MOBILE_PREFIXES)
                         + f"{rng.randrange(10**8):08d}")
            username = logins.pop((unit.name, role, title), "")
            duties = _duties(unit, titles, order, places)
            people.append(PersonSpec(unit.key, name, title, rank, phone, order, role, username,
                                     duties))
    if logins:
        raise ValueError(f"demo logins without a matching post: {sorted(logins.values())}")
    return Plan(units, people)


def _duties(unit, titles, order, places):
    """The duties of the ``order``-th post (1-based) among a unit's ``titles``, for township and
    village cadres; other people's stay empty."""
    title = titles[order - 1]
    if unit.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY):
        return PLACE_DUTIES[title]
    if unit.kind not in (UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT):
        return ""
    if title in TOWNSHIP_DUTIES:
        duties = TOWNSHIP_DUTIES[title]
    else:  # a window clerk: the first takes social affairs, the second 户籍, the third 社保
        duties = CLERK_DUTIES[titles[:order - 1].count(title) % len(CLERK_DUTIES)]
    linked = places[unit.name][order - 1::len(titles)]
    return f"{duties}；包联{'、'.join(linked)}" if linked else duties


def _name(rng):
    chars = MALE_CHARS if rng.random() < 0.55 else FEMALE_CHARS
    given = "".join(rng.choice(chars) for _ in range(1 if rng.random() < 0.25 else 2))
    return rng.choice(SURNAMES) + given


def _new(used, make):
    """A value from ``make`` not produced before, so names and numbers never repeat."""
    while (value := make()) in used:
        pass
    used.add(value)
    return value
