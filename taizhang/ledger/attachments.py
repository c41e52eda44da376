"""Files attached to items: checked for size and kind, stored under a random name."""

import secrets
from pathlib import PurePath

from django.conf import settings

from .models import Attachment


def check_upload(upload):
    """The reason ``upload`` is refused, or None when it is acceptable."""
    suffix = PurePath(upload.name).suffix.lower()
    allowed = settings.TAIZHANG_UPLOAD_EXTENSIONS
    if suffix not in allowed:
        return f"“{upload.name}”的文件类型不支持；可上传 {'、'.join(s[1:] for s in allowed)}。"
    if upload.size > settings.TAIZHANG_UPLOAD_MAX_BYTES:
        limit = settings.TAIZHANG_UPLOAD_MAX_BYTES // (1024 * 1024)
        return f"“{upload.name}”超过 {limit} MB，请压缩后再上传。"
    if upload.size == 0:
        return f"“{upload.name}”是空文件。"
    return None


def store_attachments(item, files, actor, purpose, report=None):
    from .rules import Invalid

    for upload in files:
        problem = check_upload(upload)
        if problem:
            raise Invalid(problem, field="files")
    return [
        Attachment.objects.create(
            item=item, report=report, token=secrets.token_hex(16), file=upload,
            name=PurePath(upload.name).name[:200], size=upload.size,
            content_type=(getattr(upload, "content_type", "") or "application/octet-stream")[:100],
            purpose=purpose, uploaded_by=actor,
        )
        for upload in files
    ]
