"""`herohealth.testing.fixtures`, loaded as a user's conftest.py would load it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers import checkout_pythonpath

CONFTEST = 'pytest_plugins = ["herohealth.testing.fixtures"]\n'
TESTS = """
from herohealth import HeroHealth, NotFoundError
from herohealth.testing import FakeHero
import pytest


async def test_the_client_reaches_the_fake(fake_hero: FakeHero, hero: HeroHealth) -> None:
    patient_id = fake_hero.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    assert (await hero.patients.get(patient_id)).first_name == "Ada"
    assert [r.operation for r in fake_hero.requests] == ["get_patient"]


async def test_each_test_gets_a_fresh_fake(fake_hero: FakeHero, hero: HeroHealth) -> None:
    assert fake_hero.requests == []
    with pytest.raises(NotFoundError):
        await hero.patients.get("1")
"""


def test_the_fixtures_work_from_a_users_conftest(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_service.py").write_text(textwrap.dedent(TESTS))
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": checkout_pythonpath()},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
