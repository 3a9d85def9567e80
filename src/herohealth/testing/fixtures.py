"""pytest fixtures for testing your service against FakeHero.

Load them in your `conftest.py`:

```python
pytest_plugins = ["herohealth.testing.fixtures"]
```

then ask for `fake_hero` (a fresh, empty `FakeHero`) and `hero` (a `HeroHealth` client
connected to it in process, closed after the test):

```python
async def test_lookup(fake_hero: FakeHero, hero: HeroHealth) -> None:
    patient_id = fake_hero.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    assert (await hero.patients.get(patient_id)).first_name == "Ada"
```

Override either fixture in your own conftest to change it (another spec, seeded data,
retries off). `hero` is an async fixture: it needs pytest-asyncio. At teardown `fake_hero`
raises what a handler the test plugged in answered off spec (`FakeHero.check_answers`); an
override gets the same with `with FakeHero(...) as fake: yield fake`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from herohealth import HeroHealth
from herohealth.testing._fake import FakeHero

__all__ = ["fake_hero", "hero"]


@pytest.fixture
def fake_hero() -> Iterator[FakeHero]:
    """A fresh, empty FakeHero: one practice group, `fake_hero.practice_group_id`.

    At teardown it raises what a plugged handler answered off spec (`check_answers`).
    """
    with FakeHero() as fake:
        yield fake


@pytest_asyncio.fixture
async def hero(fake_hero: FakeHero) -> AsyncIterator[HeroHealth]:
    """A HeroHealth client that calls `fake_hero` in process (no port, no network)."""
    async with HeroHealth(
        api_key=fake_hero.api_key,
        practice_group_id=fake_hero.practice_group_id,
        base_url=fake_hero.base_url,
        http_client=fake_hero.client(),
    ) as client:
        yield client
