"""A report as it is read and printed: its stored blocks with the office's paragraphs in
place, its number, issuer and date — the input of the page and of every writer."""

from django.conf import settings
from django.utils import timezone


def document(report):
    narrative = report.narrative or {}
    blocks = []
    for block in report.content.get("blocks", []):
        if block["type"] == "paragraph" and block.get("key") in narrative:
            block = {**block, "text": narrative[block["key"]]}
        if block["type"] == "paragraph" and not block["text"].strip():
            continue
        blocks.append(block)
    corrects = ""
    if report.corrects_id:
        corrects = f"本通报对{report.corrects.number}《{report.corrects.title}》予以更正：" \
                   f"{report.correction_note}"
    day = timezone.localtime(report.published_at).date() if report.published_at \
        else timezone.localdate()
    return {
        "title": report.title,
        "number": report.number,
        "issuer": settings.TAIZHANG_REPORT_ISSUER,
        "date": day.isoformat(),
        "draft": not report.is_published,
        "corrects": corrects,
        "blocks": blocks,
    }
