"""Attachment downloads: only to people who may see the item, always as a download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.ledger import rules


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def attachment(world):
    item = rules.assign_item(world.item, actor=world.supervisor)
    page = SimpleUploadedFile("验收<报告>.txt", "验收合格".encode(), content_type="text/html")
    report = rules.report_progress(item, actor=world.west_staff, text="见附件", files=[page])
    return report.attachments.get()


def download(client, attachment):
    return client.get(reverse("ledger:attachment", args=[attachment.pk]))


def test_streams_the_file_as_a_download(client, world, attachment):
    for user in (world.west_staff, world.supervisor, world.leader):
        client.force_login(user)
        response = download(client, attachment)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == "验收合格".encode()
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_not_for_those_who_cannot_see_the_item(client, world, attachment):
    client.force_login(world.east_staff)
    assert download(client, attachment).status_code == 404
    client.logout()
    response = download(client, attachment)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_stored_under_a_random_name_and_not_served_from_media(client, world, attachment):
    assert "验收" not in attachment.file.name and attachment.token in attachment.file.name
    client.force_login(world.supervisor)
    for prefix in ("/media/", "/var/media/", "/"):
        assert client.get(f"{prefix}{attachment.file.name}").status_code == 404


def test_missing_file_is_a_clear_404(client, world, attachment):
    attachment.file.delete(save=False)
    client.force_login(world.supervisor)
    assert download(client, attachment).status_code == 404
