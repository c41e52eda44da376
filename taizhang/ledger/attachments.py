"""Files attached to items: checked for size and kind, stored under a random name."""

import secrets

from ..org.uploads import check_upload, original_name
from .models import Attachment


def store_attachments(item, files, actor, purpose, report=None):
    from .rules import Invalid

    for upload in files:
        problem = check_upload(upload)
        if problem:
            raise Invalid(problem, field="files")
    return [
        Attachment.objects.create(
            item=item, report=report, token=secrets.token_hex(16), file=upload,
            name=original_name(upload), size=upload.size,
            content_type=(getattr(upload, "content_type", "") or "application/octet-stream")[:100],
            purpose=purpose, uploaded_by=actor,
        )
        for upload in files
    ]
