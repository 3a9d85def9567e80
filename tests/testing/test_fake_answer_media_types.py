"""An answer goes out as the media type openapi.yaml documents for its status, as Hero sends
it: a plugged handler's `Answer(status, body)` as much as a body it returns (and the
fake's own answers), so a client that checks Content-Type sees what Hero would send.

The spec is an additive copy of openapi.yaml: GET /v1/notices/{notice_id} answers a Notice
as `application/vnd.hero+json` (with a parameter) and documents its 4XX as
`application/problem+json`; GET /v1/notices/{notice_id}/pdf answers a PDF. The SDK has no
method for them, so plain httpx talks to the fake in process.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from herohealth.testing import Answer, FakeHero, FakeRequest

REF = "#/components/schemas/"
NOTICE = "application/vnd.hero+json; version=2"
PROBLEM = "application/problem+json"
ID = [{"name": "notice_id", "in": "path", "required": True, "schema": {"type": "string"}}]
PATHS: dict[str, Any] = {
    "/v1/notices/{notice_id}": {"get": {
        "operationId": "getNotice", "parameters": ID,
        "responses": {
            "200": {"description": "Ok",
                    "content": {NOTICE: {"schema": {"$ref": REF + "Notice"}}}},
            "4XX": {"description": "Hero's error",
                    "content": {PROBLEM: {"schema": {"$ref": REF + "Problem"}}}},
        },
    }},
    "/v1/notices/{notice_id}/pdf": {"get": {
        "operationId": "downloadNotice", "parameters": ID,
        "responses": {"200": {"description": "The PDF", "content": {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}},
    }},
}  # fmt: skip
SCHEMAS: dict[str, Any] = {
    "Notice": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
    "Problem": {"type": "object", "required": ["title"],
                "properties": {"title": {"type": "string"}}},
}  # fmt: skip


@pytest.fixture(scope="module")
def spec_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = yaml.safe_load(
        (importlib.resources.files("herohealth_openapi") / "openapi.yaml").read_text()
    )
    spec["paths"].update(PATHS)
    spec["components"]["schemas"].update(SCHEMAS)
    path = tmp_path_factory.mktemp("media_types") / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def fake(spec_path: Path) -> Iterator[FakeHero]:
    with FakeHero(spec=spec_path) as fake:  # raises what a handler answered off spec
        yield fake


@pytest.fixture
async def raw(fake: FakeHero) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        yield client


def answering(body: Any) -> Any:
    return lambda request: body


@pytest.mark.parametrize(
    ("operation", "answer", "status", "media_type"),
    [
        ("getNotice", Answer(200, {"id": "7"}), 200, NOTICE),
        ("getNotice", {"id": "7"}, 200, NOTICE),  # a body alone: as before
        ("getNotice", Answer(404, {"title": "No such notice"}), 404, PROBLEM),  # its 4XX's
        ("getNotice", Answer(503, {"message": "Down"}), 503, "application/json"),  # undocumented
        ("downloadNotice", Answer(200, b"%PDF-1.7"), 200, "application/pdf"),
        ("downloadNotice", b"%PDF-1.7", 200, "application/pdf"),
    ],
    ids=["answer", "body", "documented-error", "undocumented-error", "pdf-answer", "pdf-body"],
)
async def test_an_answer_is_sent_as_the_media_type_documented_for_its_status(
    fake: FakeHero,
    raw: httpx.AsyncClient,
    operation: str,
    answer: Any,
    status: int,
    media_type: str,
) -> None:
    fake.handle(operation, answering(answer))
    path = "/v1/notices/7" + ("/pdf" if operation == "downloadNotice" else "")

    response = await raw.get(path)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == media_type


async def test_the_fakes_own_answer_is_sent_as_the_documented_media_type(
    raw: httpx.AsyncClient,
) -> None:
    notice = await raw.get("/v1/notices/7")
    pdf = await raw.get("/v1/notices/7/pdf")

    assert notice.headers["content-type"] == NOTICE
    assert pdf.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize(
    ("answer", "media_type"),
    [
        (Answer(200, {"id": "7"}, {"Content-Type": "application/json"}), "application/json"),
        # Off spec on purpose: bytes where JSON is documented are not labelled JSON.
        (Answer(200, b"<html>", off_spec=True), "application/octet-stream"),
    ],
    ids=["headers-say", "bytes-off-spec"],
)
async def test_an_answer_keeps_the_content_type_it_says_or_its_bodys_own(
    fake: FakeHero, raw: httpx.AsyncClient, answer: Answer, media_type: str
) -> None:
    def handler(request: FakeRequest) -> Answer:
        return answer

    fake.handle("getNotice", handler)

    response = await raw.get("/v1/notices/7")

    assert response.headers["content-type"] == media_type
