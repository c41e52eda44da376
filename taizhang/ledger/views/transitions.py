"""One page per act on an item (交办, 报送进展, 申请销号, 销号, 退回, 延期 …).

The forms also sit on the item's page and post here. A refused act is shown next to its field,
or at the top; 销号 and 退回 cannot be undone, so they are confirmed on a second page first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from .. import rules
from ..constants import Action, ExtensionStatus
from ..forms import ACTION_FORMS, action_form
from ..queries import visible_items

CONFIRM_FIRST = {Action.CLOSE_OUT, Action.RETURN}

DONE = {
    Action.ASSIGN: "已交办，完成时限为 {item.deadline:%Y年%m月%d日}。责任单位已收到通知。",
    Action.REPORT: "进展情况已报送。",
    Action.REQUEST_CLOSE: "已申请销号，请等待督查室审核。",
    Action.CLOSE_OUT: "已销号。",
    Action.RETURN: "已退回责任单位，退回理由已通知对方。",
    Action.REQUEST_EXTENSION: "延期申请已提交，请等待责任领导审批。",
    Action.APPROVE_EXTENSION: "已批准延期，完成时限改为 {item.deadline:%Y年%m月%d日}。",
    Action.REJECT_EXTENSION: "已不批准延期，完成时限不变。",
}

STATUS_FOR = {rules.NotAllowed: 403, rules.Conflict: 409, rules.Invalid: 400}


def perform(action, item, user, data):
    """Carry out ``action`` with the form's cleaned ``data``; returns the item as it is now."""
    seen = data["expected_status"]
    if action == Action.ASSIGN:
        rules.assign_item(item, actor=user, note=data["note"], expected_status=seen)
    elif action == Action.REPORT:
        # The report and the milestones it completes stand or fall together.
        with transaction.atomic():
            rules.report_progress(item, actor=user, text=data["text"], files=data["files"],
                                  expected_status=seen)
            for milestone_id in data.get("milestones", ()):
                rules.complete_milestone(item, int(milestone_id), actor=user,
                                         expected_status=seen)
    elif action == Action.REQUEST_CLOSE:
        rules.request_close_out(item, actor=user, evidence=data["evidence"],
                                files=data["files"], expected_status=seen)
    elif action == Action.CLOSE_OUT:
        rules.close_out_item(item, actor=user, note=data["note"], expected_status=seen)
    elif action == Action.RETURN:
        rules.return_item(item, actor=user, reason=data["reason"], expected_status=seen)
    elif action == Action.REQUEST_EXTENSION:
        rules.request_extension(item, actor=user, new_deadline=data["new_deadline"],
                                reason=data["reason"], expected_status=seen)
    else:
        rules.decide_extension(item, actor=user, approve=action == Action.APPROVE_EXTENSION,
                               note=data["note"], expected_status=seen)
    return item.__class__.objects.get(pk=item.pk)


def _item(user, pk):
    return get_object_or_404(visible_items(user).select_related("ledger", "leader", "lead_unit"),
                             pk=pk)


@login_required
def act(request, pk, action):
    if action not in ACTION_FORMS:
        raise Http404("没有这项操作。")
    item = _item(request.user, pk)
    label = Action(action).label
    if request.method != "POST":
        if action not in rules.allowed_actions(request.user, item):
            return _page(request, item, action, None, status=403, problem=(
                f"该事项当前为“{item.get_status_display()}”，您现在不能{label}。"))
        return _page(request, item, action, action_form(action, item))

    form = action_form(action, item, request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, item, action, form, status=400)
    if action in CONFIRM_FIRST and request.POST.get("confirmed") != "1":
        return render(request, "ledger/confirm.html", {
            "item": item, "form": form,
            "evidence_files": item.attachments.filter(purpose="evidence"),
        })
    try:
        item = perform(action, item, request.user, form.cleaned_data)
    except rules.LedgerError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
            return _page(request, item, action, form, status=400)
        # The item may have moved on: offer the act again only if it is still possible.
        item = _item(request.user, pk)
        fresh = (action_form(action, item) if action in rules.allowed_actions(request.user, item)
                 else None)
        return _page(request, item, action, fresh, status=STATUS_FOR.get(type(error), 400),
                     problem=error.message)
    messages.success(request, DONE[action].format(item=item))
    return redirect("ledger:item", item.pk)


def _page(request, item, action, form, status=200, problem=""):
    return render(request, "ledger/act.html", {
        "item": item, "form": form, "action_label": Action(action).label, "problem": problem,
        "pending_extension": item.extensions.filter(status=ExtensionStatus.REQUESTED).first(),
    }, status=status)


urlpatterns = [
    path("items/<int:pk>/<slug:action>/", act, name="act"),
]
