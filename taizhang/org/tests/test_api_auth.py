import pytest
from django.core.management import call_command

from taizhang.org.constants import AuditAction
from taizhang.org.models import ApiToken, AuditEntry
from taizhang.org.tokens import create_token, revoke_token

pytestmark = pytest.mark.django_db


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_command_prints_token_alone_on_last_line(tree, client, capsys):
    call_command("token", "west_clerk", "--name", "报表脚本")
    last_line = capsys.readouterr().out.rstrip("\n").split("\n")[-1]
    assert last_line.startswith("tz_") and " " not in last_line
    response = client.get("/api/v1/me", **bearer(last_line))
    assert response.status_code == 200
    assert response.json()["username"] == "west_clerk"


def test_token_command_rejects_unknown_user(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="不存在"):
        call_command("token", "nobody")


def test_token_is_stored_hashed_and_audited(tree):
    token, raw = create_token(tree.west_clerk)
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.digest, stored.prefix) and raw.startswith(stored.prefix)
    assert AuditEntry.objects.filter(action=AuditAction.TOKEN, object_id=str(tree.west_clerk.pk))


@pytest.mark.parametrize("header", [
    None, "Bearer", "Bearer tz_wrong", "Basic dXNlcjpwYXNz", "Token tz_x",
])
def test_missing_or_bad_credentials_get_401_json(tree, client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/me", **extra)
    assert response.status_code == 401
    assert "令牌" in response.json()["message"]


def test_revoked_token_and_inactive_user_are_refused(tree, client):
    token, raw = create_token(tree.west_clerk)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 200
    revoke_token(token)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401
    _, raw2 = create_token(tree.east_clerk)
    tree.east_clerk.is_active = False
    tree.east_clerk.save()
    assert client.get("/api/v1/me", **bearer(raw2)).status_code == 401


def test_last_use_is_recorded(tree, client):
    token, raw = create_token(tree.west_clerk)
    client.get("/api/v1/me", **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None
