"""Every asset comes from this server: no CDN, no inline code, vendored files as recorded."""

import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

import taizhang

PROJECT = Path(taizhang.__file__).parent
VENDOR = PROJECT / "web" / "static" / "vendor"
TEMPLATES = sorted(PROJECT.glob("*/templates/**/*.html"))
STYLESHEETS = sorted(PROJECT.glob("*/static/**/*.css"))
MANIFEST_ROW = re.compile(
    r"^\| *(?P<file>[^|]+?) *\| *(?P<package>[^|]+?) *\| *(?P<version>[^|]+?) *\|"
    r" *(?P<source>[^|]+?) *\| *(?P<licence>[^|]+?) *\| *(?P<sha256>[0-9a-f]{64}) *\|$"
)


def manifest():
    text = (VENDOR / "VENDORED.md").read_text(encoding="utf-8")
    return [m.groupdict() for line in text.splitlines() if (m := MANIFEST_ROW.match(line))]


def test_there_are_templates_to_check():
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "workbench.html", "login.html", "tree.html", "404.html"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_templates_load_nothing_from_other_sites(template):
    text = template.read_text(encoding="utf-8")
    for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text, re.I):
        for url in re.findall(r'\b(?:src|href)\s*=\s*["\']([^"\']*)', tag, re.I):
            assert not re.match(r"^(?:[a-z]+:)?//", url, re.I), f"{tag} loads {url}"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_templates_have_no_inline_code(template):
    # The CSP allows scripts and styles from files only; inline ones would be blocked.
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", text, re.I), "inline <script>"
    assert not re.search(r"<style\b", text, re.I), "<style> element"
    assert not re.search(r"\sstyle\s*=", text, re.I), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text, re.I), "event handler attribute"
    assert not re.search(r"\shx-on", text, re.I), "hx-on needs eval"
    assert "javascript:" not in text.lower()


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheets_load_nothing_from_other_sites(stylesheet):
    text = stylesheet.read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*[\"']?(?:[a-z]+:)?//", text, re.I)
    assert "@import" not in text


def test_manifest_lists_the_pinned_libraries():
    rows = manifest()
    versions = {(r["package"], r["version"]) for r in rows}
    assert versions == {("htmx.org", "2.0.11"), ("echarts", "6.1.0")}
    assert {r["file"] for r in rows} >= {"htmx/htmx.min.js", "htmx/LICENSE",
                                         "echarts/echarts.min.js", "echarts/LICENSE",
                                         "echarts/NOTICE"}


@pytest.mark.parametrize("row", manifest(), ids=lambda r: r["file"])
def test_vendored_file_matches_its_checksum(row):
    path = VENDOR / row["file"]
    assert path.is_file(), f"{row['file']} is missing; run scripts/vendor-assets"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]


def test_every_vendored_file_is_in_the_manifest():
    listed = {r["file"] for r in manifest()}
    present = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file()}
    assert present - {"VENDORED.md"} == listed


def test_vendored_libraries_are_the_versions_recorded():
    assert 'version:"2.0.11"' in (VENDOR / "htmx/htmx.min.js").read_text(encoding="utf-8")
    assert 'version="6.1.0"' in (VENDOR / "echarts/echarts.min.js").read_text(encoding="utf-8")


def test_assets_are_found_by_staticfiles():
    for name in ("web/taizhang.css", "web/taizhang.js", "web/favicon.svg",
                 "vendor/htmx/htmx.min.js", "vendor/echarts/echarts.min.js"):
        assert finders.find(name), name


def test_layout_loads_htmx_and_our_script_but_not_echarts():
    base = (PROJECT / "web" / "templates" / "base.html").read_text(encoding="utf-8")
    assert "{% static 'vendor/htmx/htmx.min.js' %}" in base
    assert "{% static 'web/taizhang.js' %}" in base
    assert "echarts" not in base
    # htmx would otherwise inject its indicator styles inline, which the CSP blocks.
    assert '"includeIndicatorStyles": false' in base
