"""The forms of a petition's page: the list's filters, and one small form per step. Each step
form knows which rule function it calls; the function decides, and names the field it
refuses."""

from django import forms

from ..ledger.forms import DATE, DATE_ERRORS
from ..org.constants import UnitKind
from ..org.models import Person, Unit
from ..org.visibility import Scope
from . import extensions, registration, repeats, reviews, rules
from .constants import Channel, Evaluation, ReviewKind, Status, Step
from .models import Category
from .people import office_roots
from .queries import visible_petitions

LIGHTS = [("", "全部"), ("red", "红灯（已逾期）"), ("yellow", "黄灯（临近期限）"),
          ("green", "绿灯"), ("none", "无时限")]


class FilterForm(forms.Form):
    q = forms.CharField(label="登记编号", required=False, max_length=20)
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("", "全部"), *Status.choices])
    channel = forms.ChoiceField(label="渠道", required=False,
                                choices=[("", "全部"), *Channel.choices])
    category = forms.ModelChoiceField(label="类别", required=False, empty_label="全部",
                                      queryset=Category.objects.all())
    light = forms.ChoiceField(label="预警", required=False, choices=LIGHTS)
    received_from = forms.DateField(label="收到日期自", required=False, widget=DATE,
                                    error_messages=DATE_ERRORS)
    received_to = forms.DateField(label="至", required=False, widget=DATE,
                                  error_messages=DATE_ERRORS)
    kind = forms.ChoiceField(label="类型", required=False, choices=[
        ("", "全部"), ("group", "集体访"), ("bypassed", "越级访"), ("repeat", "重复信访"),
        ("backlog", "已列为积案")])

    def apply(self, petitions):
        if not self.is_valid():
            return petitions
        data = self.cleaned_data
        exact = {"status": data["status"], "channel": data["channel"],
                 "category": data["category"], "light": data["light"],
                 "received_on__gte": data["received_from"],
                 "received_on__lte": data["received_to"]}
        petitions = petitions.filter(**{k: v for k, v in exact.items() if v})
        if number := data["q"].strip():
            petitions = petitions.filter(registration_no__icontains=number)
        kinds = {"group": {"channel": Channel.VISIT, "head_count__gte": 5},
                 "bypassed": {"bypassed": True}, "repeat": {"repeat_of__isnull": False},
                 "backlog": {"backlog_case__isnull": False}}
        return petitions.filter(**kinds.get(data["kind"], {}))


class StepForm(forms.Form):
    """A step: ``run(petition, actor)`` calls its rule with the cleaned data."""

    step = None
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, petition, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition, self.user = petition, user
        self.fields["expected_status"].initial = petition.status

    @property
    def label(self):
        return Step(self.step).label if self.step in Step.values else self.LABEL

    def expected(self):
        return self.cleaned_data.get("expected_status") or None


def _note(label="说明", required=False):
    return forms.CharField(label=label, required=required, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(StepForm):
    step = Step.ACCEPT
    note = _note()

    def run(self):
        return rules.accept_petition(self.petition, actor=self.user,
                                     note=self.cleaned_data["note"],
                                     expected_status=self.expected())


class RefuseForm(StepForm):
    step = Step.REFUSE
    notice = _note("不予受理告知（理由，以及可以向哪个机关提出）", required=True)

    def run(self):
        return rules.refuse_petition(self.petition, actor=self.user,
                                     notice=self.cleaned_data["notice"],
                                     expected_status=self.expected())


class AssignForm(StepForm):
    step = Step.ASSIGN
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.none(),
                                  empty_label="请选择")
    note = _note("交办意见")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reach = Scope(False, office_roots(self.user), None).visible_unit_ids()
        self.fields["unit"].queryset = (Unit.objects.filter(pk__in=reach, is_active=True)
                                        .exclude(kind=UnitKind.GRID)
                                        .order_by("depth", "sort_order", "id"))

    def run(self):
        return rules.assign_petition(self.petition, actor=self.user,
                                     unit=self.cleaned_data["unit"],
                                     note=self.cleaned_data["note"],
                                     expected_status=self.expected())


class StartForm(StepForm):
    step = Step.START
    handler = forms.ModelChoiceField(label="承办人", queryset=Person.objects.none(),
                                     empty_label="请选择")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = Person.objects.filter(
            unit_id=self.petition.handling_unit_id, is_active=True).order_by("sort_order", "id")

    def run(self):
        return rules.start_handling(self.petition, actor=self.user,
                                    handler=self.cleaned_data["handler"],
                                    expected_status=self.expected())


class ReplyForm(StepForm):
    step = Step.REPLY
    text = _note("答复意见（书面答复信访人）", required=True)

    def run(self):
        return rules.reply_petition(self.petition, actor=self.user,
                                    text=self.cleaned_data["text"],
                                    expected_status=self.expected())


class EvaluateForm(StepForm):
    step = Step.EVALUATE
    evaluation = forms.ChoiceField(label="信访人评价", choices=Evaluation.choices,
                                   widget=forms.RadioSelect)
    note = _note()

    def run(self):
        return rules.evaluate_petition(self.petition, actor=self.user,
                                       evaluation=self.cleaned_data["evaluation"],
                                       note=self.cleaned_data["note"],
                                       expected_status=self.expected())


class CloseForm(StepForm):
    step = Step.CLOSE
    note = _note()

    def run(self):
        return rules.close_petition(self.petition, actor=self.user,
                                    note=self.cleaned_data["note"],
                                    expected_status=self.expected())


class ReviewRequestForm(StepForm):
    step, kind = Step.REQUEST_REVIEW, ReviewKind.REVIEW
    text = _note("请求事项和理由", required=True)
    requested_on = forms.DateField(label="收到请求日期", required=False, widget=DATE,
                                   error_messages=DATE_ERRORS, help_text="不填为今天。")

    def run(self):
        return reviews.request_review(self.petition, actor=self.user, kind=self.kind,
                                      text=self.cleaned_data["text"],
                                      requested_on=self.cleaned_data["requested_on"],
                                      expected_status=self.expected())


class ReviewAnswerForm(StepForm):
    step, kind = Step.ANSWER_REVIEW, ReviewKind.REVIEW
    text = _note("复查（复核）意见", required=True)

    def run(self):
        return reviews.answer_review(self.petition, actor=self.user, kind=self.kind,
                                     text=self.cleaned_data["text"],
                                     expected_status=self.expected())


class RecheckRequestForm(ReviewRequestForm):
    step, kind = Step.REQUEST_RECHECK, ReviewKind.RECHECK


class RecheckAnswerForm(ReviewAnswerForm):
    step, kind = Step.ANSWER_RECHECK, ReviewKind.RECHECK



class ExtensionRequestForm(StepForm):
    step = Step.REQUEST_EXTENSION
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    reason = _note("延期理由（将告知信访人）", required=True)

    def run(self):
        return extensions.request_extension(self.petition, actor=self.user,
                                            days=self.cleaned_data["days"],
                                            reason=self.cleaned_data["reason"],
                                            expected_status=self.expected())


class ExtensionDecisionForm(StepForm):
    approve = True
    note = _note("审批意见")

    def run(self):
        return extensions.decide_extension(self.petition, actor=self.user,
                                           approve=self.approve, note=self.cleaned_data["note"],
                                           expected_status=self.expected())


class ApproveExtensionForm(ExtensionDecisionForm):
    step, approve = Step.APPROVE_EXTENSION, True


class RejectExtensionForm(ExtensionDecisionForm):
    step, approve = Step.REJECT_EXTENSION, False


class LinkRepeatForm(StepForm):
    step, LABEL = "repeat_link", "认定为重复信访"
    earlier = forms.CharField(label="更早的信访件登记编号", max_length=20)
    note = _note()

    def clean_earlier(self):
        number = self.cleaned_data["earlier"].strip()
        found = visible_petitions(self.user).filter(registration_no=number).first()
        if found is None:
            raise forms.ValidationError("找不到该登记编号的信访件，或您无权查看。")
        return found

    def run(self):
        return repeats.link_repeat(self.petition, self.cleaned_data["earlier"], actor=self.user,
                                   note=self.cleaned_data["note"])


class UnlinkRepeatForm(StepForm):
    step, LABEL = "repeat_unlink", "取消重复信访认定"
    reason = _note("理由", required=True)

    def run(self):
        return repeats.unlink_repeat(self.petition, actor=self.user,
                                     reason=self.cleaned_data["reason"])


class CategoryForm(StepForm):
    step, LABEL = "category", "调整事项类别"
    category = forms.ModelChoiceField(label="新的事项类别", empty_label="请选择",
                                      queryset=Category.objects.filter(is_active=True))
    reason = _note("调整理由", required=True)

    def run(self):
        return registration.change_category(self.petition, actor=self.user,
                                            category=self.cleaned_data["category"],
                                            reason=self.cleaned_data["reason"])


STEP_FORMS = {form.step: form for form in (
    AcceptForm, RefuseForm, AssignForm, StartForm, ReplyForm, EvaluateForm, CloseForm,
    ReviewRequestForm, ReviewAnswerForm, RecheckRequestForm, RecheckAnswerForm,
    ExtensionRequestForm, ApproveExtensionForm, RejectExtensionForm)}
# Acts on the petition's record that are not status changes: the petition office's.
OFFICE_FORMS = {form.step: form for form in (LinkRepeatForm, UnlinkRepeatForm, CategoryForm)}
# 不予受理 and 办结 end the petition's handling: they are confirmed on a second page.
CONFIRM_FIRST = {Step.REFUSE, Step.CLOSE}
