"""Chinese PDFs: the font is embedded, the text can be extracted again, no character is missing
from the font (which would print as an empty box), and lines break where Chinese allows."""

import logging
import re

import pypdfium2
import pytest

from taizhang.documents import cjkfont
from taizhang.documents.numbering import chinese_number, circled
from taizhang.documents.pdf import NO_LINE_END, NO_LINE_START, CjkPdf

TEXT = ("《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向"
        "婴儿常住地户口登记机关申报出生登记。咨询电话 0371-68901000，事项编码 HY-GA-001。")


@pytest.fixture(autouse=True)
def _shipped_font(monkeypatch, settings):
    # The same font on every machine, whatever it has installed.
    settings.TAIZHANG_PDF_FONT = ""
    monkeypatch.setattr(cjkfont, "system_candidates", lambda family: [])
    cjkfont.clear_cache()
    yield
    cjkfont.clear_cache()


def make_pdf(text=TEXT):
    pdf = CjkPdf("测试文档", subject="字体嵌入")
    pdf.add_page()
    pdf.set_font_size(14)
    with pdf.bold():
        pdf.paragraph("便民服务手册")
    pdf.set_font_size(11)
    pdf.paragraph(text)
    pdf.grid([("材料名称", "原件/复印件"), ("居民户口簿", "原件")], (60, 40))
    return bytes(pdf.output())


def extract(data):
    document = pypdfium2.PdfDocument(data)
    return "".join(page.get_textpage().get_text_range() for page in document)


def test_the_font_is_embedded_as_a_subset():
    data = make_pdf()
    assert b"/FontFile2" in data  # TrueType outlines inside the PDF
    assert re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansSC\b", data)  # a subset
    assert b"/Type0" in data and b"/ToUnicode" in data
    assert len(data) < 100_000  # the subset, not the 10 MB font


def test_the_chinese_text_extracts_again():
    text = re.sub(r"\s+", "", extract(make_pdf()))
    assert "便民服务手册" in text
    assert re.sub(r"\s+", "", TEXT) in text
    assert "居民户口簿" in text


def test_no_character_is_missing_from_the_font(caplog):
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        make_pdf(TEXT + "〔2014〕①②③—…“”、；：·（）")
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_the_page_renders_ink_where_the_text_is():
    page = pypdfium2.PdfDocument(make_pdf())[0]
    image = page.render(scale=1).to_pil().convert("L")
    width, _ = image.size
    # The heading's band, 20–30 mm from the top: dark pixels, not an empty page.
    band = image.crop((0, int(20 / 297 * image.height), width, int(32 / 297 * image.height)))
    assert band.getextrema()[0] < 80


def test_wrap_keeps_closing_marks_off_the_start_of_a_line():
    pdf = CjkPdf("t")
    pdf.add_page()
    pdf.set_font_size(11)
    for width in range(20, 120, 3):
        lines = pdf.wrap(TEXT, width)
        assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
        for line in lines:
            assert pdf.width_of(line) <= width + 0.01 or len(line) == 1
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, (width, lines)
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, (width, lines)


def test_wrap_keeps_codes_and_numbers_whole_when_they_fit():
    pdf = CjkPdf("t")
    pdf.add_page()
    pdf.set_font_size(11)
    lines = pdf.wrap("事项编码 HY-GA-001，咨询电话 0371-68901000", 30)
    assert any("HY-GA-001" in line for line in lines)
    assert any("0371-68901000" in line for line in lines)
    assert pdf.wrap("12345678901234567890", 10)  # longer than a line: broken anyway


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23, 99)] == [
        "一", "九", "十", "十一", "二十", "二十三", "九十九"]
    with pytest.raises(ValueError):
        chinese_number(100)
    assert circled(1) + circled(20) + circled(21) == "①⑳(21)"
