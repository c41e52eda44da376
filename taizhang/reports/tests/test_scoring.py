"""The scheme's arithmetic at its edges: caps, rates with nothing to measure, bonuses, ties,
units with nothing to be assessed on."""

from decimal import Decimal

from taizhang.reports.models import Scheme
from taizhang.reports.scoring import Measures, rank, score_unit

SCHEME = Scheme(name="测试办法", base=Decimal(70), per_overdue=Decimal(2),
                per_late_close=Decimal(1), per_overdue_petition=Decimal("1.5"),
                deduction_cap=Decimal(10), on_time_weight=Decimal(15),
                satisfaction_weight=Decimal(15), bonus_cap=Decimal(5))


def record(n):
    return {"source": "ledger", "id": n, "code": f"T-{n}", "title": f"事项{n}"}


def test_a_unit_with_nothing_wrong_and_nothing_measured_scores_the_base_and_full_weights():
    sheet = score_unit(SCHEME, Measures(records=3))
    assert sheet["score"] == "100.00"
    assert sheet["on_time_points"] == sheet["satisfaction_points"] == "15.00"


def test_deductions_each_name_their_record_and_stop_at_the_cap():
    measures = Measures(deductions=[("overdue", record(n)) for n in range(7)], records=7)
    sheet = score_unit(SCHEME, measures)
    assert sheet["deducted"] == "14.00"
    assert sheet["deduction_applied"] == "10.00"
    assert sheet["score"] == "90.00"
    assert [d["record"]["id"] for d in sheet["deductions"]] == list(range(7))
    assert {d["points"] for d in sheet["deductions"]} == {"2"}


def test_each_kind_of_deduction_has_its_own_points():
    measures = Measures(deductions=[("overdue", record(1)), ("closed_late", record(2)),
                                    ("unreplied_overdue", record(3))], records=3)
    assert score_unit(SCHEME, measures)["deducted"] == "4.50"


def test_rates_are_weighted_and_rounded_half_up():
    measures = Measures(on_time=2, on_time_due=3, satisfied=1, rated=8, records=3)
    sheet = score_unit(SCHEME, measures)
    assert sheet["on_time_points"] == "10.00"
    assert sheet["satisfaction_points"] == "1.88"  # 15 × 1/8 = 1.875
    assert sheet["score"] == "81.88"


def test_bonuses_add_up_to_the_cap():
    measures = Measures(bonuses=[(Decimal(3), "省级表彰"), (Decimal(4), "经验推广")], records=1)
    sheet = score_unit(SCHEME, measures)
    assert sheet["bonus"] == "7.00" and sheet["bonus_applied"] == "5.00"
    assert sheet["score"] == "105.00"
    assert [b["reason"] for b in sheet["bonuses"]] == ["省级表彰", "经验推广"]


def test_a_bonus_alone_makes_a_unit_assessed():
    assert score_unit(SCHEME, Measures(bonuses=[(Decimal(1), "表彰")]))["assessed"]


def units(*scores):
    sheets = []
    for n, (name, score, assessed) in enumerate(scores):
        sheets.append(({"unit": n, "name": name},
                       {"score": score, "assessed": assessed, "deductions": []}))
    return sheets


def test_equal_scores_share_a_rank_and_the_next_rank_skips():
    ranked = rank(units(("乙镇", "90.00", True), ("甲镇", "95.50", True),
                        ("丙镇", "90.00", True), ("丁镇", "80.00", True)))
    assert [(r["name"], r["rank"]) for r in ranked] == [
        ("甲镇", 1), ("丙镇", 2), ("乙镇", 2), ("丁镇", 4)]


def test_units_with_nothing_to_assess_are_listed_last_without_a_rank():
    ranked = rank(units(("闲镇", "100.00", False), ("忙镇", "88.00", True)))
    assert [(r["name"], r["rank"]) for r in ranked] == [("忙镇", 1), ("闲镇", None)]


def test_an_empty_ranking_is_empty():
    assert rank([]) == []
