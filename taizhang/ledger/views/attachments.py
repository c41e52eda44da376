"""Attachment downloads: the file is streamed only to someone who may see its item.

Uploaded files are never served from MEDIA directly; this view is the only way to them.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache

from ..models import Attachment
from ..queries import visible_items


@never_cache
@login_required
def download(request, pk):
    attachment = get_object_or_404(
        Attachment.objects.filter(item__in=visible_items(request.user)), pk=pk
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件已不在服务器上，请联系系统管理员。") from None
    # Always a download, never shown inline: an uploaded page must not run in our origin.
    return FileResponse(handle, as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type or "application/octet-stream")


urlpatterns = [
    path("attachments/<int:pk>/", download, name="attachment"),
]
