"""A small JSON client for the ledger API tests, signed in with a user's token."""

from datetime import datetime
from zoneinfo import ZoneInfo

from taizhang.org.tokens import create_token

# The tests' fixed "now": a Tuesday morning in Beijing.
NOW = datetime(2026, 9, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class Api:
    def __init__(self, client, user):
        self.client = client
        self.user = user
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user)[1]}"}

    def _headers(self, key):
        return {**self.headers, **({"HTTP_IDEMPOTENCY_KEY": key} if key else {})}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path, data=None, key=None):
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json",
                                **self._headers(key))

    def patch(self, path, data, key=None):
        return self.client.patch(f"/api/v1{path}", data, content_type="application/json",
                                 **self._headers(key))

    def upload(self, path, data, key=None):
        """A multipart/form-data POST (``data`` may hold files)."""
        return self.client.post(f"/api/v1{path}", data, **self._headers(key))


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def refused(response, status):
    assert response.status_code == status, response.content.decode()
    return response.json()["message"]
