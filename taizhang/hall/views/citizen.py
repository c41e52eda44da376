"""Online application (网上申请) for citizens without an account.

The form is sent once and, when everything is acceptable, makes the application with its
materials (``applications.submit_online``); on any error nothing is saved and the page says what
is wrong next to the field. The confirmation page is reached by a redirect carrying a signed,
short-lived token, so that reloading it does not apply twice; it shows the receipt number and
the applicant's data masked. The status lookup and the rating are in ``citizen_lookup``.

Every POST of the form counts against an hourly limit per client address (``org.throttle``,
as for the lookup), whether it makes an application or not: over it the answer is 429 before
the form is checked, so a flood of submissions stores neither applications nor files.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ...org import pii, throttle
from .. import applications
from ..citizen_view import HOUR, seconds_to_next_window
from ..constants import Mode
from ..forms_citizen import ApplyForm, upload_limits
from ..models import Application
from . import citizen_lookup
from .public import describe, published

DONE_SALT = "hall.citizen.apply-done"
# Long enough to read and note the receipt number; the lookup is the way back after that.
DONE_MAX_AGE = 30 * 60

APPLY_BY_CLIENT = "hall.apply.client"

# Where a refusal of ``submit_online`` belongs on the form (others go above it).
RULE_FIELDS = {"mode", "centre", "applicant_name", "id_number", "phone", "address"}


def _matter(code):
    return published().select_related("current__department").filter(code=code).first()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, code):
    matter = _matter(code)
    if matter is None:
        return render(request, "hall/public_not_found.html", {"code": code}, status=404)
    version = describe(matter).current
    centres = matter.centres.all()
    if not version.online:
        return render(request, "hall/public_apply_counter.html", {
            "matter": matter, "version": version, "centres": centres}, status=404)
    if request.method != "POST":
        form = ApplyForm(version=version, centres=centres)
        return _apply_page(request, matter, form)

    if not _apply_allowed(request):
        return _limited(request, matter, version)
    form = ApplyForm(request.POST, request.FILES, version=version, centres=centres)
    if form.is_valid():
        try:
            application = applications.submit_online(
                version, mode=form.cleaned_data["mode"], applicant=form.applicant(),
                centre=form.cleaned_data.get("centre"), files=form.uploads())
        except applications.HallError as error:
            form.add_error(error.field if error.field in RULE_FIELDS & set(form.fields)
                           else None, error.message)
        else:
            token = signing.dumps(application.pk, salt=DONE_SALT)
            return redirect("public:apply_done", token)
    return _apply_page(request, matter, form, status=400)


def _apply_allowed(request) -> bool:
    """Count one submission; False once this client has used up the hour's."""
    # TAIZHANG_APPLY_LIMIT_PER_CLIENT (10): a family applying for several matters, or fixing
    # a mistake a few times, stays well within.
    return throttle.hit(APPLY_BY_CLIENT, throttle.client_address(request),
                        limit=settings.TAIZHANG_APPLY_LIMIT_PER_CLIENT, seconds=HOUR)


def _limited(request, matter, version):
    wait = seconds_to_next_window()
    response = render(request, "hall/public_apply_limited.html", {
        "matter": matter, "version": version,
        "retry_at": timezone.localtime(timezone.now() + timedelta(seconds=wait)),
        "minutes": math.ceil(wait / 60),
    }, status=429)
    response["Retry-After"] = str(wait)
    return response


def _apply_page(request, matter, form, status=200):
    return render(request, "hall/public_apply.html", {
        "matter": matter, "version": matter.current, "form": form,
        "limits": upload_limits(), "instant": Mode.INSTANT in matter.current.modes,
        "files_dropped": form.is_bound and form.chose_files(),
    }, status=status)


@never_cache
@require_safe
def apply_done(request, token):
    try:
        pk = signing.loads(token, salt=DONE_SALT, max_age=DONE_MAX_AGE)
        application = (Application.objects.select_related("version", "centre")
                       .prefetch_related("files").get(pk=pk))
    except (signing.BadSignature, Application.DoesNotExist):
        return render(request, "hall/public_apply_expired.html", status=404)
    return render(request, "hall/public_apply_done.html", {
        "application": application, "version": application.version,
        "applicant_name": pii.mask_name(application.applicant_name),
        "id_number": pii.mask_id_number(application.id_number),
        "instant": application.mode == Mode.INSTANT,
    })


urlpatterns = [
    path("matters/<str:code>/apply/", apply, name="apply"),
    path("apply/done/<str:token>/", apply_done, name="apply_done"),
    *citizen_lookup.urlpatterns,
]
