"""The reception desk: registering a petition as the petitioner stands at the counter.

Before anything is saved the page warns of earlier petitions by the same people (the keyed
hashes of the ID number, or of name and phone, as repeat detection uses them), among those the
clerk may see with their petitioners, and says whether the new one would be linked as a repeat.
The warning must be acknowledged ("已核对，仍登记") before the petition is saved; register.js
asks ``new/check/`` for the same warning as soon as an ID number or phone is entered.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ...org import pii
from ..errors import Conflict, Invalid, NotAllowed
from ..forms import MAX_PETITIONERS, PetitionerFormSet, RegisterForm, petitioner_rows
from ..models import Petition, Petitioner
from ..models.petitions import name_phone_key
from ..people import office_roots
from ..queries import identity_visible_petitions
from ..registration import register_petition
from ..repeats import find_earlier

# How many earlier petitions the warning lists (the most recent first).
SHOWN = 10
FORBIDDEN = "只有信访工作机构（信访局、乡镇街道信访干部）的工作人员可以登记信访件。"
PETITIONER_FIELDS = ("name", "id_number", "phone", "address")
ROW_RE = re.compile(r"第 (\d+) 名信访人")


def _forbidden(request, message=FORBIDDEN):
    return render(request, "petitions/register_forbidden.html", {"message": message},
                  status=403)


def _digests(people):
    """The keyed hashes of the petitioners as typed, the same as ``Petitioner.save`` makes:
    {("id" or "np", digest): (row number, what matched)}."""
    found = {}
    for number, person in people:
        id_number = pii.normalize_id_number(person.get("id_number") or "")
        if id_number:
            found.setdefault(("id", pii.blind_index(id_number)), (number, "身份证号码"))
        name, phone = person.get("name") or "", person.get("phone") or ""
        if "".join(name.split()) and pii.normalize_phone(phone):
            found.setdefault(("np", pii.blind_index(name_phone_key(name, phone))),
                             (number, "姓名和电话"))
    return found


def _repeat_target(user, matter):
    """The first petition of the case the new one would be linked to, if the clerk may see
    it: what ``repeats.link_automatically`` will do at registration."""
    if matter is None or not matter["digests"]:
        return None
    probe = Petition(**{key: value for key, value in matter.items() if key != "digests"})
    found = find_earlier(probe, {d for kind, d in matter["digests"] if kind == "id"},
                         {d for kind, d in matter["digests"] if kind == "np"})
    if found is None:
        return None
    matched, first = found
    visible = {p.pk: p for p in identity_visible_petitions(user).filter(
        pk__in=[matched, first or matched])}
    if matched not in visible:  # a petition the clerk may not see is never hinted at
        return None
    return visible.get(first or matched, visible[matched])


def earlier_petitions(user, people, matter=None):
    """What the duplicate warning shows (``rows``, ``total``, ``checked``: the petitions found,
    ``repeat_of``, ``matter_known``), or None when no earlier petition the user may see, with
    its petitioners, has any of these people.

    ``people``: (row number, petitioner dict) pairs. ``matter``: the new petition's category,
    unit, date and accusation, when known, to tell whether it would be a repeat.
    """
    digests = _digests(people)
    if not digests:
        return None
    condition = Q()
    for kind, digest in digests:
        condition |= Q(id_digest=digest) if kind == "id" else Q(name_phone_digest=digest)
    # Only petitions whose petitioners the user may see: that a person came at all is theirs.
    seen = identity_visible_petitions(user)
    hits = list(Petitioner.objects.filter(condition, petition__in=seen)
                .values_list("petition_id", "id_digest", "name_phone_digest"))
    if not hits:
        return None
    how = {}
    for petition_id, id_digest, np_digest in hits:
        for key in (("id", id_digest), ("np", np_digest)):
            if key in digests:
                how.setdefault(petition_id, set()).add(digests[key])
    pks = sorted(how)
    petitions = list(seen.filter(pk__in=pks).select_related("category", "origin_unit",
                                                            "repeat_of")
                     .order_by("-received_on", "-pk")[:SHOWN])
    if matter is not None:
        matter = {**matter, "digests": set(digests)}
    target = _repeat_target(user, matter)
    rows = [{"petition": p, "matched": "；".join(
        f"第 {n} 名信访人的{what}" for n, what in sorted(how[p.pk])),
        "in_case": target is not None and p.case_id == target.pk} for p in petitions]
    return {"rows": rows, "total": len(pks), "checked": ",".join(map(str, pks)),
            "repeat_of": target, "matter_known": matter is not None}


def _matter(form):
    """The new petition's matter, as far as the form says it (None if not yet)."""
    data = getattr(form, "cleaned_data", {})
    if not (data.get("category") and data.get("origin_unit") and data.get("received_on")):
        return None
    return {"category_id": data["category"].pk, "origin_unit_id": data["origin_unit"].pk,
            "received_on": data["received_on"],
            "is_accusation": bool(data.get("is_accusation")),
            "accused_unit_id": getattr(data.get("accused_unit"), "pk", None),
            "accused_person_id": getattr(data.get("accused_person"), "pk", None)}


def _acknowledge(request, duplicates):
    """Whether the clerk ticked "已核对，仍登记" for exactly the petitions now found: a changed
    ID number that finds others asks again."""
    if duplicates is not None:
        duplicates["acknowledged"] = (request.POST.get("confirmed") == "on" and
                                      request.POST.get("checked") == duplicates["checked"])
    return duplicates


def _put_back(error, form, rows, state):
    """A refusal from ``register_petition`` next to the field it names."""
    if error.field in PETITIONER_FIELDS:
        number = ROW_RE.search(error.message)
        index = int(number.group(1)) - 1 if number else 0
        if 0 <= index < len(rows):
            rows[index][0].add_error(error.field, error.message)
            return
    if error.field == "petitioners":
        state["petitioners_error"] = error.message
    elif error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


@login_required
def register(request):
    if not office_roots(request.user):
        return _forbidden(request)
    data = request.POST if request.method == "POST" else None
    form = RegisterForm(data, request.FILES or None, user=request.user)
    formset = PetitionerFormSet(data, prefix="p")
    # A page shown again cannot keep the files chosen: browsers never refill a file field.
    state = {"petitioners_error": None, "duplicates": None, "files_dropped": bool(request.FILES)}
    if data is None:
        return _page(request, form, formset, state)
    form_valid = form.is_valid()
    if not formset.is_valid():
        return _page(request, form, formset, state, status=400)
    rows = petitioner_rows(formset)
    duplicates = _acknowledge(request, earlier_petitions(request.user, [
        (n, person) for n, (_, person) in enumerate(rows, 1)], _matter(form)))
    state["duplicates"] = duplicates  # what the clerk looked at travels with the box they tick
    if not form_valid:
        return _page(request, form, formset, state, status=400)
    if duplicates is not None and not duplicates["acknowledged"]:
        return _page(request, form, formset, state)  # the warning, before anything is saved
    values = {key: form.cleaned_data[key] for key in (
        "channel", "received_on", "content", "category", "origin_unit", "bypassed",
        "head_count", "is_accusation", "accused_unit", "accused_person", "accused_name",
        "files")}
    try:
        petition = register_petition(actor=request.user,
                                     petitioners=[person for _, person in rows], **values)
    except NotAllowed as error:
        return _forbidden(request, error.message)
    except (Invalid, Conflict) as error:
        _put_back(error, form, rows, state)
        return _page(request, form, formset, state, status=400)
    said = f"已登记信访件 {petition.registration_no}"
    if petition.repeat_of_id:
        said += f"，认定为 {petition.repeat_of} 的重复信访"
    messages.success(request, said + "。")
    return redirect(reverse("petitions:detail", args=[petition.pk]))


def _page(request, form, formset, state, status=200):
    return render(request, "petitions/register.html", {
        "form": form, "formset": formset, "max_petitioners": MAX_PETITIONERS,
        "today": timezone.localdate(), **state}, status=status)


@login_required
@require_POST
def check(request):
    """The duplicate warning as a fragment, for register.js while the form is filled in."""
    if not office_roots(request.user):
        return _forbidden(request)
    form = RegisterForm(request.POST, user=request.user)
    form.is_valid()  # only the matter's fields are used, each if it is valid
    formset = PetitionerFormSet(request.POST, prefix="p")
    people = []
    if formset.is_valid():
        people = [(n, person) for n, (_, person) in enumerate(petitioner_rows(formset), 1)]
    duplicates = _acknowledge(request, earlier_petitions(request.user, people, _matter(form)))
    return render(request, "petitions/register_duplicates.html",
                  {"duplicates": duplicates, "form": form})


urlpatterns = [
    path("new/", register, name="register"),
    path("new/check/", check, name="register-check"),
]
