"""`make bench` cannot rot: the canned server and every benchmark, at tiny sizes.

Nothing here is timed or compared with a goal: each benchmark runs once or twice on a few
calls, and the test checks only that it produces well-formed figures (names, finite numbers,
no errors) and that every canned server process it started is gone afterwards.
"""

from __future__ import annotations

import json
import math
import socket
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from herohealth_openapi.models.identifier import Identifier
from herohealth_openapi.models.patient import Patient

from bench import anchors, calls, decoding, imports, memory, run, scale
from bench.canned_server import PAGE_SIZE, CannedServer, envelope_bytes, serve
from bench.harness import FORMATS, Figure
from herohealth._generated import Unset, operation, parse
from herohealth.testing import _spec

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def server() -> Iterator[CannedServer]:
    with serve(count=3 * PAGE_SIZE) as running:
        yield running
    assert running.process.poll() is not None, "the canned server outlived its `with`"


def _check(figures: Sequence[Figure], names: Sequence[str]) -> None:
    assert [figure.name for figure in figures] == list(names)
    for figure in figures:
        assert figure.values, figure.name
        assert all(math.isfinite(value) and value >= 0 for value in figure.values), figure
        assert figure.unit in FORMATS
        assert figure.met in {True, False, None}
        assert figure.errors in {0, None}, figure
        assert Figure.from_json(json.loads(json.dumps(figure.as_json()))) == figure


def _spec_validator(schema: str) -> _spec.Validator:
    # The fake's strict validator for answers, of this checkout's openapi.yaml.
    return _spec.load(str(ROOT / "openapi.yaml")).validator(f"/components/schemas/{schema}")


def test_the_canned_server_answers_its_routes_and_stops(server: CannedServer) -> None:
    with httpx.Client(base_url=server.base_url) as http:
        patient = http.get("/v1/patients/1234")
        assert patient.status_code == 200
        assert patient.headers["content-type"] == "application/json"
        _spec_validator("Patient").validate(patient.json())
        even = http.get("/v1/patients", params={"page_index": 0, "page_size": PAGE_SIZE})
        odd = http.get("/v1/patients", params={"page_index": 1, "page_size": PAGE_SIZE})
        _spec_validator("PatientList").validate(even.json())
        assert len(even.json()["data"]) == PAGE_SIZE
        assert even.json()["count"] == 3 * PAGE_SIZE
        assert even.json()["data"] != odd.json()["data"]  # the paginator stops on a repeat
        assert http.get("/nowhere").status_code == 404
        assert http.post("/v1/patients/1").status_code == 405
        with pytest.raises(httpx.ReadTimeout):
            http.get(f"{server.hold_url}/v1/patients/1", timeout=0.2)
        stats = server.stats()
    assert stats["held"] == 1
    assert stats["cpu_seconds"] > 0


def test_the_canned_server_is_stopped_on_error() -> None:
    with pytest.raises(RuntimeError, match="boom"), serve() as running:
        raise RuntimeError("boom")
    assert running.process.poll() is not None
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", running.port), 1).close()


async def test_calls(server: CannedServer) -> None:
    figures = await calls.measure(
        server, sequential=3, sequential_rounds=2, concurrent=5, concurrent_rounds=2
    )
    _check(
        figures,
        [
            "per call, sequential: facade vs bare httpx + json.loads",
            "  the same, bare httpx joining a relative path to its base_url",
            "per call, 5 concurrent: facade vs bare httpx + json.loads",
        ],
    )


def test_scale_throughput_in_child_processes(server: CannedServer) -> None:
    # Enough calls beyond the warm-up for the resident set to grow measurably.
    figures = scale.throughput(server, sizes=(3, 100, 200), rounds=1, warmup=2, min_calls=6)
    _check(
        figures,
        [
            "throughput, one client, 3 concurrent get",
            "throughput, one client, 100 concurrent get",
            "throughput, one client, 200 concurrent get",
            "throughput 200 vs 3 concurrent",
            "memory per concurrent call (RSS peak growth), 200 vs 100",
        ],
    )


async def test_scale_cancellation(server: CannedServer) -> None:
    figures = await scale.cancellation(server, calls=60, rounds=1, hold=0.01)
    _check(
        figures,
        [
            "cancel 60 calls in flight or queued: all settled",
            "aclose() after cancelling 60 calls",
        ],
    )
    assert "cancelled 60/60; places given back 50" in figures[0].note


def test_decoding() -> None:
    figures = decoding.run(patients=20, rounds=1)
    measured = [figure for figure in figures if figure.values]
    _check(
        measured,
        [
            "decode 20 patients (0.0 MB): facade parse vs json.loads",
            *(f"  anchor: {name} into models vs json.loads" for name in ("pydantic", "msgspec")
              if any(name in figure.name for figure in measured)),
        ],
    )  # fmt: skip
    # An anchor not installed (msgspec is in the bench extra only) is a row saying so.
    assert all("skipped" in figure.name for figure in figures if not figure.values)


@pytest.mark.parametrize("decoder", [anchors.pydantic_decoder, anchors.msgspec_decoder])
def test_the_anchors_decode_what_the_facade_decodes(decoder: Any) -> None:
    content = envelope_bytes(1, 2, 2)
    try:
        decode = decoder(content)
    except ImportError as error:
        pytest.skip(f"anchor not installed: {error}")
    request = httpx.Request("GET", "http://127.0.0.1/v1/patients")
    response = httpx.Response(200, content=content, request=request)
    expected: Any = parse(operation("list_patients"), response)

    def values(model: type[Any], instance: Any) -> dict[str, Any]:
        # Every declared field, read by name: attrs models, pydantic models and Structs alike.
        # A field the body leaves out is UNSET in the facade's model, None in the anchors'
        # (`anchors.fields`): a field added to openapi.yaml is not in the bench's bodies.
        return {
            name: None if isinstance(value, Unset) else value
            for name, _, _ in anchors.fields(model, None)
            for value in [getattr(instance, name)]
        }

    def patient(instance: Any) -> dict[str, Any]:
        identifiers = [values(Identifier, i) for i in instance.identifiers]
        return {**values(Patient, instance), "identifiers": identifiers}

    decoded: Any = decode()
    assert decoded.count == 2
    assert [patient(p) for p in decoded.data] == [patient(p) for p in expected.data]


async def test_memory(server: CannedServer) -> None:
    figures = await memory.measure(server, total=3 * PAGE_SIZE, rounds=1)
    _check(
        figures,
        [
            "peak memory: 300 patients iterated over pages vs one page",
            "peak memory: 300 vs 30 patients iterated (flat)",
        ],
    )


def test_imports_and_ten_times_the_operations() -> None:
    spec = imports.multiplied_spec(copies=9)
    original = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    assert imports.operation_count(spec) == 10 * imports.operation_count(original)
    # Timed with this interpreter (the clean venv takes a minute to make) and one copy.
    figures = imports.run(rounds=1, copies=1, python=Path(sys.executable))
    operations = imports.operation_count(original)
    _check(
        figures,
        [
            "import herohealth vs import httpx (fresh interpreter, clean venv)",
            f"import herohealth, {2 * operations} operations vs {operations} (flat)",
        ],
    )


def test_the_table_and_markdown() -> None:
    figures = [
        Figure("a ratio", [1.0, 1.2, 1.1], "x", "<= 1.05x", False, "note"),
        Figure("a time", [0.5], "s", "<= 1 s", True),
        Figure("  an anchor skipped: not installed", [], "x"),
    ]
    table = run.table(figures)
    assert "1.10x" in table
    assert "NO" in table
    assert "skipped" in table
    assert "a ratio: note" in table
    markdown = run.markdown(figures).splitlines()
    assert len(markdown) == 2 + len(figures)
    assert "**no**" in markdown[2]
