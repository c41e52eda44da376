"""Choosing the Chinese font PDFs embed: settings first, then the system's, then the shipped one;
and never a font the PDF could not embed or that has no Chinese."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from taizhang.documents import cjkfont
from taizhang.documents.cjkfont import BUNDLED, CONFIGURED, SHIPPED, SYSTEM, FontError, inspect

FONTS = BUNDLED.parent
ROW = re.compile(r"^\| *(?P<file>[^|]+?) *\| *(?P<package>[^|]+?) *\|"
                 r" *(?P<version>[^|]+?) *\| *(?P<source>[^|]+?) *\|"
                 r" *(?P<licence>[^|]+?) *\| *(?P<sha256>[0-9a-f]{64}) *\|$")
CHINESE = "中华人民共和国办事指南"


@pytest.fixture(autouse=True)
def _fresh_choice():
    cjkfont.clear_cache()
    yield
    cjkfont.clear_cache()


def manifest():
    text = (FONTS / "README.md").read_text(encoding="utf-8")
    return [m.groupdict() for line in text.splitlines() if (m := ROW.match(line))]


def test_the_shipped_font_is_the_one_recorded_with_its_licence():
    rows = {row["file"]: row for row in manifest()}
    assert set(rows) == {BUNDLED.name, "OFL.txt"}
    assert {row["licence"] for row in rows.values()} == {"OFL-1.1"}
    for name, row in rows.items():
        data = (FONTS / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], name
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text()
    assert {p.name for p in FONTS.iterdir()} == {BUNDLED.name, "OFL.txt", "README.md"}


def test_the_shipped_font_embeds_and_has_chinese():
    font = inspect(BUNDLED, 0, SHIPPED)
    assert font.name == "Noto Sans SC Regular"
    with TTFont(BUNDLED, lazy=True) as ttf:
        assert "glyf" in ttf  # TrueType outlines: fpdf2 embeds them as CIDFontType2
        assert ttf["OS/2"].fsType & 0x000F != cjkfont.EMBEDDING_RESTRICTED


def test_without_a_system_font_the_shipped_one_is_used(monkeypatch, settings):
    settings.TAIZHANG_PDF_FONT = ""
    monkeypatch.setattr(cjkfont, "system_candidates", lambda family: [])
    assert cjkfont.cjk_font() == cjkfont.CjkFont(BUNDLED, 0, "Noto Sans SC Regular", SHIPPED)


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig is not installed")
def test_a_system_font_is_preferred(tmp_path, monkeypatch, settings):
    # A fontconfig of our own that knows one Chinese font: the shipped file, as if installed.
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{FONTS}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "fonts.conf"))
    settings.TAIZHANG_PDF_FONT = ""
    font = cjkfont.cjk_font()
    assert font.origin == SYSTEM
    assert Path(font.path).resolve() == BUNDLED.resolve()


def test_system_fonts_that_cannot_serve_are_passed_over(tmp_path, monkeypatch, settings):
    settings.TAIZHANG_PDF_FONT = ""
    latin = latin_font(tmp_path / "latin.ttf")
    monkeypatch.setattr(cjkfont, "system_candidates",
                        lambda family: [(tmp_path / "missing.ttf", 0), (latin, 0)])
    assert cjkfont.cjk_font().origin == SHIPPED


def test_the_setting_overrides_everything(settings):
    settings.TAIZHANG_PDF_FONT = str(BUNDLED)
    assert cjkfont.cjk_font().origin == CONFIGURED
    cjkfont.clear_cache()
    settings.TAIZHANG_PDF_FONT = f"{BUNDLED}#0"
    assert cjkfont.cjk_font() == cjkfont.CjkFont(BUNDLED, 0, "Noto Sans SC Regular", CONFIGURED)


def test_an_unusable_setting_is_an_error_not_a_silent_fallback(tmp_path, settings):
    settings.TAIZHANG_PDF_FONT = str(tmp_path / "nowhere.ttf")
    with pytest.raises(ImproperlyConfigured, match="TAIZHANG_PDF_FONT"):
        cjkfont.cjk_font()
    cjkfont.clear_cache()
    settings.TAIZHANG_PDF_FONT = str(latin_font(tmp_path / "latin.ttf"))
    with pytest.raises(ImproperlyConfigured, match="不含中文"):
        cjkfont.cjk_font()


def test_a_font_without_chinese_is_refused(tmp_path):
    with pytest.raises(FontError, match="不含中文"):
        inspect(latin_font(tmp_path / "latin.ttf"), 0, SYSTEM)


def test_a_font_whose_licence_forbids_embedding_is_refused(tmp_path):
    path = tmp_path / "restricted.ttf"
    with TTFont(BUNDLED) as font:
        subsetter = Subsetter(Options())
        subsetter.populate(text=CHINESE)
        subsetter.subset(font)
        font["OS/2"].fsType = cjkfont.EMBEDDING_RESTRICTED
        font.save(path)
    with pytest.raises(FontError, match="不允许嵌入"):
        inspect(path, 0, SYSTEM)


def test_plain_cff_outlines_are_refused(tmp_path):
    # Name-keyed CFF: fpdf2 would write it as a TrueType font file the PDF does not declare.
    path = tmp_path / "plain.otf"
    names = [".notdef", *(f"uni{ord(c):04X}" for c in CHINESE)]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in CHINESE})
    strings = {name: _box(T2CharStringPen(1000, None)).getCharString() for name in names}
    builder.setupCFF("Plain-Regular", {"FullName": "Plain Regular"}, strings, {})
    builder.setupHorizontalMetrics(dict.fromkeys(names, (1000, 0)))
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Plain", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(path)
    with pytest.raises(FontError, match="轮廓"):
        inspect(path, 0, SYSTEM)


def latin_font(path):
    """A TrueType font with outlines for A–Z only."""
    names = [".notdef", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): c for c in names[1:]})
    builder.setupGlyf({name: _box(TTGlyphPen(None)).glyph() for name in names})
    builder.setupHorizontalMetrics(dict.fromkeys(names, (600, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Latin", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(path)
    return path


def _box(pen):
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((500, 700))
    pen.lineTo((500, 0))
    pen.closePath()
    return pen
