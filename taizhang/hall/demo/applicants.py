"""Believable applicants for the demo applications: a name that fits the person's generation,
a valid resident ID number (GB 11643: real Henan place codes, birth date, check digit) and a
mobile number. Everything is drawn from the caller's seeded ``random.Random``.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.core.exceptions import ValidationError
from stdnum.cn import ric

from ...org import pii

# The commonest surnames of Henan, most frequent first (weights fall with the rank).
SURNAMES = ("王李张刘陈杨赵郭孙马高朱周吴徐胡何宋黄郑牛韩魏冯袁许曹程范邢史娄董"
            "杜梁田贾崔任谢秦姚罗付方苏常侯齐段蒋薛焦申白雷闫彭吕丁卢")
SURNAME_WEIGHTS = [1 / (rank + 4) for rank in range(len(SURNAMES))]


def _words(text):
    return tuple(text.split())


# Given names by generation and sex: names go in and out of fashion, so a name says roughly
# when its bearer was born.
GIVEN_NAMES = {
    ("old", "m"): _words("建国 国庆 振华 长林 福生 文明 守仁 有才 德胜 庆丰 树林 保国 "
                         "金山 玉林 广田 新民 永福 春生 德厚 宝山"),
    ("old", "f"): _words("秀英 桂兰 玉兰 淑芬 凤英 秀兰 桂英 春花 玉梅 翠花 金凤 素珍 "
                         "秀珍 爱莲 兰芝 玉珍 桂芳 巧云 月娥 凤兰"),
    ("mid", "m"): _words("伟 军 磊 勇 涛 斌 强 刚 鹏 超 建军 红军 志强 海涛 国强 卫东 "
                         "建伟 晓东 明亮 永刚 建华 俊峰 海军 小军"),
    ("mid", "f"): _words("丽 静 敏 燕 艳 霞 红梅 丽娟 晓燕 秀梅 春燕 海燕 玉洁 红霞 "
                         "丽华 雪梅 慧 娜 晓红 桂香 彩霞 亚丽"),
    ("young", "m"): _words("浩然 子轩 宇航 一鸣 梓豪 俊杰 博文 昊天 家豪 明轩 志远 天佑 "
                           "嘉豪 浩 宇 晨阳 鑫 凯 帅 旭东 子涵 皓轩"),
    ("young", "f"): _words("欣怡 雨桐 子涵 梦琪 诗雨 佳怡 思雨 可欣 婉婷 一诺 梓萱 雅琪 "
                           "若曦 晓雯 佳琪 雨萱 静怡 梦瑶 心怡 紫涵"),
}

# Place codes (the first six digits) of Zhengzhou's districts and counties, the demo
# district's neighbours, the local ones repeated. The validator checks that a code was in use
# in the birth year, and its table starts in 1983, so older people get the codes of that time.
PLACE_CODES = (
    (1994, ("410122", "410122", "410122", "410184", "410183", "410182", "410102", "410103",
            "410105", "410181", "410185", "410482", "410526")),
    (1983, ("410122", "410122", "410121", "410102", "410103", "410104", "410105", "410106")),
    (0, ("410121", "410100")),
)
# Zhengzhou without a district: in use in any year.
ANY_YEAR_PLACE = "410100"

# Mobile number blocks of the three carriers.
MOBILE_BLOCKS = _words("134 135 136 137 138 139 150 151 152 157 158 159 182 183 187 188 130 131 "
                 "132 155 156 185 186 133 153 180 181 189 177 199 166")

# How old the applicants of some matters are (years): the 80+ allowance goes to the very old,
# birth and childbearing registrations to young parents; the rest are adults of any age.
AGES = {"HY-SW-007": (80, 97), "HY-SW-008": (60, 85), "HY-RS-002": (60, 80),
        "HY-WJ-001": (22, 38), "HY-GA-001": (22, 40), "HY-WJ-003": (60, 75),
        "HY-WJ-004": (49, 70), "HY-RS-005": (18, 50), "HY-RS-006": (20, 55),
        "HY-RS-004": (25, 55), "HY-GA-004": (16, 18), "HY-SW-011": (3, 16)}
ADULTS = (18, 78)


def applicant(rng, code, on):
    """A dict of name, id_number and phone for an applicant of matter ``code`` on day ``on``."""
    low, high = AGES.get(code, ADULTS)
    born = on - timedelta(days=rng.randint(low * 365 + 1, high * 365 + 364))
    sex = rng.choice("mf")
    return {"name": name(rng, born, sex), "id_number": id_number(rng, born, sex),
            "phone": mobile(rng)}


def name(rng, born, sex):
    generation = "old" if born.year < 1960 else "mid" if born.year < 1990 else "young"
    surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
    return surname + rng.choice(GIVEN_NAMES[(generation, sex)])


def id_number(rng, born: date, sex):
    """A resident ID number that ``pii.validate_id_number`` accepts: a place code in use in
    the birth year, the birth date, a sequence number odd for men and even for women."""
    codes = next(codes for since, codes in PLACE_CODES if born.year >= since)
    place = rng.choice(codes)
    if not _in_use(place, born.year):
        place = ANY_YEAR_PLACE
    return _with_check_digit(f"{place}{born:%Y%m%d}{rng.randrange(0, 999, 2) + (sex == 'm'):03d}")


def _with_check_digit(body):
    return body + ric.calc_check_digit(body + "0")


@lru_cache(maxsize=1024)
def _in_use(place, year):
    """Whether the validator takes ``place`` for someone born in ``year`` (asked once each:
    the place table is slow to search)."""
    try:
        pii.validate_id_number(_with_check_digit(f"{place}{year}0601001"))
    except ValidationError:
        return False
    return True


def mobile(rng):
    return rng.choice(MOBILE_BLOCKS) + f"{rng.randrange(10**8):08d}"


def doorstep_address(rng, township, place, village):
    """Where a door-to-door service goes: a house in a village, a flat in a community."""
    if village:
        return f"{township}{place}{rng.randint(1, 9)}组{rng.randint(1, 80)}号"
    return (f"{township}{place}{rng.randint(1, 24)}号楼{rng.randint(1, 4)}单元"
            f"{rng.randint(1, 6)}0{rng.randint(1, 4)}室")
