"""The service catalogue (事项清单): writing a matter makes a new version, never an edit.

An application points at the version it was made under, so what a citizen was told (materials,
time limit, fee) stays on record after the catalogue changes. ``search`` finds matters by name
or by pinyin initials (``hjdj`` finds 户籍登记), the way citizens type on a phone.
"""

from django.db import transaction
from django.db.models import Max, Q
from pypinyin import Style, lazy_pinyin

from ..org.events import record_event
from .constants import MaterialForm, Mode
from .models import Matter, MatterVersion

VERSIONED_FIELDS = ("name", "department", "category", "legal_basis", "materials", "steps",
                    "time_limit", "fee", "modes", "online", "max_trips")


class CatalogueError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


def initials(name: str) -> str:
    """Pinyin initials of the Chinese characters in ``name``; other characters as they are."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")).lower()


def check_particulars(fields):
    """Refuse particulars no centre could publish (``CatalogueError`` naming the field)."""
    modes = fields["modes"]
    if not modes or any(mode not in Mode.values for mode in modes):
        raise CatalogueError("请选择办理方式：即办、代办、陪办、上门办理中的一项或几项。", "modes")
    if fields["time_limit"] == 0 and Mode.INSTANT not in modes:
        raise CatalogueError("承诺时限为 0（当场办结）的事项须提供“即办”。", "modes")
    if fields["time_limit"] > 0 and Mode.INSTANT in modes:
        raise CatalogueError("“即办”事项的承诺时限应为 0 个工作日。", "time_limit")
    for n, material in enumerate(fields["materials"], start=1):
        if not str(material.get("name", "")).strip():
            raise CatalogueError(f"第 {n} 项申请材料缺少名称。", "materials")
        if material.get("form") not in MaterialForm.values:
            raise CatalogueError(f"第 {n} 项申请材料须注明原件或复印件。", "materials")
        if int(material.get("copies", 0)) < 1:
            raise CatalogueError(f"第 {n} 项申请材料的份数至少为 1。", "materials")
    if not fields["steps"]:
        raise CatalogueError("请填写办理流程。", "steps")


def publish_matter(code, *, actor=None, centres=None, change_note="", **fields):
    """Create the matter ``code``, or give it a new version with ``fields`` (all of
    ``VERSIONED_FIELDS``). ``centres``, when given, replaces the centres offering it.
    Returns the new version; an unchanged matter gets none (None)."""
    missing = [name for name in VERSIONED_FIELDS if name not in fields]
    if missing:
        raise CatalogueError(f"缺少：{'、'.join(missing)}。", missing[0])
    check_particulars(fields)
    with transaction.atomic():
        matter, created = Matter.objects.select_for_update().get_or_create(code=code)
        if centres is not None:
            matter.centres.set(centres)
        current = matter.current
        if current and all(getattr(current, n) == fields[n] for n in VERSIONED_FIELDS):
            return None
        number = (matter.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = MatterVersion.objects.create(
            matter=matter, number=number, initials=initials(fields["name"]),
            changed_by=actor, change_note=change_note, **fields)
        matter.current = version
        matter.save(update_fields=["current"])
        record_event(matter, "publish" if created else "revise", actor=actor,
                     note=change_note or fields["name"], data={"version": number})
    return version


def search(query, matters=None):
    """Active matters whose current name contains ``query`` or whose initials start with it."""
    matters = (matters if matters is not None else Matter.objects.all()).filter(
        is_active=True, current__isnull=False).select_related("current", "current__department")
    query = query.strip().lower()
    if not query:
        return matters
    return matters.filter(Q(current__name__icontains=query)
                          | Q(current__initials__startswith=query)
                          | Q(code__iexact=query))
