"""Backlog cases (积案) through the API: the backlog ledger one may see, a leader's own cases,
and making a petition a backlog case. Acting on a case afterwards — progress, steps done,
申请销号, 销号 — goes through the ledger's item routes (/api/v1/ledger/items/{item.id}/…)."""

from datetime import date

from django.utils import timezone
from ninja import Field, Router, Schema

from ...apitypes import ObjectId, with_errors
from ...ledger.api.errors import created
from ...ledger.api.schemas import Input, Text
from ...ledger.queries import visible_items
from ...org.models import Person, Unit
from .. import backlog
from ..backlog import case_rows
from ..errors import Invalid
from .errors import write
from .petitions import visible_petition

router = Router(tags=["信访积案"])


class PlanStepIn(Input):
    title: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    due: date


class TeamMemberIn(Input):
    person: ObjectId
    duty: str = Field(min_length=1, max_length=100, pattern=r"^[^\x00]*$")


class BacklogCaseIn(Input):
    leader: ObjectId = Field(description="包案领导（县级领导的人员 id）")
    lead_unit: ObjectId = Field(description="责任单位 id（本信访工作机构辖区内）")
    goal: Text = Field(description="化解目标")
    measures: Text = Field("", description="化解措施")
    deadline: date = Field(description="化解时限")
    plan: list[PlanStepIn] = Field(min_length=1, max_length=20,
                                   description="化解方案：步骤和完成日期")
    team: list[TeamMemberIn] = Field(min_length=1, max_length=20,
                                     description="包案班子：成员和分工")


class TeamMemberOut(Schema):
    person: int
    name: str
    duty: str


class BacklogCaseOut(Schema):
    id: int
    item: int = Field(description="积案台账事项 id：进展、销号等经台账接口办理")
    code: str
    title: str
    leader: str = Field(description="包案领导")
    lead_unit: str
    team: list[TeamMemberOut]
    steps_done: int
    steps: int
    next_step: str | None
    next_due: date | None
    deadline: date | None
    status: str
    light: str
    opened_on: date
    petitions: int = Field(description="信访件次（您可见的）")
    people: int = Field(description="信访人次（您可见的）")


def _case(row):
    item, case = row["item"], row["case"]
    following = row["next_step"]
    return {"id": case.pk, "item": item.pk, "code": item.code, "title": item.title,
            "leader": item.leader.name, "lead_unit": item.lead_unit.name,
            "team": [{"person": m.person.pk, "name": m.person.name, "duty": m.duty}
                     for m in row["team"]],
            "steps_done": row["done"], "steps": row["steps"],
            "next_step": following.title if following else None,
            "next_due": following.due if following else None,
            "deadline": item.deadline, "status": item.status, "light": item.light,
            "opened_on": case.opened_on, "petitions": row["times"], "people": row["people"]}


@router.get("/backlog", response=with_errors(list[BacklogCaseOut]),
            summary="信访积案台账（您可见的积案、包案领导、班子、方案进度、预警）")
def list_cases(request):
    rows = case_rows(request.user, visible_items(request.user), timezone.localdate())
    return [_case(row) for row in rows]


@router.get("/backlog/mine", response=with_errors(list[BacklogCaseOut]),
            summary="我包案或参与包案的积案")
def my_cases(request):
    rows = case_rows(request.user, visible_items(request.user).filter(
        backlog_case__in=backlog.leader_cases(request.user)), timezone.localdate())
    return [_case(row) for row in rows]


def _found(model, pk, field, label):
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise Invalid(f"找不到该{label}。", field)
    return found


@router.post("/petitions/{int:petition_id}/backlog",
             response=created(BacklogCaseOut, 403, 404, 409),
             summary="列为信访积案（信访工作机构）")
@write
def open_case(request, petition_id: ObjectId, payload: BacklogCaseIn):
    """The petition and its whole repeat chain become one backlog case, assigned at once."""
    petition = visible_petition(request.user, petition_id)
    team = [(_found(Person, m.person, "team", "班子成员"), m.duty) for m in payload.team]
    case = backlog.open_backlog_case(
        petition, actor=request.user,
        leader=_found(Person, payload.leader, "leader", "包案领导"),
        lead_unit=_found(Unit, payload.lead_unit, "lead_unit", "责任单位"),
        goal=payload.goal, measures=payload.measures, deadline=payload.deadline,
        plan=[(step.title, step.due) for step in payload.plan], team=team)
    [row] = case_rows(request.user, visible_items(request.user).filter(pk=case.item_id),
                      timezone.localdate())
    return 201, _case(row)
