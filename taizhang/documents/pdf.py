"""A4 PDF pages in Chinese (fpdf2), with the font from ``cjkfont`` embedded.

Chinese has no spaces to break lines at, so ``wrap`` breaks between any two characters, except
that a run of Latin letters and digits (a code, a phone number) stays whole, a closing mark
(。，、）》…) never starts a line and an opening one (（《“) never ends one, as GB/T 15834 asks.
Only one weight is sure to be there (the shipped font has one), so ``bold`` strokes the glyph
outlines as well as filling them, as printers do for 仿粗体.
"""

import logging
import re
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import TextMode, XPos, YPos

from .cjkfont import cjk_font

# fontTools reports every step of subsetting the font at INFO: hundreds of lines per PDF.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FAMILY = "cjk"
NO_LINE_START = set("。，、；：？！）》」』〕】”’…—·%,.;:?!)]")
NO_LINE_END = set("（《「『〔【“‘([")
SHADE = (236, 238, 241)
RULE = (120, 126, 134)
UNIT = re.compile(r"[A-Za-z0-9@#&+\-./:_]+|\s|.", re.S)


class CjkPdf(FPDF):
    """A4 portrait in millimetres, the Chinese font set at ``size`` points."""

    def __init__(self, title, *, subject="", size=11, family="sans-serif", **kwargs):
        super().__init__(unit="mm", format="A4", **kwargs)
        font = cjk_font(family)
        self.add_font(FAMILY, "", str(font.path), collection_font_number=font.face)
        self.font_name = font.name
        self.set_font(FAMILY, size=size)
        self.set_title(title)
        self.set_subject(subject)
        self.set_creator("台账 Taizhang")
        self.set_lang("zh-CN")
        self._widths = {}

    @contextmanager
    def bold(self):
        """Faux bold: the glyphs stroked with a line 1/30 of the em."""
        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=self.font_size / 30,
                                draw_color=self.text_color):
            yield

    def width_of(self, text):
        size = self.font_size_pt
        total = 0.0
        for char in text:
            key = (char, size)
            if key not in self._widths:
                self._widths[key] = self.get_string_width(char)
            total += self._widths[key]
        return total

    def wrap(self, text, width):
        """``text`` broken into lines no wider than ``width`` mm at the current size."""
        lines = []
        for paragraph in str(text).split("\n"):
            lines.extend(self._wrap_paragraph(paragraph, width))
        return lines

    def _wrap_paragraph(self, text, width):
        lines, line = [], []
        for unit in UNIT.findall(text):
            if line and self.width_of("".join(line) + unit) > width:
                if unit.isspace():
                    lines.append("".join(line).rstrip())
                    line = []
                    continue
                carried = []
                # A closing mark keeps the character before it company on the next line; an
                # opening mark goes down with the text it opens.
                if unit[0] in NO_LINE_START:
                    while len(line) > 1:
                        carried.insert(0, line.pop())
                        if carried[0][0] not in NO_LINE_START:
                            break
                    if len(line) == 1 and not carried and len(line[0]) > 1:
                        # A code filling the line: its last character keeps the mark company.
                        line, carried = [line[0][:-1]], [line[0][-1]]
                while len(line) > 1 and line[-1] in NO_LINE_END:
                    carried.insert(0, line.pop())
                lines.append("".join(line).rstrip())
                line = carried
            if self.width_of(unit) > width:  # a run longer than a line: break it anyway
                for char in unit:
                    if line and self.width_of("".join(line) + char) > width:
                        lines.append("".join(line))
                        line = []
                    line.append(char)
            elif line or not unit.isspace():
                line.append(unit)
        if line or not lines:
            lines.append("".join(line).rstrip())
        return lines

    def paragraph(self, text, *, line_height=1.6, indent=0, align="L"):
        """A block of text across the page width, ``indent`` mm in from the left margin."""
        height = self.font_size * line_height
        for line in self.wrap(text, self.epw - indent):
            self.set_x(self.l_margin + indent)
            self.cell(self.epw - indent, height, line, align=align,
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(self, rows, widths, *, heading=True, padding=1.4, line_height=1.45,
             shade=SHADE, shade_first_column=False):
        """A bordered table at the current font size from the left margin: ``rows`` of texts,
        column ``widths`` in mm. With ``heading`` the first row is shaded and repeated at the
        top of each page the table runs onto. Drawn directly, as fpdf2's own tables lay every
        cell out twice and take seconds for a handbook."""
        line = self.font_size * line_height
        head = self._grid_row(rows[0], widths, padding) if heading and rows else None
        for index, texts in enumerate(rows):
            cells = head if index == 0 and head else self._grid_row(texts, widths, padding)
            height = max(len(lines) for lines in cells) * line + 2 * padding
            if not self.fits(height) and self.get_y() > self.t_margin + 1:
                self.add_page()
                if head and index > 0:
                    self._draw_row(head, widths, padding, line, [True] * len(widths), shade)
            shaded = [bool(head) and index == 0 or (shade_first_column and column == 0)
                      for column in range(len(widths))]
            self._draw_row(cells, widths, padding, line, shaded, shade)

    def _grid_row(self, texts, widths, padding):
        return [self.wrap(text, width - 2 * padding)
                for text, width in zip(texts, widths, strict=True)]

    def _draw_row(self, cells, widths, padding, line, shaded, shade):
        top = self.get_y()
        height = max(len(lines) for lines in cells) * line + 2 * padding
        x = self.l_margin
        with self.local_context(fill_color=shade, line_width=0.2, draw_color=RULE):
            for lines, width, filled in zip(cells, widths, shaded, strict=True):
                self.rect(x, top, width, height, style="DF" if filled else "D")
                # fpdf2 sets a line's baseline at half its height plus 0.3 of the font size.
                first = top + (height - len(lines) * line) / 2 + line / 2 + 0.3 * self.font_size
                for n, text in enumerate(lines):
                    self.text(x + padding, first + n * line, text)
                x += width
        self.set_xy(self.l_margin, top + height)

    def fits(self, height):
        """Whether ``height`` mm still fit above the bottom margin of this page."""
        return self.get_y() + height <= self.page_break_trigger

