"""How busy the six township centres are over the demo year: on which days, at which centre,
for which matter, in which mode and through which channel citizens come.

The article's figure is 12,000 applications accepted in a year at the six centres; the year
here is the 365 days before the day of loading, working days only (the official calendar).
The shape: Mondays and the first day after a long holiday are busy, the Spring Festival month
is quiet, September (school enrolment, medical insurance for next year) and January (the year's
allowances) are busy; household registration, social and medical insurance, the 80+ allowance
and birth registration are common, building and forestry permits rare; most matters are done
on the spot (即办), online applications grow over the year.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ...org.workdays import day_info, is_working_day
from ..constants import Channel, Mode

ANNUAL_ACCEPTED = 12_000
YEAR_DAYS = 365

# How often each matter is asked for, relative to the others (matters not named: RARE).
POPULARITY = {
    "HY-GA-010": 9, "HY-GA-001": 4, "HY-GA-005": 6, "HY-GA-004": 4, "HY-GA-006": 3,
    "HY-GA-008": 2.5, "HY-GA-009": 2.5, "HY-GA-003": 2, "HY-GA-002": 2, "HY-GA-011": 2,
    "HY-GA-007": 1.5,
    "HY-RS-003": 9, "HY-RS-001": 5, "HY-RS-002": 3, "HY-RS-005": 2.5, "HY-RS-004": 2,
    "HY-RS-006": 1.2, "HY-RS-007": 0.6,
    "HY-SW-007": 6, "HY-SW-008": 4, "HY-SW-001": 2, "HY-SW-005": 1.5, "HY-SW-006": 1.5,
    "HY-SW-009": 1.5, "HY-SW-003": 1.2, "HY-SW-010": 1, "HY-SW-002": 0.5, "HY-SW-004": 0.4,
    "HY-SW-011": 0.15,
    "HY-WJ-001": 6, "HY-WJ-003": 1.2, "HY-WJ-002": 0.5, "HY-WJ-004": 0.3,
    "HY-GT-002": 3, "HY-GT-003": 3, "HY-GT-004": 2, "HY-GT-001": 0.5,
    "HY-NL-001": 2, "HY-NL-002": 0.6, "HY-LY-004": 0.6, "HY-LY-001": 0.4, "HY-LY-002": 0.2,
    "HY-LY-003": 0.2, "HY-ZJ-003": 0.4, "HY-ZJ-001": 0.3, "HY-ZJ-002": 0.3,
}
RARE = 0.3

# Seasons of particular matters: month -> factor.
SEASONS = {
    "HY-RS-003": {9: 2.5, 10: 3, 11: 3, 12: 2.5},  # next year's medical insurance
    "HY-GA-010": {8: 1.8, 9: 2},  # household certificates for school enrolment
    "HY-GA-011": {8: 2, 9: 2},  # residence permits for school enrolment
    "HY-SW-007": {1: 2},  # the 80+ allowance's yearly review
    "HY-NL-001": {3: 3, 4: 3, 5: 2},  # farmland protection subsidy, spring sowing
    "HY-WJ-003": {3: 2, 4: 2},  # family-planning reward, yearly confirmation
    "HY-LY-004": {11: 2, 12: 2},  # forest compensation, paid at the year's end
}

MONTHS = {1: 1.15, 2: 1.0, 3: 1.05, 4: 1.0, 5: 0.95, 6: 0.95, 7: 0.9, 8: 1.0, 9: 1.2,
          10: 0.95, 11: 1.0, 12: 1.05}
SPRING_FESTIVAL_MONTH = 0.7
AFTER_LONG_HOLIDAY = 1.4
WEEKDAYS = {0: 1.15, 1: 1.05, 2: 1.0, 3: 0.95, 4: 0.9, 5: 0.8, 6: 0.8}  # 5, 6: make-up days

# How a matter's allowed modes share its applications.
MODES = {Mode.INSTANT: 12, Mode.PROXY: 3, Mode.ACCOMPANY: 1, Mode.DOORSTEP: 0.6}
# Share of a matter that may be applied for online that comes online: at the year's start,
# and at its end (零跑动 catching on).
ONLINE_SHARE = (0.12, 0.3)


@dataclass(frozen=True)
class Draw:
    day: date  # accepted on (or, online, submitted on or before)
    centre: object
    version: object
    mode: str
    channel: str


def year_days(today):
    """The working days of the demo year: the 365 days before ``today``."""
    days = (today - timedelta(days=n) for n in range(YEAR_DAYS, 0, -1))
    return [day for day in days if is_working_day(day)]


def draws(rng: random.Random, today, offers, weights, accepted=ANNUAL_ACCEPTED):
    """The year's applications, about ``accepted`` of them, oldest first. ``offers`` maps each
    centre to the current versions of the matters it offers; ``weights`` each centre to how
    busy it is."""
    days = year_days(today)
    busy = _day_weights(days)
    scale = accepted / sum(busy)
    centres = list(offers)
    centre_weights = [weights[centre] for centre in centres]
    made = []
    for n, (day, weight) in enumerate(zip(days, busy, strict=True)):
        online_share = ONLINE_SHARE[0] + (ONLINE_SHARE[1] - ONLINE_SHARE[0]) * n / len(days)
        count = max(0, round(weight * scale * rng.gauss(1, 0.12)))
        matter_weights = {centre: [_popularity(v.matter.code, day) for v in offers[centre]]
                          for centre in centres}
        for centre in rng.choices(centres, centre_weights, k=count):
            version = rng.choices(offers[centre], matter_weights[centre])[0]
            modes = list(version.modes)
            mode = rng.choices(modes, [MODES[Mode(m)] for m in modes])[0]
            online = version.online and rng.random() < online_share
            made.append(Draw(day, centre, version, mode,
                             Channel.ONLINE if online else Channel.COUNTER))
    return made


def _popularity(code, day):
    return POPULARITY.get(code, RARE) * SEASONS.get(code, {}).get(day.month, 1)


def _day_weights(days):
    festival = _spring_festival_month(days)
    weights = []
    for before, day in zip([None, *days], days, strict=False):
        weight = MONTHS[day.month] * WEEKDAYS[day.weekday()]
        if (day.year, day.month) == festival:
            weight *= SPRING_FESTIVAL_MONTH
        if before is not None and (day - before).days > 3:
            weight *= AFTER_LONG_HOLIDAY
        weights.append(weight)
    return weights


def _spring_festival_month(days):
    """The (year, month) holding most of the Spring Festival holiday in the demo year."""
    counts = {}
    day = days[0]
    while day <= days[-1]:
        if day_info(day).name == "春节":
            counts[(day.year, day.month)] = counts.get((day.year, day.month), 0) + 1
        day += timedelta(days=1)
    return max(counts, key=counts.get) if counts else None
