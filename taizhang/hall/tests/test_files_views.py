"""Staff downloads of the materials a citizen uploaded: only for those who may see the
application, always as an attachment, under a safe name, with a type from the extension."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.hall import applications as apps
from taizhang.hall.constants import Mode
from taizhang.hall.tests.test_applications import applicant
from taizhang.hall.views.files import safe_filename

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.7 a scanned identity card"


@pytest.fixture
def online(hall, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return apps.submit_online(
        hall["allowance"], mode=Mode.PROXY, applicant=applicant(), centre=hall["centre"],
        files=[("居民身份证", SimpleUploadedFile("身份证.pdf", SCAN, content_type="text/html")),
               ("居民身份证", SimpleUploadedFile('a"b<c>\r\n.txt', b"note",
                                                 content_type="text/plain"))])


def url(application, stored):
    return reverse("hall:application_file", args=[application.pk, stored.pk])


def test_someone_who_sees_the_application_downloads_it_as_an_attachment(client, tree, online):
    client.force_login(tree.east_clerk)
    stored = online.files.get(name="身份证.pdf")
    response = client.get(url(online, stored))
    assert response.status_code == 200 and b"".join(response.streaming_content) == SCAN
    # The type comes from the allowed extension, not from what the browser claimed.
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert quote("身份证.pdf") in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_name_the_citizen_chose_is_made_safe(client, tree, online):
    client.force_login(tree.east_clerk)
    stored = online.files.get(name__endswith=".txt")
    response = client.get(url(online, stored))
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="a_b_c___.txt"'
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(("name", "safe"), [
    ("户口簿.jpg", "户口簿.jpg"), ("..\\..\\etc/passwd", "_.._etc_passwd"),
    ("  .hidden.pdf. ", "hidden.pdf"), ("\x00", "_"), ("...", "申请材料"),
    ("长" * 300 + ".pdf", "长" * 150),
])
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_anyone_else_gets_404_like_a_file_that_does_not_exist(client, tree, hall, online):
    stored = online.files.first()
    anonymous = client.get(url(online, stored))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(tree.west_clerk)
    assert client.get(url(online, stored)).status_code == 404
    client.force_login(tree.east_clerk)
    other = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                               centre=hall["centre"])
    # A file asked for under another application, and a file that does not exist.
    assert client.get(url(other, stored)).status_code == 404
    assert client.get(reverse("hall:application_file",
                              args=[online.pk, stored.pk + 100])).status_code == 404


def test_a_file_gone_from_disk_is_404_with_a_reason(client, tree, online):
    client.force_login(tree.east_clerk)
    stored = online.files.first()
    stored.file.storage.delete(stored.file.name)
    response = client.get(url(online, stored))
    assert response.status_code == 404


def test_only_reading(client, tree, online):
    client.force_login(tree.east_clerk)
    stored = online.files.first()
    assert client.post(url(online, stored)).status_code == 405
    assert client.head(url(online, stored)).status_code == 200


def test_the_application_page_lists_the_files_with_their_links(client, tree, hall, online):
    client.force_login(tree.east_clerk)
    page = client.get(reverse("hall:application", args=[online.pk])).content.decode()
    assert "申请材料（网上提交）" in page and "身份证.pdf" in page
    for stored in online.files.all():
        assert url(online, stored) in page
    empty = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                               centre=hall["centre"])
    page = client.get(reverse("hall:application", args=[empty.pk])).content.decode()
    assert "申请人未上传材料电子件" in page
