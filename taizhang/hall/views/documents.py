"""Printed documents: the service handbook for anyone (``public_urlpatterns``, no login, no
cookie) and the cadre contact cards for staff (``urlpatterns``).

The handbook is made from the catalogue as it stands, and kept in the cache under a digest of
its contents, so a change to any matter or centre makes a new one at once while repeated
downloads cost a few queries. The cards' print page and PDF show mobile numbers in full and are
audited on every request; the chooser's preview shows them masked.
"""

from io import BytesIO

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ...org.models import Unit
from ..documents import cards as card_rules
from ..documents.cards_pdf import cards_pdf
from ..documents.handbook import build_handbook, digest
from ..documents.handbook_docx import handbook_docx
from ..documents.handbook_pdf import handbook_pdf

HANDBOOK_WRITERS = {"pdf": handbook_pdf, "docx": handbook_docx}
HANDBOOK_CACHE_SECONDS = 24 * 3600
BROWSER_CACHE_SECONDS = 600


def _handbook(fmt):
    handbook = build_handbook()
    key = f"hall:handbook:{fmt}:{digest(handbook)}"
    data = cache.get(key)
    if data is None:
        data = HANDBOOK_WRITERS[fmt](handbook)
        cache.set(key, data, HANDBOOK_CACHE_SECONDS)
    # A PDF opens in the browser; a .docx is for saving and editing.
    response = FileResponse(BytesIO(data), as_attachment=fmt == "docx",
                            filename=f"{handbook.title}.{fmt}")
    response["Cache-Control"] = f"public, max-age={BROWSER_CACHE_SECONDS}"
    return response


@require_safe
def handbook_as_pdf(request):
    return _handbook("pdf")


@require_safe
def handbook_as_docx(request):
    return _handbook("docx")


public_urlpatterns = [
    path("handbook.pdf", handbook_as_pdf, name="handbook_pdf"),
    path("handbook.docx", handbook_as_docx, name="handbook_docx"),
]


class CardsForm(forms.Form):
    township = forms.ModelChoiceField(label="乡镇（街道）", empty_label="请选择",
                                      queryset=Unit.objects.none())
    villages = forms.BooleanField(label="同时制作所辖村（社区）干部的连心卡", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = card_rules.townships(user)


def _chosen(request):
    """The township and the choice of villages asked for, or a 404 for one out of sight."""
    form = CardsForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404("没有该乡镇（街道），或您无权查看。")
    return form.cleaned_data["township"], form.cleaned_data["villages"]


@login_required
def cards(request):
    form = CardsForm(request.GET or None, user=request.user)
    preview = None
    if form.is_valid():
        preview = card_rules.card_set(request.user, form.cleaned_data["township"],
                                      with_villages=form.cleaned_data["villages"])
    return render(request, "hall/cards.html", {
        "form": form, "preview": preview, "query": request.GET.urlencode(),
        "per_page": card_rules.PER_PAGE,
    })


@never_cache
@login_required
def cards_print(request):
    township, with_villages = _chosen(request)
    card_set = card_rules.card_set(request.user, township, with_villages=with_villages,
                                   unmasked=True, request=request, medium="html")
    return render(request, "hall/cards_print.html", {
        "card_set": card_set, "query": request.GET.urlencode(),
    })


@never_cache
@login_required
def cards_as_pdf(request):
    township, with_villages = _chosen(request)
    card_set = card_rules.card_set(request.user, township, with_villages=with_villages,
                                   unmasked=True, request=request, medium="pdf")
    return FileResponse(BytesIO(cards_pdf(card_set)), content_type="application/pdf",
                        filename=f"{township.name}{card_rules.PURPOSE}.pdf")


urlpatterns = [
    path("cards/", cards, name="cards"),
    path("cards/print/", cards_print, name="cards_print"),
    path("cards/cards.pdf", cards_as_pdf, name="cards_pdf"),
]
