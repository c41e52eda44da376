"""The installed ``taizhang`` command, end to end, on a database of its own."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

TAIZHANG = Path(sys.executable).with_name("taizhang")


@pytest.fixture
def run(tmp_path):
    database = tmp_path / "cli.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "TAIZHANG_ENV": "development"}

    def run(*args, check=True):
        result = subprocess.run([TAIZHANG, *args], env=env, capture_output=True, text=True,
                                timeout=300)
        if check:
            assert result.returncode == 0, result.stderr
        return result

    run.database = database
    return run


def test_demo_token_and_audit_verify(run):
    run("migrate", "--noinput", "-v0")
    first = run("demo")
    assert "示范区" in first.stdout
    second = run("demo")
    assert "没有变化" in second.stdout

    token = run("token", "duchashi").stdout.rstrip("\n").split("\n")[-1]
    assert token.startswith("tz_") and " " not in token

    assert run("audit", "verify").returncode == 0
    with sqlite3.connect(run.database) as db:
        db.execute("UPDATE org_auditentry SET actor_name = 'mallory' WHERE seq = 2")
    broken = run("audit", "verify", check=False)
    assert broken.returncode != 0
    assert "第 2 条" in broken.stderr
