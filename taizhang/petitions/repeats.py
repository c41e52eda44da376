"""重复信访: the same person on the same matter again, within the repeat window.

Same person: a petitioner of both petitions has the same keyed hash of the ID number, or of
name and phone together. Same matter: the same category and the same unit where it arose;
for accusations also the same accused unit and person, and an accusation never repeats a
petition that is not one (nor the other way round), so that a chain never joins what the
confidentiality rule keeps apart. Within the window: the earlier petition was received at
most ``repeat_window`` days before the new one.

A case (件) is a first petition and every repeat of it: ``repeat_of`` always names the first
one, so a case is ``coalesce(repeat_of, id)`` and ``volume`` counts it once, while visits
(人次) count every petition's head count.
"""

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..org.events import record_event
from .errors import Conflict, Invalid, NotAllowed
from .limits import repeat_window_start
from .models import Petition, Petitioner
from .queries import is_office_for, visible_petitions

# Events: on the repeat itself, and on the petition it was linked to or unlinked from.
LINK, UNLINK = "link_repeat", "unlink_repeat"
LINKED_TO, UNLINKED_FROM = "repeat_linked", "repeat_unlinked"


def _same_confidentiality(a, b) -> bool:
    """Whether ``a`` and ``b`` are hidden from exactly the same people: neither is an
    accusation, or both accuse the same unit and person."""
    return (a.is_accusation, a.accused_unit_id, a.accused_person_id) == (
        b.is_accusation, b.accused_unit_id, b.accused_person_id)


def _tell_first(first_pk, action, actor, note, repeat):
    """The same news on the timeline of the case's first petition."""
    record_event(Petition(pk=first_pk), action, actor=actor, note=note,
                 data={"repeat": repeat.pk})


def find_earlier(petition, id_digests, name_phone_digests):
    """The latest earlier petition of the same person on the same matter within the window,
    as ``(pk, repeat_of_id)``, or None.

    One indexed query: the digests pick the person's few petitioner rows, the matter and the
    date range pick among their petitions. It runs at every registration and is written out
    in SQL: compiling it with the ORM took three times as long as running it
    (bench/petitions.py)."""
    people, params = [], []
    for column, digests in (("id_digest", id_digests),
                            ("name_phone_digest", name_phone_digests)):
        if digests:
            people.append(f"r.{column} IN ({', '.join(['%s'] * len(digests))})")
            params += sorted(digests)
    if not people:
        return None
    ops = connection.ops
    matter = ["p.category_id = %s", "p.origin_unit_id = %s", "p.received_on >= %s",
              "p.received_on <= %s", "p.is_accusation = %s"]
    params += [petition.category_id, petition.origin_unit_id,
               ops.adapt_datefield_value(repeat_window_start(petition.received_on)),
               ops.adapt_datefield_value(petition.received_on), petition.is_accusation]
    if petition.is_accusation:  # the same accused, or none named, as on this one
        for column in ("accused_unit_id", "accused_person_id"):
            value = getattr(petition, column)
            matter.append(f"p.{column} IS NULL" if value is None else f"p.{column} = %s")
            params += [] if value is None else [value]
    if petition.pk is not None:
        matter.append("p.id <> %s")
        params.append(petition.pk)
    sql = (f"SELECT p.id, p.repeat_of_id FROM {Petitioner._meta.db_table} r "  # noqa: S608
           f"JOIN {Petition._meta.db_table} p ON p.id = r.petition_id "
           f"WHERE ({' OR '.join(people)}) AND {' AND '.join(matter)} "
           "ORDER BY p.received_on DESC, p.id DESC LIMIT 1")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else tuple(row)


def link_automatically(petition, *, actor):
    """At registration: link ``petition`` to the first petition of the case it repeats."""
    digests = list(Petitioner.objects.filter(petition=petition)
                   .values_list("id_digest", "name_phone_digest"))
    found = find_earlier(petition, {d for d, _ in digests if d}, {d for _, d in digests if d})
    if found is None:
        return None
    earlier_pk, earlier_root = found
    petition.repeat_of_id = earlier_root or earlier_pk
    petition.repeat_linked_by, petition.repeat_linked_at = None, timezone.now()
    petition.backlog_case_id = _backlog_of(petition.repeat_of_id)
    petition.save(update_fields=["repeat_of", "repeat_linked_by", "repeat_linked_at",
                                 "backlog_case", "updated_at"])
    record_event(petition, LINK, actor=actor, note="登记时自动认定为重复信访" + _joined(petition),
                 data={"first": petition.repeat_of_id, "matched": earlier_pk, "auto": True})
    _tell_first(petition.repeat_of_id, LINKED_TO, actor,
                f"{petition}登记时被自动认定为本件的重复信访", petition)
    return petition.repeat_of_id


def _backlog_of(first_pk):
    """The backlog case of the chain that starts at ``first_pk``, if it is one."""
    return Petition.objects.filter(pk=first_pk).values_list("backlog_case_id", flat=True).first()


def _joined(petition):
    if petition.backlog_case_id is None:
        return ""
    return f"，并入信访积案 {petition.backlog_case}"


def _check_office(actor, *petitions):
    for petition in petitions:
        if not is_office_for(actor, petition):
            raise NotAllowed("只有信访工作机构可以认定或取消重复信访。")


def link_repeat(petition, earlier, *, actor, note=""):
    """Staff link ``petition`` to the case of ``earlier`` by hand. If ``petition`` was itself
    the first of a case, its repeats move with it to the earlier case."""
    if petition.pk == earlier.pk:
        raise Invalid("不能把信访件关联到它自己。", field="earlier")
    with transaction.atomic():
        locked = {p.pk: p for p in visible_petitions(actor).select_for_update(of=("self",))
                  .filter(pk__in=[petition.pk, earlier.pk]).order_by("pk")}
        if len(locked) != 2:
            raise NotAllowed("找不到该信访件，或您无权查看。")
        petition, earlier = locked[petition.pk], locked[earlier.pk]
        _check_office(actor, petition, earlier)
        first = earlier.repeat_of_id or earlier.pk
        if petition.case_id == first:
            raise Conflict(f"{petition}已是{earlier}的重复信访。")
        if earlier.received_on > petition.received_on:
            raise Invalid("只能关联到更早收到的信访件。", field="earlier")
        if not _same_confidentiality(petition, earlier):
            raise Invalid("检举揭发件只能与检举同一单位、同一人的检举揭发件关联。",
                          field="earlier")
        case = _backlog_of(first)
        if petition.backlog_case_id and petition.backlog_case_id != case:
            raise Conflict(f"{petition}已列入信访积案 {petition.backlog_case}，"
                           "不能并入其他信访件。")
        moved = list(Petition.objects.select_for_update().filter(repeat_of=petition)
                     .values_list("pk", flat=True))
        # A backlog case follows its chain: what joins the chain joins the case.
        Petition.objects.filter(pk__in=moved).update(repeat_of=first, backlog_case=case)
        petition.repeat_of_id, petition.backlog_case_id = first, case
        petition.repeat_linked_by, petition.repeat_linked_at = actor, timezone.now()
        petition.save()
        record_event(petition, LINK, actor=actor,
                     note=(note.strip() or "认定为重复信访") + _joined(petition),
                     data={"first": first, "matched": earlier.pk, "moved": moved})
        _tell_first(first, LINKED_TO, actor, f"{petition}被认定为本件的重复信访", petition)
    return petition


def unlink_repeat(petition, *, actor, reason):
    """Staff undo a repeat link, with the reason; the petition becomes a case of its own."""
    if not reason.strip():
        raise Invalid("请写明取消重复信访认定的理由。", field="reason")
    with transaction.atomic():
        locked = visible_petitions(actor).select_for_update(of=("self",)).filter(
            pk=petition.pk).first()
        if locked is None:
            raise NotAllowed("找不到该信访件，或您无权查看。")
        _check_office(actor, locked)
        if locked.repeat_of_id is None:
            raise Conflict(f"{locked}未被认定为重复信访。请刷新页面后查看。")
        first = locked.repeat_of_id
        left = locked.backlog_case  # a case of its own now, it leaves the chain's backlog case
        locked.repeat_of = None
        locked.repeat_linked_by, locked.repeat_linked_at = None, None
        locked.backlog_case = None
        locked.save()
        record_event(locked, UNLINK, actor=actor,
                     note=reason.strip() + (f"；移出信访积案 {left}" if left else ""),
                     data={"first": first})
        _tell_first(first, UNLINKED_FROM, actor,
                    f"取消{locked}的重复信访认定：{reason.strip()}", locked)
    return locked


def volume(petitions) -> dict[str, int]:
    """件 (cases: a repeat chain once), 件次 (every petition) and 人次 (every person who came)
    of ``petitions`` — already restricted by the caller through ``visible_petitions``."""
    totals = petitions.order_by().aggregate(
        cases=Count(Coalesce("repeat_of_id", "pk"), distinct=True), petitions=Count("pk"),
        visits=Sum("head_count"))
    return {key: value or 0 for key, value in totals.items()}
