"""Forms of the window staff's pages. They check the shape of the input; ``applications``
decides the rest and names the field it refuses."""

from django import forms
from django.db.models import Q

from ..org.constants import Role
from ..org.membership import users_acting_for
from ..org.models import Person
from .applications import REASON_REQUIRED
from .constants import Mode, Status, Step
from .models import Centre, Matter


def clerk_centres(user):
    """The centres a clerk works at: those whose unit they act for."""
    person = getattr(user, "person", None)
    if person is None or not person.is_active or Role.CLERK not in user.roles:
        return Centre.objects.none()
    units = Q(unit_id=person.unit_id) | Q(unit__in=person.role_grants.values("unit_id"))
    return Centre.objects.filter(units)


class FilterForm(forms.Form):
    centre = forms.ModelChoiceField(label="服务中心", required=False, queryset=None,
                                    empty_label="全部")
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"),
                                                                      *Status.choices])
    matter = forms.CharField(label="事项", required=False, widget=forms.TextInput(
        attrs={"type": "search", "placeholder": "事项名称或编码"}))
    receipt_no = forms.CharField(label="受理编号", required=False, max_length=20)

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres

    def apply(self, applications):
        if not self.is_valid():
            return applications
        data = self.cleaned_data
        if data["centre"]:
            applications = applications.filter(centre=data["centre"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if text := data["matter"].strip():
            applications = applications.filter(Q(version__name__icontains=text)
                                               | Q(version__matter__code__icontains=text))
        if number := data["receipt_no"].strip():
            applications = applications.filter(receipt_no__startswith=number)
        return applications


class MatterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, matter):
        version = matter.current
        modes = "、".join(Mode(m).label for m in version.modes)
        days = "即办" if version.time_limit == 0 else f"{version.time_limit}个工作日"
        return f"{version.name}（{modes}；{days}）"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.name}（{person.unit.name}）"


class IntakeForm(forms.Form):
    """窗口受理. Choosing a centre, then a matter, narrows what the next field offers."""

    centre = forms.ModelChoiceField(label="服务中心", queryset=None)
    matter = MatterChoiceField(label="办理事项", queryset=None)
    mode = forms.ChoiceField(label="办理方式", choices=Mode.choices, error_messages={
        "invalid_choice": "所选事项没有这种办理方式，请按事项名称后括号内所列选择。"})
    applicant_name = forms.CharField(label="申请人姓名", max_length=60)
    id_number = forms.CharField(label="身份证号码", max_length=18)
    phone = forms.CharField(label="联系电话", max_length=20)
    staff = StaffChoiceField(label="代办/陪办人员", queryset=None, required=False,
                             help_text="代办、陪办须登记办理的工作人员。")
    address = forms.CharField(label="上门地址", max_length=200, required=False,
                              help_text="上门办理须填写。")
    appointment_at = forms.DateTimeField(
        label="预约上门时间", required=False, help_text="上门办理须填写。",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "请输入有效的日期和时间，如 2026-09-24 09:00。"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = clerk_centres(user)
        self.fields["centre"].queryset = centres
        centre = self._chosen("centre", centres)
        here = [centre] if centre else centres
        matters = (Matter.objects.filter(is_active=True, current__isnull=False, centres__in=here)
                   .distinct().select_related("current").order_by("code"))
        self.fields["matter"].queryset = matters
        matter = self._chosen("matter", matters)
        if matter:
            self.fields["mode"].choices = [(m, Mode(m).label) for m in matter.current.modes]
        self.fields["staff"].queryset = (
            Person.objects.filter(is_active=True, service_windows__centre__in=here)
            .distinct().select_related("unit").order_by("name"))

    def _chosen(self, name, queryset):
        value = (self.data if self.is_bound else self.initial).get(name)
        if not value:
            return None
        try:
            return queryset.filter(pk=getattr(value, "pk", value)).first()
        except (TypeError, ValueError):
            return None

    def applicant(self):
        data = self.cleaned_data
        return {"name": data["applicant_name"], "id_number": data["id_number"],
                "phone": data["phone"], "address": data["address"],
                "appointment_at": data["appointment_at"]}


def department_users(department):
    """Users who act for ``department``: handlers an application can be given to."""
    return users_acting_for(department).select_related("person").order_by("person__name")


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.person.name


REASON_LABELS = {
    Step.REFUSE: "不予受理理由",
    Step.DENY: "不予许可理由和依据",
    Step.REQUEST_SUPPLEMENT: "需补正的全部材料",
    Step.WITHDRAW: "撤回原因",
}


class StepForm(forms.Form):
    """One step on an application; it carries the status the person saw, so a step taken on
    a stale page is refused with a conflict instead of happening twice."""

    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)

    def __init__(self, *args, step, application, user, **kwargs):
        super().__init__(*args, prefix=step, **kwargs)
        self.step, self.label = step, Step(step).label
        if step in REASON_REQUIRED:
            self.fields["reason"] = forms.CharField(
                label=REASON_LABELS[step], widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": REASON_REQUIRED[step]})
        if step == Step.ACCEPT and application.mode in (Mode.PROXY, Mode.ACCOMPANY):
            centre = [application.centre] if application.centre_id else clerk_centres(user)
            self.fields["staff"] = StaffChoiceField(
                label=f"{application.get_mode_display()}人员", error_messages={
                    "required": f"{application.get_mode_display()}须登记办理的工作人员。"},
                queryset=Person.objects.filter(is_active=True,
                                               service_windows__centre__in=centre)
                .distinct().select_related("unit").order_by("name"))
        if step == Step.ASSIGN:
            self.fields["handler"] = HandlerChoiceField(
                label="承办人", queryset=department_users(application.department_id),
                error_messages={"required": "请选择承办人。"})


def step_form(step, application, user, data=None):
    return StepForm(data, initial={"expected_status": application.status}, step=step,
                    application=application, user=user)
