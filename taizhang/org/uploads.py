"""The one rule for files people upload (ledger attachments, online applications)."""

from pathlib import PurePath

from django.conf import settings


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


def original_name(upload):
    # Only the last part of what the browser sent: the name is shown, never used as a path.
    return PurePath(upload.name).name[:200]
