"""办件查询 and 好差评 for citizens without an account: the receipt number and the last four
digits of the phone, together, open one application.

What the lookup promises (docs/hall-citizens.md):
- The digits travel only in POST bodies, never in a URL; nothing is put in the session, and
  the answers are not cached.
- Every try counts against the hourly limits the public API counts against too
  (``citizen_view.lookup_allowed``); over either, the answer is 429 and nothing is looked up.
- A wrong pair, an unknown receipt number and a malformed input get one and the same page.
- The result shows what the API shows the applicant (``citizen_view``): masked name, steps with
  dates and the reasons they are told in writing, nothing about the staff.
"""

import math
from datetime import timedelta

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import applications, feedback
from ..citizen_view import citizen_view, lookup_allowed, seconds_to_next_window
from ..constants import BAD_GRADES, Status
from ..forms_citizen import RatingForm

STATUS_NOTES = {
    Status.SUBMITTED: "已提交，等待服务中心窗口审核受理。受理后开始计算办理时限。",
    Status.ACCEPTED: "已受理，正在办理。",
    Status.IN_PROGRESS: "承办部门正在办理。",
    Status.SUPPLEMENT: "需要补正材料：请按下方“一次性告知补正”所列补齐（可到服务中心窗口"
                       "提交）。补正期间办理时限暂停计算，材料收齐后恢复，承诺办结日期相应顺延。",
    Status.COMPLETED: "已办结。欢迎对这次办理作出评价。",
    Status.NOT_ACCEPTED: "不予受理，理由见下方办理过程。如有疑问，可拨打服务中心咨询电话。",
    Status.DENIED: "不予许可，理由和依据见下方办理过程。对决定不服的，可以依法申请行政复议或者"
                   "提起行政诉讼。",
    Status.WITHDRAWN: "已撤回。",
}


def _credentials(data):
    # Bounded so that a long paste is neither echoed nor hashed in full.
    return data.get("receipt_no", "").strip()[:40], data.get("phone_last4", "").strip()[:40]


def _find(request):
    """``(application, None)`` for a right pair within the limits, else ``(None, answer)``."""
    receipt, last4 = _credentials(request.POST)
    if not lookup_allowed(request, receipt):
        return None, _limited(request)
    found = feedback.lookup(receipt, last4)
    if found is None:
        return None, _lookup_page(request, receipt=receipt, not_found=True, status=404)
    return found, None


def _limited(request):
    wait = seconds_to_next_window()
    response = render(request, "hall/public_lookup_limited.html", {
        "retry_at": timezone.localtime(timezone.now() + timedelta(seconds=wait)),
        "minutes": math.ceil(wait / 60),
    }, status=429)
    response["Retry-After"] = str(wait)
    return response


def _lookup_page(request, receipt="", not_found=False, status=200):
    return render(request, "hall/public_lookup.html", {
        "receipt": receipt, "not_found": not_found,
    }, status=status)


def _result_page(request, application, rating_form=None, notice="", status=200):
    view = citizen_view(application)
    if rating_form is None and view["may_rate"]:
        rating_form = RatingForm()
    receipt, last4 = _credentials(request.POST)
    return render(request, "hall/public_lookup_result.html", {
        "view": view, "status_note": STATUS_NOTES[application.status],
        "deadline_known": application.deadline_known,
        "rating_form": rating_form, "last4": last4, "notice": notice,
    }, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    if request.method != "POST":
        return _lookup_page(request)
    application, refusal = _find(request)
    return refusal or _result_page(request, application)


@never_cache
@require_POST
def rate(request):
    application, refusal = _find(request)
    if refusal:
        return refusal
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _result_page(request, application, form, status=400)
    try:
        rating = feedback.rate_application(application, grade=form.cleaned_data["grade"],
                                           comment=form.cleaned_data["comment"])
    except applications.Conflict as error:
        return _result_page(request, application, notice=error.message, status=409)
    except applications.Invalid as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _result_page(request, application, form, status=400)
    return render(request, "hall/public_lookup_thanks.html", {
        "rating": rating, "bad": rating.grade in BAD_GRADES, "receipt": application.receipt_no,
    })


urlpatterns = [
    path("lookup/", lookup, name="lookup"),
    path("lookup/rate/", rate, name="rate"),
]
