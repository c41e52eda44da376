"""What the tables themselves guarantee."""

import pytest
from django.db import IntegrityError

from taizhang.petitions.constants import Channel
from taizhang.petitions.models import Petitioner
from taizhang.petitions.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def test_an_absent_id_number_or_phone_leaves_no_digest(world):
    petition = PetitionFactory(origin_unit=world.tree.west_village)
    bare = Petitioner.objects.create(petition=petition, name="无名氏")
    other = Petitioner.objects.create(petition=petition, name="无名氏")
    # Two empty digests must never match each other as "the same person".
    assert bare.id_digest is None and bare.name_phone_digest is None
    assert other.id_digest is None
    full = Petitioner.objects.create(petition=petition, name="张三",
                                     id_number="110101199003074477", phone="13800001111")
    assert len(full.id_digest) == 64 and full.name_phone_digest != full.id_digest


def test_only_an_accusation_names_anyone_accused(world):
    with pytest.raises(IntegrityError):
        PetitionFactory(origin_unit=world.tree.west_village, accused_name="某某")


def test_a_group_visit_and_the_case_of_a_petition(world):
    first = PetitionFactory(origin_unit=world.tree.west_village, head_count=5)
    letter = PetitionFactory(origin_unit=world.tree.west_village, head_count=5,
                             channel=Channel.LETTER, repeat_of=first)
    assert first.is_group_visit and not letter.is_group_visit
    assert (first.case_id, letter.case_id) == (first.pk, first.pk)
