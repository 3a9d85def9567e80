"""`make demo` runs examples/demo.py; this runs the same code and checks what it shows."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo.py"


async def test_demo_runs_on_the_loopback_fake(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("demo", DEMO)
    assert spec is not None
    assert spec.loader is not None
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)

    async with asyncio.timeout(30):
        await demo.main()

    out = capsys.readouterr().out
    assert "Fake Hero listening on http://127.0.0.1:" in out
    assert "search by NHS number: 1 of 1: Ada" in out
    assert "email            None               -> ada@example.org" in out
    assert "merged: True" in out
    after = out.split("== After the merge")[1].split("== Typed errors")[0]
    assert [line.split()[-1] for line in after.strip().splitlines()[1:]] == [
        "unarchived",
        "archived",
    ]
    assert "NotFoundError: 404" in out
    assert "InvalidInputError (nothing sent): nhs_number" in out
