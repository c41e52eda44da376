from datetime import date

from taizhang.ledger import rules
from taizhang.ledger.constants import ItemStatus


def test_whole_life_of_an_item(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    assert item.status == ItemStatus.IN_PROGRESS
    rules.report_progress(item, actor=world.west_staff, text="已完成管网铺设",
                          today=date(2026, 9, 8))
    item = rules.request_close_out(item, actor=world.west_staff, evidence="验收合格")
    item = rules.close_out_item(item, actor=world.supervisor, today=date(2026, 10, 1))
    assert item.status == ItemStatus.CLOSED
