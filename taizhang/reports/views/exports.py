"""A report as a file: .docx in the official-document format, .xlsx with its tables, PDF."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.http import content_disposition_header

from ..document import document
from ..writers.excel import report_xlsx
from ..writers.pdf import report_pdf
from ..writers.word import report_docx
from .reports import readable

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda doc: report_docx(doc, fonts=settings.TAIZHANG_REPORT_FONTS)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report_xlsx),
    "pdf": ("application/pdf", report_pdf),
}


def export_file(report, fmt):
    """(bytes, content type, file name) of ``report`` as ``fmt``."""
    content_type, write = FORMATS[fmt]
    doc = document(report)
    name = f"{report.number or '草稿'} {report.title}.{fmt}"
    return write(doc), content_type, name


@login_required
def export(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("不支持该文件格式。")
    data, content_type, name = export_file(readable(request, pk), fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


urlpatterns = [
    path("<int:pk>/report.<str:fmt>", export, name="export"),
]
