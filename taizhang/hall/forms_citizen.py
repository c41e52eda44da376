"""Forms of the citizens' pages (no account): the online application and the rating.

They check the shape of what a citizen typed and say what is wrong next to the field, in
Chinese; ``applications`` and ``feedback`` decide the rest. Uploads are judged by the one
upload rule (``org.uploads``), the same that ``submit_online`` applies again.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..org import pii
from ..org.uploads import check_upload
from .constants import BAD_GRADES, Grade, MaterialForm, Mode

# What each handling mode means to a citizen applying online.
MODE_HELP = {
    Mode.INSTANT: "即办：窗口审核受理时当场办结",
    Mode.PROXY: "代办：由窗口工作人员代您办理，受理时确定代办人员",
    Mode.ACCOMPANY: "陪办：工作人员陪同您到各环节办理",
    Mode.DOORSTEP: "上门办理：工作人员按预约时间上门，须填写地址和时间",
}


def upload_limits():
    """The limits as a citizen reads them, next to the file inputs."""
    megabytes = settings.TAIZHANG_UPLOAD_MAX_BYTES // (1024 * 1024)
    kinds = "、".join(suffix[1:] for suffix in settings.TAIZHANG_UPLOAD_EXTENSIONS)
    return (f"每个文件不超过 {megabytes} MB，可上传 {kinds} 格式；"
            f"全部材料合计最多 {settings.TAIZHANG_HALL_MAX_FILES} 个文件。")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MaterialFileField(forms.FileField):
    """One material's electronic copies: none, one or several files (a page per photo)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data])
                   if upload]
        problems = [problem for upload in uploads if (problem := check_upload(upload))]
        if problems:
            raise ValidationError(problems)
        return uploads


class ApplyForm(forms.Form):
    """网上申请 for one matter version: where, how, who, and one file input per material."""

    centre = forms.ModelChoiceField(label="办理的服务中心", queryset=None, empty_label=None,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": "请选择办理的服务中心。"})
    mode = forms.ChoiceField(label="办理方式", widget=forms.RadioSelect,
                             error_messages={"required": "请选择办理方式。",
                                             "invalid_choice": "请从所列办理方式中选择。"})
    applicant_name = forms.CharField(label="申请人姓名", max_length=60,
                                     error_messages={"required": "请填写申请人姓名。"})
    id_number = forms.CharField(
        label="身份证号码", max_length=18, help_text="18 位居民身份证号码，末位可以是 X。",
        error_messages={"required": "请填写身份证号码。",
                        "max_length": "身份证号码应为 18 位。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "data-id-number": "", "pattern": "[0-9]{17}[0-9Xx]",
                                      "title": "18 位身份证号码"}))
    phone = forms.CharField(
        label="手机号码", max_length=20,
        help_text="用于接收办理通知；查询办理进度时需要输入它的后四位。",
        error_messages={"required": "请填写手机号码。"},
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric",
                                      "autocomplete": "tel"}))
    address = forms.CharField(label="上门地址", max_length=200, required=False,
                              help_text="选择上门办理时填写，写到门牌号。")
    appointment_at = forms.DateTimeField(
        label="预约上门时间", required=False, help_text="选择上门办理时填写，工作日办公时间内。",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "请输入有效的日期和时间，如 2026-09-24 09:00。"})

    def __init__(self, *args, version, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        offered = list(centres)
        if offered:
            self.fields["centre"].queryset = centres
            if len(offered) == 1:
                self.fields["centre"].initial = offered[0].pk
        else:  # a matter no centre offers goes to its department directly
            del self.fields["centre"]
        self.fields["mode"].choices = [(mode, MODE_HELP[mode]) for mode in version.modes]
        if len(version.modes) == 1:
            self.fields["mode"].initial = version.modes[0]
        if Mode.DOORSTEP not in version.modes:
            del self.fields["address"], self.fields["appointment_at"]
        accept = ",".join(settings.TAIZHANG_UPLOAD_EXTENSIONS)
        self.materials = []
        for number, material in enumerate(version.materials):
            name = f"material_{number}"
            about = f"{MaterialForm(material['form']).label} {material['copies']} 份"
            if material.get("note"):
                about += f"；{material['note']}"
            self.fields[name] = MaterialFileField(
                label=material["name"], required=False, help_text=about,
                widget=MultipleFileInput(attrs={"accept": accept}))
            self.materials.append((name, material["name"]))

    def file_fields(self):
        return [self[name] for name, _ in self.materials]

    def detail_fields(self):
        return [self[name] for name in ("applicant_name", "id_number", "phone", "address",
                                        "appointment_at") if name in self.fields]

    def clean_id_number(self):
        try:
            return pii.validate_id_number(self.cleaned_data["id_number"])
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from None

    def clean_phone(self):
        return pii.validate_mobile(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if data.get("mode") == Mode.DOORSTEP:
            if not data.get("address", "").strip():
                self.add_error("address", "上门办理请填写上门地址。")
            appointment = data.get("appointment_at")
            if appointment is None and "appointment_at" not in self.errors:
                self.add_error("appointment_at", "上门办理请填写预约上门时间。")
            elif appointment is not None and appointment <= timezone.now():
                self.add_error("appointment_at", "预约时间应晚于现在。")
        count = sum(len(data.get(name) or []) for name, _ in self.materials)
        if count > settings.TAIZHANG_HALL_MAX_FILES:
            raise ValidationError(f"最多上传 {settings.TAIZHANG_HALL_MAX_FILES} 个文件，"
                                  f"您选择了 {count} 个，请合并或删减后再提交。")
        return data

    def chose_files(self):
        """Whether the citizen had chosen files: after an error they must choose them again."""
        return any(self.files.getlist(name) for name, _ in self.materials)

    def applicant(self):
        data = self.cleaned_data
        doorstep = data["mode"] == Mode.DOORSTEP
        return {"name": data["applicant_name"], "id_number": data["id_number"],
                "phone": data["phone"],
                "address": data.get("address", "").strip() if doorstep else "",
                "appointment_at": data.get("appointment_at") if doorstep else None}

    def uploads(self):
        """``(material name, upload)`` pairs, as ``submit_online`` takes them."""
        return [(material, upload) for name, material in self.materials
                for upload in self.cleaned_data.get(name, [])]


class RatingForm(forms.Form):
    """好差评: five levels; a bad one needs a reason, which becomes the rectification's goal."""

    grade = forms.TypedChoiceField(
        label="您对这次办理的评价", coerce=int, widget=forms.RadioSelect,
        choices=[(grade.value, grade.label) for grade in sorted(Grade, reverse=True)],
        error_messages={"required": "请选择评价等级。",
                        "invalid_choice": "请从“非常满意”至“非常不满意”中选择一项。"})
    comment = forms.CharField(
        label="意见和建议", required=False, max_length=2000,
        help_text="选择“不满意”或“非常不满意”时必须填写原因，我们将据此整改并回访您。",
        widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        data = super().clean()
        if data.get("grade") in BAD_GRADES and not data.get("comment", "").strip():
            self.add_error("comment", "请简要说明不满意的原因，我们将据此整改。")
        return data
