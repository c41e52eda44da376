"""The form that makes a petition a backlog case: leader, lead unit, goal, time limit, the
plan's steps and the team. It checks the shape; ``backlog.open_backlog_case`` decides."""

from django import forms

from ..ledger.forms import DATE, DATE_ERRORS, LeaderChoiceField, MilestoneFormSet
from ..org.constants import Rank, UnitKind
from ..org.models import Person, Unit
from ..org.visibility import Scope
from .people import office_roots


def office_reach(user):
    """The units the user's petition office serves: where cases are resolved, and whose
    people may sit on a team."""
    return Scope(False, office_roots(user), None).visible_unit_ids()


def county_leaders():
    """Every serving county-level leader (县级领导): the office asks one of them to take it."""
    return (Person.objects.filter(is_active=True, rank=Rank.COUNTY).select_related("unit")
            .order_by("unit__depth", "sort_order", "id"))


def reachable_people(user):
    return (Person.objects.filter(is_active=True, unit__in=office_reach(user))
            .select_related("unit").order_by("unit__depth", "unit_id", "sort_order", "id"))


class CaseForm(forms.Form):
    leader = LeaderChoiceField(label="包案领导", queryset=None, empty_label="请选择县级领导")
    lead_unit = forms.ModelChoiceField(label="责任单位", queryset=None, empty_label="请选择")
    goal = forms.CharField(label="化解目标", max_length=2000, widget=forms.Textarea(
        attrs={"rows": 3, "placeholder": "如：解决拖欠工资问题，信访人息诉罢访"}))
    measures = forms.CharField(label="化解措施", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label="化解时限", widget=DATE, error_messages=DATE_ERRORS)

    def __init__(self, *args, user, petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = county_leaders()
        self.fields["lead_unit"].queryset = (
            Unit.objects.filter(pk__in=office_reach(user), is_active=True)
            .exclude(kind=UnitKind.GRID).order_by("depth", "sort_order", "id"))
        if petition.handling_unit_id and not self.is_bound:
            self.initial.setdefault("lead_unit", petition.handling_unit_id)


class TeamMemberForm(forms.Form):
    person = LeaderChoiceField(label="成员", queryset=None, required=False, empty_label="——")
    duty = forms.CharField(label="分工", max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = reachable_people(user)

    def clean(self):
        data = super().clean()
        if data.get("person") and not (data.get("duty") or "").strip():
            self.add_error("duty", "请写明该成员的分工。")
        if data.get("duty") and not data.get("person"):
            self.add_error("person", "请选择成员。")
        return data


TeamFormSet = forms.formset_factory(TeamMemberForm, extra=4, max_num=20)


def plan_steps(formset):
    return [(row.cleaned_data["title"], row.cleaned_data["due"]) for row in formset
            if row.cleaned_data.get("title")]


def team_members(formset):
    return [(row.cleaned_data["person"], row.cleaned_data["duty"]) for row in formset
            if row.cleaned_data.get("person")]


__all__ = ["CaseForm", "MilestoneFormSet", "TeamFormSet", "plan_steps", "team_members"]
