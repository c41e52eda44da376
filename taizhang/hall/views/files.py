"""Staff downloads of the materials citizens uploaded with an online application.

A file is sent only to someone who may see its application (``visible_applications``; 404
otherwise, like a file that does not exist), always as a download under the citizen's file
name made safe, with a type taken from its (allowed) extension rather than from the browser
that uploaded it. Files are never served from MEDIA directly.
"""

import mimetypes
import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..models import ApplicationFile
from ..queries import visible_applications

# Control characters and path separators have no place in a name offered to a file manager.
UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_filename(name):
    cleaned = UNSAFE.sub("_", name).strip(" .")
    return cleaned[:150] or "申请材料"


@never_cache
@login_required
@require_safe
def download(request, pk, file_pk):
    stored = get_object_or_404(
        ApplicationFile.objects.filter(application__in=visible_applications(request.user)),
        pk=file_pk, application_id=pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404("材料文件已不在服务器上，请联系系统管理员。") from None
    name = safe_filename(stored.name)
    # Always a download, never shown inline: an uploaded page must not run in our origin.
    return FileResponse(handle, as_attachment=True, filename=name,
                        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


urlpatterns = [
    path("applications/<int:pk>/files/<int:file_pk>/", download, name="application_file"),
]
