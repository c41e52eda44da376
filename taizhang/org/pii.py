"""Personal data: encryption at rest (SM4-GCM), keyed search hash (HMAC-SM3), validation, masking.

Ciphertexts are text of the form ``<key id>$<base64(nonce | ciphertext | tag)>`` so that
several keys can coexist while they are rotated (see docs/personal-data.md).
"""

import base64
import os
import re
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from stdnum.cn import ric, uscc

NONCE_BYTES = 12
TAG_BYTES = 16
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


class DecryptionError(Exception):
    pass


@lru_cache(maxsize=4)
def _keyring(spec: str) -> tuple[tuple[str, bytes], ...]:
    ring = []
    for part in spec.split(","):
        key_id, sep, encoded = part.strip().partition(":")
        if not sep or not key_id or "$" in key_id:
            raise ImproperlyConfigured("TAIZHANG_PII_KEYS must look like 'id:base64key,...'.")
        key = base64.b64decode(encoded)
        if len(key) != 16:
            raise ImproperlyConfigured(
                f"PII key '{key_id}' must be 16 bytes (SM4), base64-encoded."
            )
        ring.append((key_id, key))
    return tuple(ring)


def keyring():
    return _keyring(settings.PII_KEYS)


def encrypt(plaintext: str) -> str:
    key_id, key = keyring()[0]
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return f"{key_id}${base64.b64encode(nonce + body + encryptor.tag).decode()}"


def decrypt(token: str) -> str:
    key_id, _, encoded = token.partition("$")
    keys = dict(keyring())
    if key_id not in keys:
        raise DecryptionError(f"unknown personal-data key '{key_id}'")
    raw = base64.b64decode(encoded)
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(keys[key_id]), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as exc:
        raise DecryptionError("personal data does not match its key") from exc


def key_id_of(token: str) -> str:
    return token.partition("$")[0]


def blind_index(value: str) -> str:
    """Keyed hash of a normalised value: equal values match, the value cannot be read back."""
    mac = hmac.HMAC(settings.PII_INDEX_KEY.encode(), hashes.SM3())
    mac.update(value.encode())
    return mac.finalize().hex()


def normalize_id_number(value: str) -> str:
    return value.strip().replace(" ", "").upper()


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s-]", "", value.strip()).removeprefix("+86")


def validate_id_number(value: str) -> str:
    """Resident ID number per GB 11643: what ``stdnum.cn.ric.validate`` checks (length, digits,
    checksum, birth date, and a place of birth that existed in the year of birth), with the
    place looked up once per place and year — the lookup is most of the cost, and a centre
    taking in a thousand applications sees the same few places again and again."""
    value = normalize_id_number(value)
    try:
        if len(value) != 18 or not value[:-1].isdigit() or value[-1] != ric.calc_check_digit(
                value):
            raise ValueError(value)
        if not _birth_place_known(value[:6], ric.get_birth_date(value).year):
            raise ValueError(value)
    except Exception as exc:
        raise ValidationError("身份证号码无效：请检查位数、出生日期和最后一位校验码。") from exc
    return value


@lru_cache(maxsize=4096)
def _birth_place_known(place: str, year: int) -> bool:
    try:
        ric.get_birth_place(f"{place}{year:04d}01010000")  # only the place and year are read
    except Exception:
        return False
    return True


def validate_mobile(value: str) -> str:
    value = normalize_phone(value)
    if not MOBILE_RE.match(value):
        raise ValidationError("手机号码无效：应为以 1 开头的 11 位数字。")
    return value


def validate_credit_code(value: str) -> str:
    """Unified social credit code of an enterprise (GB 32100)."""
    try:
        return uscc.validate(value.strip().upper())
    except Exception as exc:
        raise ValidationError("统一社会信用代码无效：应为 18 位，并通过校验。") from exc


def mask_id_number(value: str) -> str:
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(name: str) -> str:
    """王秀英 → 王**: enough for the person to recognise, not enough to identify them."""
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else "*"


def mask_address(address: str) -> str:
    """河阳示范区东城街道滨河路12号… → 河阳示范区东城街****: the area, not the door."""
    return address[:min(len(address) // 2, 8)] + "****" if address else ""
