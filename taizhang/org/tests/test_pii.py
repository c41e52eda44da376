import base64

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from taizhang.org import pii
from taizhang.org.models import Person
from taizhang.org.tests.factories import PersonFactory

VALID_ID = "11010519491231002X"
OLD_KEY = "old:" + base64.b64encode(b"0123456789abcdef").decode()
NEW_KEY = "new:" + base64.b64encode(b"fedcba9876543210").decode()


def stored_phone(person):
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM org_person WHERE id = %s", [person.pk])
        return cursor.fetchone()[0]


def test_round_trip_uses_a_fresh_nonce():
    a, b = pii.encrypt("13812345678"), pii.encrypt("13812345678")
    assert a != b
    assert pii.decrypt(a) == pii.decrypt(b) == "13812345678"


def test_tampered_ciphertext_is_rejected():
    token = pii.encrypt("13812345678")
    key_id, _, body = token.partition("$")
    raw = bytearray(base64.b64decode(body))
    raw[15] ^= 1
    with pytest.raises(pii.DecryptionError):
        pii.decrypt(f"{key_id}${base64.b64encode(bytes(raw)).decode()}")


@pytest.mark.django_db
def test_phone_is_encrypted_at_rest_and_found_by_exact_value():
    person = PersonFactory(phone="13812345678")
    assert "13812345678" not in stored_phone(person)
    assert Person.objects.get(pk=person.pk).phone == "13812345678"
    assert list(Person.objects.with_phone("138 1234 5678")) == [person]
    assert not Person.objects.with_phone("13812345679").exists()


@pytest.mark.django_db
def test_key_rotation(settings, capsys):
    settings.PII_KEYS = OLD_KEY
    person = PersonFactory(phone="13812345678")
    assert stored_phone(person).startswith("old$")
    settings.PII_KEYS = f"{NEW_KEY},{OLD_KEY}"
    assert Person.objects.get(pk=person.pk).phone == "13812345678"  # old key still decrypts
    call_command("pii", "rotate")
    assert stored_phone(person).startswith("new$")
    assert "1 条记录改用当前密钥" in capsys.readouterr().out
    settings.PII_KEYS = NEW_KEY
    assert Person.objects.get(pk=person.pk).phone == "13812345678"


def test_masking():
    assert pii.mask_id_number("410823199001011234") == "4108**********1234"
    assert pii.mask_phone("13856785678") == "138****5678"
    assert pii.mask_phone("123") == "***"


def test_id_number_checksum():
    assert pii.validate_id_number(" 11010519491231002x ") == VALID_ID
    for bad in ["110105194912310021", "11010519491331002X", "1101051949123100"]:
        with pytest.raises(ValidationError, match="身份证号码无效"):
            pii.validate_id_number(bad)


def test_mobile_number_format():
    assert pii.validate_mobile("+86 138-1234-5678") == "13812345678"
    for bad in ["12812345678", "1381234567", "abc"]:
        with pytest.raises(ValidationError, match="手机号码无效"):
            pii.validate_mobile(bad)


def test_unified_social_credit_code():
    assert pii.validate_credit_code("91110108551385082q") == "91110108551385082Q"
    with pytest.raises(ValidationError, match="统一社会信用代码无效"):
        pii.validate_credit_code("91110108551385082A")


def test_names_and_addresses_are_masked_to_the_surname_and_the_area():
    assert pii.mask_name("王秀英") == "王**"
    assert pii.mask_name("王") == "*"
    assert pii.mask_address("河阳示范区东城街道滨河路12号3单元") == "河阳示范区东城街****"
    assert pii.mask_address("") == ""
