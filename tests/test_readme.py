"""The README's example runs as written (against a mocked Hero, never a real host)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from pytest_httpx import HTTPXMock

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
STAGING = "https://api.staging.htech.app"
PATIENT = {
    "id": "1234", "dob": "1989-04-11T00:00:00Z", "first_name": "Ada", "last_name": "Lovelace",
    "data_source": "hero", "status": "unarchived", "identifiers": [], "ehr_registered": None,
}  # fmt: skip


def test_readme_example_runs(
    httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    example = re.search(r"## Using the SDK\n\n```python\n(.*?)```", README, re.S)
    assert example, "README has no example under 'Using the SDK'"
    monkeypatch.setenv("HERO_API_KEY", "test-key")
    monkeypatch.setenv("HERO_PRACTICE_GROUP_ID", "pg-1")
    httpx_mock.add_response(
        method="POST", url=f"{STAGING}/v1/patients/register", json={"patient_id": "1234"}
    )
    httpx_mock.add_response(url=f"{STAGING}/v1/patients/1234", json=PATIENT)
    httpx_mock.add_response(
        url=f"{STAGING}/v1/patients?field=nhs_number&search=9434765919",
        json={"data": [PATIENT], "count": 1},
    )
    httpx_mock.add_response(
        url=f"{STAGING}/v1/patients/999999", status_code=404, headers={"x-request-id": "req-9"}
    )

    exec(compile(example.group(1), "README.md", "exec"), {"__name__": "__main__"})  # noqa: S102

    assert capsys.readouterr().out.splitlines() == [
        "Ada 1989-04-11 unarchived",
        "1 ['1234']",
        "404 req-9",
    ]
    register = httpx_mock.get_requests(method="POST")[0]
    assert b'"nhs_number":"9434765919"' in register.content.replace(b" ", b"")


def test_readme_fakehero_examples_type_check_strict(tmp_path: Path) -> None:
    # A user copies these into their own tests, which they check with `mypy --strict`.
    api = pytest.importorskip("mypy.api")
    section = README.split("## Testing your service", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 2, "README's testing section lost its examples"
    # Each block in an async function: they use `async with` at the top level, as in a test.
    module = "\n".join(
        f"async def example_{n}() -> None:\n{textwrap.indent(block, '    ')}\n"
        for n, block in enumerate(blocks)
    )
    (tmp_path / "readme_examples.py").write_text(module)
    out, err, status = api.run(
        [
            *("--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache")),
            *("--config-file", "", str(tmp_path / "readme_examples.py")),
        ]
    )
    assert status == 0, out + err
