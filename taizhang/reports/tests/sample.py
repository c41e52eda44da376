"""A weekly bulletin as the reports app hands it to the writers, and a long one for timing."""

import copy

from taizhang.documents import cjkfont

UNITS = ["城关镇", "东城街道", "西城街道", "柳林镇", "河口乡", "区发展改革委", "区住房城乡建设局",
         "区市场监管局"]

SAMPLE = {
    "title": "2026年第47周工作通报",
    "number": "示督通〔2026〕12号",
    "issuer": "示范区人民政府督查室",
    "date": "2026-11-23",
    "draft": False,
    "corrects": "",
    "blocks": [
        {"type": "heading", "level": 1, "text": "一、总体情况"},
        {"type": "paragraph", "text": (
            "本周（11月16日至11月22日），全区新增台账事项12件，销号8件，逾期未销号3件，"
            "较上周减少2件。政务服务大厅受理办件1326件，按时办结率99.85%，群众满意率99.92%。"
            "信访事项按期答复率100%，无新增积案。")},
        {"type": "heading", "level": 2, "text": "（一）台账事项"},
        {"type": "paragraph", "text": (
            "城关镇、东城街道销号进度较快；区住房城乡建设局“老旧小区改造”事项已超过完成时限"
            "12天仍未销号，请责任领导督促办理，于11月30日前报送进展情况。")},
        {"type": "table", "title": "表1 各单位台账事项办理情况",
         "columns": ["单位", "新增", "销号", "逾期", "较上周"],
         "rows": [["城关镇", 3, 2, 1, "+1"],
                  ["东城街道", 2, 3, 0, "-1"],
                  ["区住房城乡建设局", 4, 1, 2, "0"],
                  ["区市场监管局", 3, 2, None, "—"],
                  ["合计", 12, 8, 3, "-2"]],
         "note": "逾期：截至统计截止日超过完成时限仍未销号的事项。"},
        {"type": "heading", "level": 2, "text": "（二）政务服务"},
        {"type": "table", "title": "表2 政务服务大厅办件情况",
         "columns": ["窗口", "受理", "办结", "按时办结率", "平均用时（天）"],
         "rows": [["不动产登记", 512, 508, "99.80%", 1.5],
                  ["社会保障", 431, 431, "100.00%", 0.25],
                  ["市场准入", 383, 380, "99.74%", None]],
         "note": ""},
        {"type": "chart", "title": "图1 各月办结率", "chart": "line",
         "categories": ["1月", "2月", "3月", "4月", "5月", "6月"],
         "series": [{"name": "办结率", "values": [0.9512, 0.99, None, 0.9731, 0.9875, 0.9912]}],
         "percent": True},
        {"type": "chart", "title": "图2 各单位新增与销号", "chart": "bar",
         "categories": UNITS[:5],
         "series": [{"name": "新增", "values": [3, 2, 1, 4, 2]},
                    {"name": "销号", "values": [2, 3, None, 1, 2]}],
         "percent": False},
        {"type": "heading", "level": 1, "text": "二、下步工作"},
        {"type": "paragraph", "text": (
            "各责任单位要对照逾期事项清单，逐项明确整改措施和完成时限，"
            "区政府督查室将于下周开展实地督查，督查结果纳入月度考核。")},
    ],
}


def document(**changes):
    """A copy of SAMPLE with ``changes`` to its top-level fields."""
    return {**copy.deepcopy(SAMPLE), **changes}


def long_document(tables=40, rows=30, charts=4):
    """A report of ``tables`` tables of ``rows`` rows and ``charts`` charts, for timing."""
    blocks = []
    for n in range(1, tables + 1):
        blocks.append({"type": "heading", "level": 1, "text": f"{n}、第{n}部分"})
        blocks.append({"type": "paragraph", "text": SAMPLE["blocks"][1]["text"]})
        blocks.append({"type": "table", "title": f"表{n} 各单位办理情况（第{n}批）",
                       "columns": ["单位", "新增", "销号", "逾期", "办结率", "较上周"],
                       "rows": [[UNITS[r % len(UNITS)], r, r * 2, None if r % 7 else 1,
                                 f"{99 - r / 10:.2f}%", f"+{r % 3}"] for r in range(rows)],
                       "note": "合计含区本级事项。"})
        if n <= charts:
            blocks.append({**SAMPLE["blocks"][8], "title": f"图{n} 各单位新增与销号"})
    return document(blocks=blocks)


def use_shipped_font(monkeypatch, settings):
    """The shipped Noto Sans SC on every machine, whatever fonts it has installed."""
    settings.TAIZHANG_PDF_FONT = ""
    monkeypatch.setattr(cjkfont, "system_candidates", lambda family: [])
    cjkfont.clear_cache()
