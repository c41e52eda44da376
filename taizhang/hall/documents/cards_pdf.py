"""Contact cards as a PDF: eight cards of 92 × 64 mm to an A4 page, with dashed cutting lines,
the same layout as the print page (``hall/cards_print.html``)."""

from ...documents.pdf import CjkPdf
from .cards import PER_PAGE, PURPOSE

WIDTH, HEIGHT = 92, 64  # mm
COLUMNS = 2
GAP_X, GAP_Y = 6, 5
LEFT = (210 - COLUMNS * WIDTH - (COLUMNS - 1) * GAP_X) / 2
TOP = (297 - PER_PAGE // COLUMNS * HEIGHT - (PER_PAGE // COLUMNS - 1) * GAP_Y) / 2
PAD = 5
ACCENT = (159, 28, 32)
INK = (31, 35, 41)
MUTED = (95, 102, 112)
DUTY_LINES = 3


def cards_pdf(card_set) -> bytes:
    pdf = CjkPdf(f"{card_set.township}{PURPOSE}", subject=PURPOSE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for sheet in card_set.sheets:
        pdf.add_page()
        for index, card in enumerate(sheet):
            row, column = divmod(index, COLUMNS)
            _card(pdf, card, card_set, LEFT + column * (WIDTH + GAP_X),
                  TOP + row * (HEIGHT + GAP_Y))
    return bytes(pdf.output())


def _card(pdf, card, card_set, x, y):
    with pdf.local_context(draw_color=(150, 150, 150), line_width=0.2,
                           dash_pattern={"dash": 1.5, "gap": 1.2}):
        pdf.rect(x, y, WIDTH, HEIGHT)
    pdf.set_fill_color(*ACCENT)
    pdf.rect(x, y, WIDTH, 11, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font_size(13)
    with pdf.bold():
        pdf.text(x + PAD, y + 7.6, PURPOSE)
    pdf.set_font_size(8.5)
    pdf.text(x + WIDTH - PAD - pdf.width_of(card_set.township), y + 7.2, card_set.township)

    pdf.set_text_color(*INK)
    pdf.set_font_size(16)
    with pdf.bold():
        pdf.text(x + PAD, y + 20.5, card.name)
    name_end = x + PAD + pdf.width_of(card.name) + 3
    pdf.set_font_size(8.5)
    pdf.set_text_color(*MUTED)
    title = pdf.wrap(card.title, x + WIDTH - PAD - name_end)[0] if card.title else ""
    pdf.text(name_end, y + 20.2, title)
    pdf.text(x + PAD, y + 26, pdf.wrap(card.unit, WIDTH - 2 * PAD)[0])

    pdf.set_text_color(*INK)
    pdf.set_font_size(8.5)
    duties = pdf.wrap(f"工作职责：{card.duties}", WIDTH - 2 * PAD) if card.duties else []
    if len(duties) > DUTY_LINES:
        duties = [*duties[:DUTY_LINES - 1], duties[DUTY_LINES - 1][:-1] + "…"]
    for n, line in enumerate(duties):
        pdf.text(x + PAD, y + 31.5 + n * 4.2, line)

    pdf.set_font_size(8.5)
    pdf.set_text_color(*MUTED)
    pdf.text(x + PAD, y + 51, "联系电话")
    pdf.set_font_size(15)
    pdf.set_text_color(*ACCENT)
    with pdf.bold():
        pdf.text(x + PAD + 15, y + 51.4, card.phone)
    if card_set.hotline:
        pdf.set_font_size(7.5)
        pdf.set_text_color(*MUTED)
        pdf.text(x + PAD, y + HEIGHT - 4.5, f"便民服务热线：{card_set.hotline}")
    pdf.set_text_color(*INK)
