"""Chart images for reports (matplotlib, Agg).

Each chart is its own ``Figure`` drawn by its own Agg canvas, never pyplot's global figure, so
two requests can draw at once. The labels are Chinese: the project's Chinese font is added to
matplotlib's font list once, and every text names it first, with DejaVu Sans behind it for any
sign it lacks. The chart's title is left to the document, which captions the image."""

import io
import math
from functools import cache

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from taizhang.documents.cjkfont import cjk_font

MM_PER_INCH = 25.4
ASPECT = 0.5  # height / width
COLOURS = ("#2f5597", "#c55a11", "#548235", "#7f6000", "#7030a0", "#808080")
GRID = "#d9d9d9"
FONT_SIZE = 9  # points, at the printed size
MANY_CATEGORIES = 8  # more than this many labels along the x axis are turned


@cache
def _font_family():
    path = str(cjk_font().path)
    font_manager.fontManager.addfont(path)
    return [font_manager.FontProperties(fname=path).get_name(), "DejaVu Sans"]


def chart_png(block, *, width_mm, dpi=200):
    """The PNG of a chart block ("line" or "bar"), ``width_mm`` wide when printed."""
    width = width_mm / MM_PER_INCH
    figure = Figure(figsize=(width, width * ASPECT), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    font = font_manager.FontProperties(family=_font_family(), size=FONT_SIZE)
    axes = figure.add_subplot()
    categories = [str(category) for category in block["categories"]]
    series = block["series"]
    positions = range(len(categories))
    draw = _bars if block["chart"] == "bar" else _lines
    draw(axes, positions, series, labelled=len(series) == 1 and len(categories) <= 12,
         percent=block.get("percent", False), font=font)

    axes.set_xticks(list(positions), categories, fontproperties=font,
                    rotation=45 if len(categories) > MANY_CATEGORIES else 0,
                    ha="right" if len(categories) > MANY_CATEGORIES else "center")
    if block.get("percent"):
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value * 100:g}%"))
    elif all(isinstance(v, int) for one in series for v in one["values"] if v is not None):
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(y=0.12)  # room for the value labels above the highest point
    for label in axes.get_yticklabels():
        label.set_fontproperties(font)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        axes.legend(prop=font, frameon=False, loc="upper center", ncols=min(len(series), 4),
                    bbox_to_anchor=(0.5, 1.12))
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def _numbers(values):
    return [math.nan if value is None else float(value) for value in values]


def _bars(axes, positions, series, *, labelled, percent, font):
    width = 0.8 / len(series)
    for index, one in enumerate(series):
        offset = (index - (len(series) - 1) / 2) * width
        bars = axes.bar([x + offset for x in positions], _numbers(one["values"]), width * 0.9,
                        label=one["name"], color=COLOURS[index % len(COLOURS)])
        if labelled:
            axes.bar_label(bars, labels=[_label(v, percent) for v in one["values"]],
                           padding=2, fontproperties=font)


def _lines(axes, positions, series, *, labelled, percent, font):
    for index, one in enumerate(series):
        values = _numbers(one["values"])
        axes.plot(list(positions), values, marker="o", markersize=3.5, linewidth=1.6,
                  label=one["name"], color=COLOURS[index % len(COLOURS)])
        if labelled:
            for x, value in zip(positions, one["values"], strict=True):
                if value is not None:
                    axes.annotate(_label(value, percent), (x, value), xytext=(0, 5),
                                  textcoords="offset points", ha="center",
                                  fontproperties=font)


def _label(value, percent):
    if value is None:
        return ""
    if percent:
        return f"{value * 100:.1f}%"
    return f"{value:g}"
