"""登记: a petition office writes a petition down, and the law's first clocks start.

The petition gets a registration number (``XF<year>-<six digits>``, by year of receipt), its
petitioners' personal data is encrypted with keyed hashes for finding them again, its
attachments are checked against the one upload rule, and it is linked at once to the case it
repeats (repeats.py). Nothing is written unless everything is acceptable.
"""

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..org import pii
from ..org.events import record_event
from ..org.uploads import check_upload, original_name
from ..org.visibility import Scope
from .constants import AttachmentPurpose, Channel, LimitKind, Status
from .errors import Conflict, Invalid, NotAllowed
from .limits import due
from .models import Attachment, Petition, Petitioner
from .people import office_roots
from .queries import is_excluded, is_office_for, visible_petitions
from .repeats import link_automatically

LANDLINE_RE = re.compile(r"^0\d{9,11}$")
MAX_HEAD_COUNT = 9999


def _check_phone(value):
    phone = pii.normalize_phone(value)
    if LANDLINE_RE.match(phone):
        return phone
    return pii.validate_mobile(phone)


def clean_petitioners(petitioners, *, anonymous_allowed):
    """Each petitioner's data checked and normalised, or Invalid naming the field."""
    if not petitioners and not anonymous_allowed:
        raise Invalid("请至少登记一名信访人（匿名仅限检举揭发）。", field="petitioners")
    cleaned = []
    for index, person in enumerate(petitioners):
        name = "".join((person.get("name") or "").split())
        if not name:
            raise Invalid(f"第 {index + 1} 名信访人：请填写姓名。", field="name")
        row = {"name": name, "address": (person.get("address") or "").strip()}
        for field, check in (("id_number", pii.validate_id_number), ("phone", _check_phone)):
            value = (person.get(field) or "").strip()
            try:
                row[field] = check(value) if value else ""
            except ValidationError as error:  # the validators say what is wrong in Chinese
                raise Invalid(f"第 {index + 1} 名信访人：{error.messages[0]}", field) from None
        cleaned.append(row)
    return cleaned


def _check_accusation(is_accusation, accused_unit, accused_person, accused_name):
    named = accused_unit is not None or accused_person is not None or accused_name.strip()
    if is_accusation and not named:
        raise Invalid("检举揭发件须写明被检举单位或被检举人。", field="accused_unit")
    if not is_accusation and named:
        raise Invalid("只有检举揭发件才登记被检举单位或个人。", field="is_accusation")


def check_files(files):
    for upload in files:
        problem = check_upload(upload)
        if problem:
            raise Invalid(problem, field="files")


def _next_number(year):
    prefix = f"XF{year}-"
    last = (Petition.objects.filter(registration_no__startswith=prefix)
            .order_by("-registration_no").values_list("registration_no", flat=True).first())
    return f"{prefix}{int(last.removeprefix(prefix)) + 1 if last else 1:06d}"


def store_attachments(petition, files, actor, purpose):
    for upload in files:
        Attachment.objects.create(
            petition=petition, token=secrets.token_hex(16), file=upload,
            name=original_name(upload), size=upload.size,
            content_type=(getattr(upload, "content_type", "") or
                          "application/octet-stream")[:100],
            purpose=purpose, uploaded_by=actor)


def register_petition(*, actor, channel, received_on, content, category, origin_unit,
                      petitioners, head_count=None, bypassed=False, is_accusation=False,
                      accused_unit=None, accused_person=None, accused_name="", files=()):
    """登记 one petition. ``petitioners``: dicts of name, id_number, phone, address."""
    roots = office_roots(actor)
    if not roots or not Scope(False, roots, None).can_see_unit(origin_unit):
        raise NotAllowed(f"只有负责{origin_unit}的信访工作机构可以登记该信访件。")
    if channel not in Channel.values:
        raise Invalid("请选择信访渠道。", field="channel")
    if received_on > timezone.localdate():
        raise Invalid("收到日期不能晚于今天。", field="received_on")
    if not content.strip():
        raise Invalid("请填写信访内容。", field="content")
    if not category.is_active:
        raise Invalid(f"事项类别“{category}”已停用。", field="category")
    cleaned = clean_petitioners(petitioners, anonymous_allowed=is_accusation)
    head_count = max(len(cleaned), 1) if head_count is None else head_count
    if not max(len(cleaned), 1) <= head_count <= MAX_HEAD_COUNT:
        raise Invalid(f"信访人数应在登记的信访人数（{max(len(cleaned), 1)}）与 "
                      f"{MAX_HEAD_COUNT} 之间。", field="head_count")
    _check_accusation(is_accusation, accused_unit, accused_person, accused_name)
    check_files(files)
    with transaction.atomic():
        petition = _create(actor=actor, channel=channel, received_on=received_on,
                           content=content.strip(), category=category, origin_unit=origin_unit,
                           bypassed=bypassed, head_count=head_count,
                           is_accusation=is_accusation, accused_unit=accused_unit,
                           accused_person=accused_person, accused_name=accused_name.strip())
        if is_excluded(actor.person, petition):
            # It would vanish from the very office that registers it: a higher level must.
            raise Invalid("被检举对象包含登记人本人或其所在单位，请转送上级机关办理。",
                          field="accused_unit")
        for order, row in enumerate(cleaned):
            Petitioner.objects.create(petition=petition, sort_order=order, **row)
        store_attachments(petition, files, actor, AttachmentPurpose.REGISTRATION)
        record_event(petition, "register", actor=actor, to_status=Status.REGISTERED,
                     data={"accept_due": str(petition.accept_due),
                           "assign_due": str(petition.assign_due)})
        link_automatically(petition, actor=actor)
    return petition


def _create(*, actor, received_on, **fields):
    accept, assign = due(received_on, LimitKind.ACCEPT), due(received_on, LimitKind.ASSIGN)
    for _ in range(5):
        try:
            with transaction.atomic():
                return Petition.objects.create(
                    registration_no=_next_number(received_on.year), received_on=received_on,
                    status=Status.REGISTERED, accept_due=accept.date, assign_due=assign.date,
                    due_on=accept.date, due_known=accept.calendar_known, registered_by=actor,
                    **fields)
        except IntegrityError:  # another office took the same number: take the next one
            continue
    raise Conflict("未能生成登记编号，请重试。")


def change_category(petition, *, actor, category, reason):
    """改类: the petition office puts a petition in another category, with the reason. Repeat
    links stay as they are; staff relink by hand if the new category makes another match."""
    if not reason.strip():
        raise Invalid("请写明调整事项类别的理由。", field="reason")
    if not category.is_active:
        raise Invalid(f"事项类别“{category}”已停用。", field="category")
    with transaction.atomic():
        locked = (visible_petitions(actor).select_for_update(of=("self",))
                  .filter(pk=petition.pk).first())
        if locked is None:
            raise NotAllowed("找不到该信访件，或您无权查看。")
        if not is_office_for(actor, locked):
            raise NotAllowed("只有信访工作机构可以调整事项类别。")
        if locked.category_id == category.pk:
            raise Conflict(f"该信访件已是“{category}”类。请刷新页面后查看。")
        before = locked.category
        locked.category = category
        locked.save()
        record_event(locked, "change_category", actor=actor, note=reason.strip(),
                     data={"from": before.pk, "to": category.pk,
                           "from_name": before.name, "to_name": category.name})
    return locked
