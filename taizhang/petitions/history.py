"""A petition's timeline as people read it: what each entry is called, who made it."""

from ..org.events import timeline
from .constants import Step
from .repeats import LINK, LINKED_TO, UNLINK, UNLINKED_FROM

# What each timeline entry is called; the steps use their own labels.
EVENT_LABELS = {
    **{step.value: step.label for step in Step},
    "register": "登记",
    "change_category": "调整事项类别",
    LINK: "认定为重复信访",
    UNLINK: "取消重复信访认定",
    LINKED_TO: "关联重复信访",
    UNLINKED_FROM: "取消关联重复信访",
    "backlog_open": "列为信访积案",
}


def events(petition):
    return timeline(petition).select_related("actor__person")
