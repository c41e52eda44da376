"""Chart images: PNGs of the asked size whose Chinese labels the font has glyphs for."""

import io
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from taizhang.reports.writers.charts import chart_png

from .sample import SAMPLE, use_shipped_font

PNG = b"\x89PNG\r\n\x1a\n"
LINE, BAR = (block for block in SAMPLE["blocks"] if block["type"] == "chart")


@pytest.fixture(autouse=True)
def _shipped_font(monkeypatch, settings):
    use_shipped_font(monkeypatch, settings)


def image(data):
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("block", [LINE, BAR], ids=["line", "bar"])
def test_a_png_of_the_asked_width(block):
    data = chart_png(block, width_mm=156, dpi=100)
    assert data.startswith(PNG)
    width, height = image(data).size
    assert width == round(156 / 25.4 * 100)
    assert 0.4 < height / width < 0.6


def test_chinese_labels_have_glyphs():
    block = {"type": "chart", "title": "图3 满意率", "chart": "bar",
             "categories": ["城关镇", "区住房城乡建设局", "柳林镇"],
             "series": [{"name": "群众满意率", "values": [0.98, None, 0.995]},
                        {"name": "按期答复率", "values": [1, 0.97, 0.99]}],
             "percent": True}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        chart_png(block, width_mm=156)


def test_many_categories_and_series():
    months = [f"{year}年{month}月" for year in (2025, 2026) for month in range(1, 13)]
    block = {**LINE, "categories": months,
             "series": [{"name": name, "values": [0.9 + n / 300 for n in range(24)]}
                        for name in ("办结率", "按时办结率", "满意率")]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert chart_png(block, width_mm=156).startswith(PNG)


def test_charts_can_be_drawn_at_once_from_threads():
    with ThreadPoolExecutor(4) as pool:
        images = list(pool.map(lambda block: chart_png(block, width_mm=120), [LINE, BAR] * 4))
    assert images[::2] == [images[0]] * 4
    assert images[1::2] == [images[1]] * 4
