"""Unit and leader names from a sheet, matched to the organisation.

Both directories are read once per import (a few queries, however many rows), then every
cell is looked up in memory. A name that matches nothing gets the closest known name as a
suggestion (``difflib``), so a typo such as 西和乡 is answered with “您是否要找：西河乡？”.
"""

import difflib
import re
from collections import defaultdict

from ...org.constants import Rank
from ...org.models import Person, Unit, UnitClosure

SPLIT = re.compile(r"[、，,；;\s]+")
# Names are padded with spaces to line up ("王  强"); only punctuation separates two of them.
SPLIT_PUNCTUATION = re.compile(r"[、，,；;]+")
BRACKETS = re.compile(r"[（(][^）)]*[）)]")
SUGGESTION_CUTOFF = 0.6


def _clean(text):
    return re.sub(r"\s+", "", str(text)).replace("（", "(").replace("）", ")")


def split_names(text, spaces=True) -> list[str]:
    pattern = SPLIT if spaces else SPLIT_PUNCTUATION
    return [name.strip() for name in pattern.split(str(text).strip()) if name.strip()]


def _suggest(text, names):
    close = difflib.get_close_matches(text, names, n=1, cutoff=SUGGESTION_CUTOFF)
    return f"，您是否要找：{close[0]}？" if close else "。"


class UnitDirectory:
    """Active units by name and short name; ties go to units under ``home`` (the ledger's
    unit), then to the one highest in the tree."""

    def __init__(self, home_id):
        self.units = {}  # every unit, so that an item's old unit can still be named
        self.by_name = defaultdict(list)  # active units only: what a sheet may name
        for pk, name, short_name, parent_id, depth, active in Unit.objects.values_list(
                "pk", "name", "short_name", "parent_id", "depth", "is_active"):
            self.units[pk] = (name, parent_id, depth)
            if active:
                self.by_name[_clean(name)].append(pk)
                if short_name and _clean(short_name) != _clean(name):
                    self.by_name[_clean(short_name)].append(pk)
        self.home = set(UnitClosure.objects.filter(ancestor_id=home_id)
                        .values_list("descendant_id", flat=True))
        self._names = None
        self._answers = {}

    def name(self, pk):
        return self.units[pk][0]

    def path(self, pk):
        name, parent_id, _ = self.units[pk]
        return f"{self.units[parent_id][0]}{name}" if parent_id in self.units else name

    def resolve(self, text):
        """``(unit_id, None)``, or ``(None, reason)`` when ``text`` names no single unit."""
        key = _clean(text)
        if key not in self._answers:
            self._answers[key] = self._resolve(key)
        return self._answers[key]

    def _candidates(self, key):
        found = self.by_name.get(key)
        if found:
            return found
        # "西河乡西河村": a unit named after its parent, for names used in several places.
        for cut in range(1, len(key)):
            for parent in self.by_name.get(key[:cut], ()):
                children = [pk for pk in self.by_name.get(key[cut:], ())
                            if self.units[pk][1] == parent]
                if children:
                    return children
        return []

    def _resolve(self, key):
        candidates = self._candidates(key)
        if len(candidates) > 1:
            candidates = [pk for pk in candidates if pk in self.home] or candidates
        if len(candidates) > 1:
            top = min(self.units[pk][2] for pk in candidates)
            highest = [pk for pk in candidates if self.units[pk][2] == top]
            candidates = highest if len(highest) == 1 else candidates
        if len(candidates) == 1:
            return candidates[0], None
        if candidates:
            paths = "、".join(self.path(pk) for pk in candidates[:4])
            return None, (f"有 {len(candidates)} 个单位名为“{key}”（{paths}），"
                          f"请写明上级单位，如“{self.path(candidates[0])}”")
        if self._names is None:
            self._names = list(self.by_name)
        return None, f"找不到单位“{key}”{_suggest(key, self._names)}"


class LeaderDirectory:
    """People in service, by name; of namesakes, county-level leaders (县级领导) are preferred.

    ``张三（副区长）`` is read as 张三; ``王副区长`` (surname and post) finds the county leader
    surnamed 王 whose post is 副区长, when there is exactly one.
    """

    def __init__(self):
        self.people = {}  # everyone, so that an item's former leader can still be named
        self.by_name = defaultdict(list)  # people in service only
        self.by_post = defaultdict(list)
        for pk, name, rank, post, unit_name, active in Person.objects.values_list(
                "pk", "name", "rank", "title", "unit__name", "is_active"):
            self.people[pk] = (name, rank, post, unit_name)
            if not active:
                continue
            self.by_name[_clean(name)].append(pk)
            if rank == Rank.COUNTY and post and name:
                self.by_post[name[0] + _clean(post)].append(pk)
        self._names = None
        self._answers = {}

    def name(self, pk):
        return self.people[pk][0]

    def resolve(self, text):
        key = _clean(BRACKETS.sub("", str(text)))
        if key not in self._answers:
            self._answers[key] = self._resolve(key, text)
        return self._answers[key]

    def _resolve(self, key, text):
        if len(split_names(BRACKETS.sub("", str(text)), spaces=False)) > 1:
            return None, "责任领导只能填写一人，其他领导可写入工作措施"
        candidates = self.by_name.get(key) or self.by_post.get(key) or []
        if len(candidates) > 1:
            county = [pk for pk in candidates if self.people[pk][1] == Rank.COUNTY]
            candidates = county or candidates
        if len(candidates) == 1:
            return candidates[0], None
        if candidates:
            who = "、".join(f"{self.people[pk][3]}{self.people[pk][2]}" for pk in candidates[:4])
            return None, f"有 {len(candidates)} 位同名人员“{key}”（{who}），无法确定是哪一位"
        if self._names is None:
            self._names = list(self.by_name)
        return None, f"找不到人员“{key}”{_suggest(key, self._names)}"
