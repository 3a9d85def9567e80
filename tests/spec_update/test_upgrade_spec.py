"""tools/upgrade_spec.py: an OpenAPI 3.0 description of Hero read as the 3.1 one it means.

Hero may publish its description as OpenAPI 3.0. The proof: openapi.yaml written as 3.0
would write it (`nullable: true`, 3.0's `allOf: [$ref]` for a nullable reference) comes
back as openapi.yaml, and the SDK regenerated from that 3.0 file gets the same argument
rules; FakeHero reads the upgraded file as it reads openapi.yaml.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from herohealth.testing import FakeHero
from tests.spec_update.additive_release import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import upgrade_spec  # tools/ is not a package

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
BIN = Path(sys.executable).parent


def as_openapi_30(node: Any) -> Any:
    """`node` as OpenAPI 3.0 says it: the inverse of the upgrade, for openapi.yaml's forms."""
    if isinstance(node, list):
        return [as_openapi_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_openapi_30(value) for key, value in node.items()}
    declared = node.get("type")
    if isinstance(declared, list) and "null" in declared:
        (node["type"],) = [name for name in declared if name != "null"]
        node["nullable"] = True
    choices = node.get("anyOf")
    if isinstance(choices, list) and {"type": "null"} in choices:
        (inner,) = [choice for choice in choices if choice != {"type": "null"}]
        del node["anyOf"]
        node.update(allOf=[inner], nullable=True)
    return node


def openapi_30() -> dict[str, Any]:
    document = as_openapi_30(copy.deepcopy(SPEC))
    document["openapi"] = "3.0.3"
    return document


def test_openapi_yaml_written_as_3_0_comes_back_as_it_is() -> None:
    document = openapi_30()
    assert "nullable: true" in yaml.safe_dump(document)  # the test's 3.0 is 3.0's

    assert upgrade_spec.upgrade(document) == {**SPEC, "openapi": "3.1.0"}


@pytest.mark.parametrize(
    ("schema", "upgraded"),
    [
        (
            {"type": "integer", "minimum": 0, "exclusiveMinimum": True},
            {"type": "integer", "exclusiveMinimum": 0},
        ),
        (
            {"type": "number", "maximum": 9, "exclusiveMaximum": False},
            {"type": "number", "maximum": 9},
        ),
        (
            {"type": "string", "enum": ["a", "b"], "nullable": True},
            {"type": ["string", "null"], "enum": ["a", "b", None]},
        ),
        (
            {"$ref": "#/components/schemas/Sex", "nullable": True, "description": "Their sex"},
            {
                "anyOf": [{"$ref": "#/components/schemas/Sex"}, {"type": "null"}],
                "description": "Their sex",
            },
        ),
        (
            {"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": True},
            {"anyOf": [{"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"type": "null"}]},
        ),
        ({"type": "string", "nullable": False}, {"type": "string"}),
    ],
)
def test_each_3_0_form_is_rewritten_as_3_1_says_it(
    schema: dict[str, Any], upgraded: dict[str, Any]
) -> None:
    document = {"openapi": "3.0.3", "components": {"schemas": {"S": schema}}}

    assert upgrade_spec.upgrade(document)["components"]["schemas"]["S"] == upgraded


def test_a_3_1_file_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_bytes((ROOT / "openapi.yaml").read_bytes())

    assert upgrade_spec.main([str(path)]) == 0
    assert path.read_bytes() == (ROOT / "openapi.yaml").read_bytes()  # comments and all


@pytest.mark.parametrize("content", ["{}", "swagger: '2.0'\n", "- a list\n", "key: [unclosed\n"])
def test_anything_but_openapi_3_is_refused_with_exit_2(tmp_path: Path, content: str) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(content)

    assert upgrade_spec.main([str(path)]) == 2
    assert path.read_text() == content


@pytest.fixture(scope="module")
def upgraded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("openapi-3.0") / "openapi.yaml"
    path.write_text(yaml.safe_dump(openapi_30(), sort_keys=False))
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [str(BIN / "python"), str(ROOT / "tools" / "upgrade_spec.py"), str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "rewritten from OpenAPI 3.0.3 as 3.1.0" in result.stdout
    return path


def test_the_sdk_regenerated_from_the_3_0_file_is_the_committed_one(upgraded_file: Path) -> None:
    out = upgraded_file.parent / "herohealth_openapi"
    result = subprocess.run(  # noqa: S603 - our own generator, fixed arguments
        [str(BIN / "python"), str(ROOT / "tools" / "generate.py"), "--spec", str(upgraded_file),
         "--sdk", str(ROOT / "sdk.yaml"), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The resource layer holds every argument's rule: the same as from openapi.yaml itself.
    committed = ROOT / "generated" / "herohealth_openapi" / "resources"
    for module in sorted(committed.glob("*.py")):
        assert (out / "resources" / module.name).read_text() == module.read_text(), module.name


async def test_fake_hero_reads_the_upgraded_file_and_keeps_a_null(upgraded_file: Path) -> None:
    fake = FakeHero(spec=upgraded_file)
    patient_id = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        response = await client.get(f"/v1/patients/{patient_id}")

    assert response.status_code == 200, response.text
    assert response.json()["title"] is None  # a nullable enum, as 3.0 wrote it


def _in_30_terms(node: Any) -> Any:
    """`node` with 3.1's file part (`contentMediaType`, FastAPI's) spelt as 3.0 does it."""
    if isinstance(node, list):
        return [_in_30_terms(item) for item in node]
    if not isinstance(node, dict):
        return node
    found = {key: _in_30_terms(value) for key, value in node.items()}
    if "contentMediaType" in found:  # an additive release's upload, not the shipped spec
        del found["contentMediaType"]
        found.setdefault("format", "binary")
    return found


def test_spec_diff_reads_a_3_0_description_as_the_3_1_it_means(tmp_path: Path) -> None:
    spec = _in_30_terms(SPEC)  # what 3.0 can say at all
    old, path = tmp_path / "old.yaml", tmp_path / "openapi.yaml"
    old.write_text(yaml.safe_dump(spec, sort_keys=False))
    path.write_text(yaml.safe_dump({**as_openapi_30(spec), "openapi": "3.0.3"}, sort_keys=False))
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [str(BIN / "python"), str(ROOT / "tools" / "spec_diff.py"), "--sdk",
         str(ROOT / "sdk.yaml"), str(old), str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Summary: 0 changes" in result.stdout  # no field "may now be null", none lost
