"""Shapes a Hero description may take that the generator must handle, or refuse by name.

Each test makes one change to a copy of openapi.yaml, regenerates the SDK from it with the
command `make generate` runs (the `_generate` helper of test_additive_release.py), and calls
the new operation through `HeroHealth` against FakeHero reading the same copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.spec_update.test_additive_release import ROOT, _generate, _run_with_package


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _call(tmp_path: Path, calls: str) -> list[str]:
    """What `calls` (statements on `hero`, one a line) print, then each request FakeHero saw
    as `operation path`, run against the package regenerated into tmp_path."""
    body = "".join(f"        {line}\n" for line in calls.strip().splitlines())
    script = f"""
import asyncio
from herohealth import HeroHealth
from herohealth.testing import FakeHero

fake = FakeHero(spec={str(tmp_path / "openapi.yaml")!r})

async def main() -> None:
    async with HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                          base_url=fake.base_url, http_client=fake.client()) as hero:
{body}
    for request in fake.requests:
        print(request.operation, request.path, sorted(request.query.items()))

asyncio.run(main())
"""
    return _run_with_package(tmp_path, script, lines=True)


def test_a_path_parameter_named_like_a_keyword_is_sent_by_its_own_name(tmp_path: Path) -> None:
    # openapi-python-client names the arguments `class_` and `self_`, and rewrites its copy of
    # the path to match: the SDK still finds the operation in openapi.yaml, and sends the path
    # openapi.yaml declares.
    get = {"operationId": "getThing", "tags": ["Things"],
           "parameters": [_path("class"), _path("self")],
           "responses": {"204": {"description": "Done"}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        spec["paths"]["/v1/things/{class}/{self}"] = {"get": get}

    result, out = _generate(tmp_path, change, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    text = (out / "resources" / "things.py").read_text()
    assert 'path="/v1/things/{class}/{self}",' in text
    assert "        class_: str,\n        self_: str,\n" in text
    assert _call(
        tmp_path,
        """
print(await hero.things.get_thing("a", "7"))
print((await hero.things.with_raw_response.get_thing(class_="b", self_="8")).status_code)
""",
    ) == ["None", "204", "getThing /v1/things/a/7 []", "getThing /v1/things/b/8 []"]
