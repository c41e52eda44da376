"""What a citizen sees of their own application without an account, and how often they may ask.

The status lookup page and the public API answer with the same view (``citizen_view``) and count
tries in the same windows (``lookup_allowed``): a guesser of phone endings gets no more tries
from the web and the API together than from either alone. The view holds only what the
applicant gave or is told in writing: no staff names, no ID number or phone, the name masked.
"""

import re

from django.conf import settings
from django.utils import timezone

from ..org import pii, throttle
from ..org.events import timeline
from .applications import REASON_REQUIRED
from .constants import Grade, Step
from .feedback import may_rate
from .models import Rating

HOUR = 3600
LOOKUP_BY_CLIENT = "hall.lookup.client"
LOOKUP_BY_RECEIPT = "hall.lookup.receipt"
# What could be a receipt number (date + 8 random digits); only these have a budget of their own.
RECEIPT_SHAPE = re.compile(r"[0-9]{8,20}")

# The timeline entries a citizen is shown, in the words of the notices they receive.
STEP_LABELS = {"submit": "网上申请", **dict(Step.choices), "rate": "评价"}


def lookup_allowed(request, receipt_no) -> bool:
    """Count one try at a receipt number and phone ending; False once this client, or anyone
    at this receipt number, has used up the hour's tries (TAIZHANG_LOOKUP_LIMIT_PER_*).

    A client over its limit is refused without spending the receipt's tries; a malformed
    number counts against the client only, so that typos do not all share one budget.
    """
    if not throttle.hit(LOOKUP_BY_CLIENT, throttle.client_address(request),
                        limit=settings.TAIZHANG_LOOKUP_LIMIT_PER_CLIENT, seconds=HOUR):
        return False
    receipt_no = str(receipt_no).strip()
    return not RECEIPT_SHAPE.fullmatch(receipt_no) or throttle.hit(
        LOOKUP_BY_RECEIPT, receipt_no,
        limit=settings.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT, seconds=HOUR)


def seconds_to_next_window(now=None) -> int:
    """When the throttle's hourly window ends (for a Retry-After header)."""
    epoch = int((now or timezone.now()).timestamp())
    return HOUR - epoch % HOUR


def _steps(application):
    steps = []
    for event in timeline(application).order_by("at", "id"):
        if event.action in STEP_LABELS:
            told = event.action in REASON_REQUIRED  # reasons are written to the applicant
            steps.append({"label": STEP_LABELS[event.action],
                          "on": timezone.localdate(event.at),
                          "note": event.note if told else ""})
    return steps


def citizen_view(application) -> dict:
    """The application as its applicant may see it (after proving receipt number and phone)."""
    centre = application.centre
    rating = Rating.objects.filter(application=application).first()
    version = application.version
    return {
        "receipt_no": application.receipt_no,
        "matter": {"code": version.matter.code, "name": version.name},
        "centre": None if centre is None else {
            "name": centre.name, "address": centre.address, "phone": centre.phone,
            "opening_hours": centre.opening_hours},
        "channel": application.channel, "channel_label": application.get_channel_display(),
        "mode": application.mode, "mode_label": application.get_mode_display(),
        "status": application.status, "status_label": application.get_status_display(),
        "applicant": pii.mask_name(application.applicant_name),
        "time_limit": version.time_limit,
        "submitted_on": timezone.localdate(application.created_at),
        "accepted_on": application.accepted_on,
        "deadline": application.deadline,
        "completed_on": application.completed_on,
        "reason": application.reason,
        "steps": _steps(application),
        "may_rate": may_rate(application),
        "rating": None if rating is None else {
            "grade": rating.grade, "grade_label": Grade(rating.grade).label,
            "rated_on": timezone.localdate(rating.rated_at)},
    }
