"""Load the demo centres, catalogue and a year of applications into the demo district,
creating only what is missing.

Centres are matched by name and windows by (centre, number); an existing one is left exactly as
it is, staff included. Matters go through ``publish_matter`` by code, which writes nothing when
the matter already reads as the demo says. Applications go only into a township centre that has
none (``applications.py``). So loading twice changes nothing.
"""

from django.db import transaction

from ...org.constants import UnitKind
from ...org.demo import district
from ...org.models import Person, Unit
from ..catalogue import publish_matter
from ..models import Centre, Window
from . import catalogue, centres
from .applications import load_applications
from .demand import ANNUAL_ACCEPTED

MATERIAL_KEYS = ("name", "form", "copies", "note")


def load_hall_demo(progress=None, today=None, applications=ANNUAL_ACCEPTED) -> dict[str, int]:
    """Create the missing centres, windows, matters and applications; return how many of each
    were made. The year of about ``applications`` applications ends on the day before
    ``today`` (the load day); 0 makes none."""
    say = progress or (lambda message: None)
    root = Unit.objects.filter(division_code=district.DISTRICT_CODE).first()
    if root is None:
        raise ValueError("演示服务中心需要先加载演示单位（河阳示范区）。")
    units = {unit.name: unit for unit in Unit.objects.filter(
        pk__in=root.descendants().values("pk"),
        kind__in=(UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT))}
    with transaction.atomic():
        by_name, created_centres, created_windows = _load_centres(units)
        say(f"便民服务中心：新建 {created_centres} 个，共 {len(centres.CENTRES)} 个；"
            f"服务窗口：新建 {created_windows} 个。")
        created_matters = revised = 0
        for spec in catalogue.MATTERS:
            version = _publish(spec, units, by_name)
            if version is not None:
                created_matters += version.number == 1
                revised += version.number > 1
        say(f"服务事项：新建 {created_matters} 项，修订 {revised} 项，"
            f"共 {len(catalogue.MATTERS)} 项。")
        made = load_applications(progress=say, today=today, accepted=applications)
    return {"centres": created_centres, "windows": created_windows,
            "matters": created_matters, "matter_revisions": revised, **made}


def _load_centres(units):
    existing = Centre.objects.in_bulk([spec["name"] for spec in centres.CENTRES],
                                      field_name="name")
    posts = _posts(units)
    by_name, created = {}, 0
    for order, spec in enumerate(centres.CENTRES, start=1):
        centre = existing.get(spec["name"])
        if centre is None:
            centre = Centre.objects.create(
                name=spec["name"], unit=units[spec["unit"]], address=spec["address"],
                phone=spec["phone"], opening_hours=spec["opening_hours"], sort_order=order,
                head=posts.get(centres.head_post(spec)))
            created += 1
        by_name[spec["name"]] = centre
    return by_name, created, _load_windows(by_name, posts)


def _load_windows(by_name, posts):
    taken = set(Window.objects.filter(centre__in=by_name.values())
                .values_list("centre_id", "number"))
    created = 0
    for spec in centres.CENTRES:
        centre = by_name[spec["name"]]
        for number, name, staff in spec["windows"]:
            if (centre.pk, number) in taken:
                continue
            window = Window.objects.create(centre=centre, number=number, name=name)
            window.staff.set([posts[post] for post in staff])
            created += 1
    return created


def _posts(units):
    """The demo people by post: (unit name, title, n) for the n-th holder of that title."""
    names = {unit.pk: name for name, unit in units.items()}
    posts, seen = {}, {}
    for person in (Person.objects.filter(unit__in=units.values())
                   .order_by("unit_id", "sort_order", "pk")):
        key = (names[person.unit_id], person.title)
        seen[key] = seen.get(key, 0) + 1
        posts[(*key, seen[key])] = person
    return posts


def _publish(spec, units, by_name):
    fields = {key: value for key, value in spec.items() if key not in ("code", "centres")}
    fields.setdefault("fee", "不收费")
    fields["department"] = units[spec["department"]]
    fields["category"] = str(spec["category"])
    fields["modes"] = [str(mode) for mode in spec["modes"]]
    fields["materials"] = [
        {"name": name, "form": str(form), "copies": copies, "note": note}
        for name, form, copies, note in spec["materials"]]
    return publish_matter(spec["code"], centres=[by_name[name] for name in spec["centres"]],
                          change_note="演示事项清单", **fields)
