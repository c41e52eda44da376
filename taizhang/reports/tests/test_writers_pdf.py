"""The PDF of a report: its Chinese text is there and extracts again, and the pages print."""

import re
import time

import pypdfium2
import pytest

from taizhang.reports.writers.pdf import report_pdf

from .sample import SAMPLE, document, long_document, use_shipped_font


@pytest.fixture(autouse=True)
def _shipped_font(monkeypatch, settings):
    use_shipped_font(monkeypatch, settings)


def pages_text(data):
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [re.sub(r"\s+", "", page.get_textpage().get_text_range()) for page in pdf]
    finally:
        pdf.close()


def render(data, index):
    """Page ``index`` in grey, at 72 pixels to the inch (1 pixel ≈ 0.35 mm)."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        return pdf[index].render(scale=1).to_pil().convert("L")
    finally:
        pdf.close()


def band(image, top_mm, bottom_mm, left=0.0, right=1.0):
    """The darkest grey in a band of the page; 255 is blank paper."""
    width, height = image.size
    box = (int(left * width), int(top_mm / 297 * height), int(right * width),
           int(bottom_mm / 297 * height))
    return image.crop(box).getextrema()[0]


def test_a_pdf_with_the_font_embedded():
    data = report_pdf(SAMPLE)
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data and b"NotoSansSC" in data


def test_the_text_extracts_again():
    text = "".join(pages_text(report_pdf(SAMPLE)))
    for expected in ("示督通〔2026〕12号", "2026年第47周工作通报", "一、总体情况", "（一）台账事项",
                     "表1各单位台账事项办理情况", "区住房城乡建设局", "99.80%", "图1各月办结率",
                     "注：逾期：截至统计截止日超过完成时限仍未销号的事项。",
                     "示范区人民政府督查室", "2026年11月23日"):
        assert expected in text, expected
    for block in SAMPLE["blocks"]:
        if block["type"] == "paragraph":
            assert re.sub(r"\s+", "", block["text"]) in text
    assert text.index("示范区人民政府督查室") > text.index("二、下步工作")


def test_page_numbers_on_the_outer_side():
    data = report_pdf(SAMPLE)
    texts = pages_text(data)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert text.endswith(f"—{number}—")
    # The number's band, 7 mm below the type area (262 mm): right on page 1, left on page 2.
    first, second = render(data, 0), render(data, 1)
    assert band(first, 268, 276, left=0.5) < 100 and band(first, 268, 276, right=0.5) > 200
    assert band(second, 268, 276, right=0.5) < 100 and band(second, 268, 276, left=0.5) > 200


def test_page_one_prints_the_title_where_the_type_area_starts():
    page = render(report_pdf(SAMPLE), 0)
    assert band(page, 0, 36) > 200  # the top margin is empty
    assert band(page, 37, 60) < 80  # the number and the title: ink


def test_a_draft_without_number_and_a_correction():
    correction = "本期更正示督通〔2026〕11号：表1合计数应为12件。"
    text = pages_text(report_pdf(document(number="", draft=True, corrects=correction)))[0]
    assert text.startswith("2026年第47周工作通报（草稿）" + correction)
    assert "示督通〔2026〕12号" not in text


def test_a_long_report_is_quick():
    doc = long_document()
    started = time.perf_counter()
    data = report_pdf(doc)
    assert time.perf_counter() - started < 3
    text = "".join(pages_text(data))
    assert "表40各单位办理情况（第40批）" in text
