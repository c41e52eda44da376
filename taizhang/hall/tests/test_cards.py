"""Cadre contact cards (干部连心卡): made for a township one can see, numbers masked in the
preview, in full when printed, and every printed number recorded in the audit trail."""

import re

import pypdfium2
import pytest
from django.urls import reverse

from taizhang.documents import cjkfont
from taizhang.hall.documents.cards import PER_PAGE, card_set, spaced_phone
from taizhang.hall.models import Centre
from taizhang.org.constants import AuditAction, Role, UnitKind
from taizhang.org.demo import district
from taizhang.org.models import AuditEntry
from taizhang.org.tests.factories import PersonFactory, UnitFactory, make_user


@pytest.fixture(autouse=True)
def _shipped_font(monkeypatch, settings):
    settings.TAIZHANG_PDF_FONT = ""
    monkeypatch.setattr(cjkfont, "system_candidates", lambda family: [])
    cjkfont.clear_cache()
    yield
    cjkfont.clear_cache()


@pytest.fixture
def cadres(tree):
    """West township's cadres, one of its village's, and people who get no card."""
    Centre.objects.create(unit=tree.west, name="西河乡便民服务中心", address="西河乡政府院内",
                          phone="0371-68902303", opening_hours="周一至周五")
    office = UnitFactory(name="西河乡党政综合办公室", kind=UnitKind.DEPARTMENT, parent=tree.west)
    return {
        "head": PersonFactory(unit=tree.west, name="王乡长", title="乡长", sort_order=1,
                              phone="13800001111",
                              duties="主持乡政府全面工作；包联西河村"),
        "office": PersonFactory(unit=office, name="周主任", title="办公室主任",
                                phone="13800002222"),
        "village": PersonFactory(unit=tree.west_village, name="李支书",
                                 title="村党支部书记、村委会主任", phone="13800003333",
                                 duties="负责村便民代办点"),
        "no_phone": PersonFactory(unit=tree.west, name="赵干事", title="干事", sort_order=9,
                                  phone=""),
        "retired": PersonFactory(unit=tree.west, name="钱退休", phone="13800004444",
                                 is_active=False),
        "east": PersonFactory(unit=tree.east, name="孙东城", phone="13800005555"),
    }


def query(tree, **extra):
    return {"township": tree.west.pk, **extra}


def disclosures():
    return AuditEntry.objects.filter(action=AuditAction.PII_DISCLOSURE)


def test_the_pages_need_a_login(client, tree):
    for name in ("hall:cards", "hall:cards_print", "hall:cards_pdf"):
        response = client.get(reverse(name), query(tree))
        assert response.status_code == 302 and "/login" in response["Location"], name


def test_one_chooses_among_the_townships_one_can_see(client, tree):
    client.force_login(tree.west_clerk)
    choices = list(client.get(reverse("hall:cards")).context["form"].fields["township"].queryset)
    assert choices == [tree.west]
    client.force_login(tree.supervisor)
    choices = client.get(reverse("hall:cards")).context["form"].fields["township"].queryset
    assert set(choices) == {tree.east, tree.west}
    client.force_login(tree.west_grid_worker)
    html = client.get(reverse("hall:cards")).content.decode()
    assert "没有乡镇或街道" in html


def test_the_preview_masks_numbers_and_records_nothing(client, tree, cadres):
    client.force_login(tree.west_clerk)
    response = client.get(reverse("hall:cards"), query(tree))
    preview = response.context["preview"]
    clerk = tree.west_clerk.person.name  # the clerk is a cadre of the township too
    assert [card.name for card in preview.cards] == [clerk, "王乡长", "周主任"]
    assert preview.without_phone == ["赵干事"]
    html = response.content.decode()
    assert "138****1111" in html and "13800001111" not in html
    assert "主持乡政府全面工作；包联西河村" in html
    assert "未登记手机号码" in html and "赵干事" in html
    assert "钱退休" not in html and "孙东城" not in html
    assert not disclosures().exists()


def test_villages_join_when_asked(tree, cadres):
    cards = card_set(tree.west_clerk, tree.west, with_villages=True).cards
    assert [(card.name, card.unit) for card in cards] == [
        (tree.west_clerk.person.name, "西河乡"), ("王乡长", "西河乡"),
        ("周主任", "西河乡党政综合办公室"), ("李支书", "西河乡西河村")]
    # The grid worker under the village is no cadre of the village.
    assert tree.west_grid_worker.person.name not in {card.name for card in cards}


def test_the_print_page_shows_numbers_in_full_and_audits_each(client, tree, cadres):
    client.force_login(tree.west_clerk)
    response = client.get(reverse("hall:cards_print"), query(tree, villages="on"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    for number in ("138 0000 1111", "138 0000 2222", "138 0000 3333"):
        assert number in html
    assert "西河乡便民服务中心 0371-68902303" in html
    assert 'class="card-sheet"' in html and "hall/cards.css" in html
    entries = list(disclosures().order_by("seq"))
    people = [tree.west_clerk.person, *(cadres[key] for key in ("head", "office", "village"))]
    assert [(e.actor_id, e.object_type, e.object_id) for e in entries] == [
        (tree.west_clerk.pk, "org.person", str(person.pk)) for person in people]
    assert entries[0].detail == {"field": "phone", "purpose": "干部连心卡", "format": "html"}


def test_the_pdf_has_the_cards_and_is_audited(client, tree, cadres):
    client.force_login(tree.west_clerk)
    response = client.get(reverse("hall:cards_pdf"), query(tree))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    text = re.sub(r"\s+", "", "".join(
        page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(data)))
    for words in ("干部连心卡", "王乡长", "乡长", "主持乡政府全面工作", "13800001111",
                  "周主任", "西河乡便民服务中心0371-68902303"):
        assert words in text, words
    assert "李支书" not in text
    assert {e.detail["format"] for e in disclosures()} == {"pdf"}
    assert disclosures().count() == 3  # the clerk, 王乡长 and 周主任


def test_a_township_out_of_sight_is_not_found_and_discloses_nothing(client, tree, cadres):
    client.force_login(tree.east_clerk)
    for name in ("hall:cards_print", "hall:cards_pdf"):
        assert client.get(reverse(name), query(tree)).status_code == 404
    assert client.get(reverse("hall:cards_print"), {"township": "x"}).status_code == 404
    # A village is not a township, even one the user can see.
    client.force_login(tree.supervisor)
    response = client.get(reverse("hall:cards_print"), {"township": tree.west_village.pk})
    assert response.status_code == 404
    assert not disclosures().exists()


def test_cards_are_laid_out_eight_to_a_page(tree):
    for n in range(PER_PAGE + 1):
        PersonFactory(unit=tree.west, phone=f"1390000{n:04d}")
    sheets = card_set(tree.supervisor, tree.west).sheets
    assert [len(sheet) for sheet in sheets] == [PER_PAGE, 2]  # the clerk has a card too


def test_phones_are_grouped_as_read_out():
    assert spaced_phone("13912345678") == "139 1234 5678"
    assert spaced_phone("0371-68901000") == "0371-68901000"


def test_the_demo_township_cadres_have_duties():
    plan = district.plan()
    townships = {t["name"] for t in district.TOWNSHIPS}
    cadres = [p for p in plan.people if p.unit_key.split("/")[-1] in townships]
    assert cadres and all(p.duties for p in cadres)
    assert all("包联" in p.duties for p in cadres)
    kinds = {unit.key: unit.kind for unit in plan.units}
    places = [p for p in plan.people
              if kinds[p.unit_key] in (UnitKind.VILLAGE, UnitKind.COMMUNITY)]
    assert places and all(p.duties for p in places)
    assert len({p.duties for p in cadres}) > 20  # each cadre 包联 their own villages


def test_a_clerk_of_another_role_can_still_make_cards_for_their_township(client, tree, cadres):
    worker = make_user(tree.west, Role.UNIT_STAFF, username="west_worker")
    client.force_login(worker)
    assert client.get(reverse("hall:cards_pdf"), query(tree)).status_code == 200
