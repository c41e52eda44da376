"""What the service handbook (便民服务手册) says, read once from the current catalogue.

The handbook is the catalogue as published on the public pages, in print: every active matter
in its current version, grouped by implementing department in the order of the service
commitments page, with the centres offering it. The .docx and PDF writers only lay it out.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils import timezone

from ...documents.numbering import circled
from ...org.constants import UnitKind
from ...org.models import Unit
from ..constants import MaterialForm, Mode
from ..views.public import published, time_limit_text, trips_text

TITLE = "便民服务手册"


@dataclass(frozen=True)
class Material:
    name: str
    form: str
    copies: int
    note: str


@dataclass(frozen=True)
class Place:
    """A centre offering a matter, as a reader needs it."""

    name: str
    address: str
    phone: str
    hours: str


@dataclass(frozen=True)
class Entry:
    """One matter as the handbook prints it."""

    code: str
    name: str
    category: str
    legal_basis: str
    materials: list[Material]
    steps: list[str]
    time_limit: str
    fee: str
    modes: str
    online: str
    trips: str
    centres: list[Place]


@dataclass(frozen=True)
class Handbook:
    district: str
    edition: date  # the handbook is dated by month: 2026年11月编印
    departments: list[tuple[str, list[Entry]]]

    @property
    def title(self):
        return f"{self.district}{TITLE}" if self.district else TITLE

    @property
    def matter_count(self):
        return sum(len(entries) for _, entries in self.departments)


def build_handbook(today=None) -> Handbook:
    """The handbook of the catalogue as it stands now: three queries, whatever its size."""
    matters = (published().select_related("current__department").prefetch_related("centres")
               .order_by("current__department__depth", "current__department__sort_order",
                         "current__department_id", "code"))
    departments = [(department.name, [_entry(matter) for matter in group])
                   for department, group in groupby(
                       matters, key=lambda matter: matter.current.department)]
    district = Unit.objects.filter(kind=UnitKind.DISTRICT, parent=None).order_by("pk").first()
    today = today or timezone.localdate()
    return Handbook(district=district.name if district else "",
                    edition=today.replace(day=1), departments=departments)


def digest(handbook):
    """A fingerprint of everything the handbook prints: equal digests, equal documents."""
    return hashlib.sha256(repr(handbook).encode()).hexdigest()


def _entry(matter):
    version = matter.current
    return Entry(
        code=matter.code, name=version.name, category=version.get_category_display(),
        legal_basis=version.legal_basis,
        materials=[Material(name=material["name"], form=MaterialForm(material["form"]).label,
                            copies=int(material["copies"]), note=material.get("note", ""))
                   for material in version.materials],
        steps=list(version.steps), time_limit=time_limit_text(version.time_limit),
        fee=version.fee, modes="、".join(Mode(mode).label for mode in version.modes),
        online="可网上申请" if version.online else "须到窗口申请",
        trips=trips_text(version.max_trips),
        centres=[Place(name=centre.name, address=centre.address, phone=centre.phone,
                       hours=centre.opening_hours) for centre in matter.centres.all()],
    )


def edition_text(handbook):
    return f"{handbook.edition.year}年{handbook.edition.month}月编印"


def preface(handbook):
    """The few lines after the cover that tell a reader how to use the handbook."""
    count = handbook.matter_count
    return (
        f"本手册收录{handbook.district}各服务中心可办理的政务服务事项 {count} 项，按实施部门编排，"
        "逐项列明事项编码、事项类型、设定依据、申请材料、办理流程、承诺时限、收费标准、办理方式、"
        "最多跑动次数和办理地点。",
        "材料齐全、符合法定形式的，窗口当场受理，并在承诺时限内办结；“即办”事项当场办结。"
        "材料不全的，窗口一次性告知需要补正的全部内容。",
        "行动不便的群众可以申请代办、陪办或上门办理；标明“可网上申请”的事项也可以在网上提交。"
        "办事前可先拨打服务中心咨询电话。事项清单如有调整，以窗口告知和网上公布的为准。",
    )


def steps_text(entry):
    """The process on one line: ①窗口受理 → ②审核 → ③办结."""
    return " → ".join(f"{circled(n)}{step}" for n, step in enumerate(entry.steps, start=1))
