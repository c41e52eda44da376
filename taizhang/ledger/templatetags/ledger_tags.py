"""Small helpers of the ledger templates: names of people, actions and lights."""

from django import template

from ..constants import Action, ItemStatus, Light

register = template.Library()

# Events on an item's timeline: the transitions, and what else is recorded there.
ACTION_LABELS = {
    **dict(Action.choices),
    "create": "新建事项",
    "update": "修改事项",
    "milestone": "节点完成",
    "import": "导入",
    "remind": "催办",
    "escalate": "督办",
}


@register.filter
def who(user):
    """A user as people know them: the person's name, else the login name."""
    if user is None:
        return "系统"
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


@register.filter
def action_label(action):
    return ACTION_LABELS.get(action, action)


@register.filter
def status_label(status):
    return ItemStatus(status).label if status in ItemStatus.values else status


@register.inclusion_tag("ledger/_light.html")
def light(value):
    return {"value": value, "label": Light(value).label if value in Light.values else ""}
