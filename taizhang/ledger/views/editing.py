"""What the supervision office writes: new ledgers, new items, and assigning items in bulk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ...org.workdays import add_working_days
from .. import people, rules
from ..forms import ItemForm, LedgerForm, MilestoneFormSet
from ..queries import visible_items


def _supervision_only(request):
    if not people.is_supervision(request.user):
        raise PermissionDenied("只有督查室可以进行此操作。")


def _report_error(form, error):
    """Show a refused act next to its field, or above the form when it names none."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def ledger_new(request):
    _supervision_only(request)
    form = LedgerForm(request.POST or None, user=request.user,
                      initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            ledger = rules.create_ledger(actor=request.user, **form.cleaned_data)
        except rules.LedgerError as error:
            _report_error(form, error)
        else:
            messages.success(request, f"已新建台账“{ledger}”，现在可以在其中新建事项。")
            return redirect(f"{reverse('ledger:items')}?ledger={ledger.pk}")
    return render(request, "ledger/ledger_new.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def item_new(request):
    _supervision_only(request)
    data = request.POST or None
    form = ItemForm(data, user=request.user, initial={"ledger": request.GET.get("ledger")})
    milestones = MilestoneFormSet(data, prefix="milestones")
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        fields = dict(form.cleaned_data)
        ledger = fields.pop("ledger")
        rows = [(m["title"], m["due"]) for m in milestones.cleaned_data if m.get("title")]
        try:
            item = rules.create_item(ledger, actor=request.user, milestones=rows, **fields)
        except rules.LedgerError as error:
            _report_error(form, error)
        else:
            messages.success(request, f"已新建事项“{item.code} {item.title}”，状态为待交办。")
            return redirect("ledger:item", item.pk)
    return render(request, "ledger/item_new.html", {"form": form, "milestones": milestones},
                  status=400 if request.method == "POST" else 200)


@login_required
def deadline_preview(request):
    """The deadline an item would get if assigned today (an htmx fragment of the item form)."""
    value = request.GET.get("working_days", "").strip()
    days = int(value) if value.isdigit() and 0 < int(value) <= 3650 else None
    deadline = add_working_days(timezone.localdate(), days) if days else None
    return render(request, "ledger/_deadline_preview.html", {"deadline": deadline, "days": days})


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(target)
    return redirect("ledger:items")


@require_POST
@login_required
def bulk_assign(request):
    _supervision_only(request)
    ids = {int(v) for v in request.POST.getlist("items") if v.isdigit() and len(v) < 19}
    if not ids:
        messages.warning(request, "请先勾选要交办的事项（只有待交办的事项可以勾选）。")
        return _back(request)
    items = list(visible_items(request.user).filter(pk__in=ids).order_by("ledger_id", "code"))
    note = request.POST.get("note", "").strip()[:500]
    done, refused = rules.bulk_assign(items, actor=request.user, note=note)
    if done:
        messages.success(request, f"已交办 {len(done)} 项：" + "、".join(i.code for i in done))
    for item, reason in refused:
        messages.error(request, f"{item.code} {item.title} 未交办：{reason}")
    if len(items) < len(ids):
        messages.error(request, f"有 {len(ids) - len(items)} 项找不到，或您无权查看，未交办。")
    return _back(request)


urlpatterns = [
    path("new/", ledger_new, name="ledger_new"),
    path("items/new/", item_new, name="item_new"),
    path("items/new/deadline/", deadline_preview, name="deadline_preview"),
    path("items/assign/", bulk_assign, name="bulk_assign"),
]
