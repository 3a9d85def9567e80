"""Form bodies of an additive release (the Attachments tag), through `HeroHealth`.

A multipart/form-data body's properties are keyword arguments, a `format: binary` one a
file (bytes, a binary file, or a (filename, content, content_type) tuple), sent with
httpx's own boundary; an application/x-www-form-urlencoded body's likewise, as fields.
Nothing in src/ names these operations.
"""

from __future__ import annotations

import email.parser
import email.policy
import io
import logging
import os
from collections.abc import Iterator
from typing import IO, Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from herohealth import (
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    UnprocessableEntityError,
)
from herohealth.testing import Answer, FakeHero, FakeRequest
from tests.helpers import fake_client
from tests.spec_update.additive.test_new_operations import AUTH, BASE, SPEC_PATH

UPLOAD_URL = f"{BASE}/v1/patients/1234/attachments/upload"
FILE_URL = f"{BASE}/v1/attachments/7/file"
ATTACHMENT = {
    "ehr_partner_file_id": "f-1",
    "file_name": "scan.pdf",
    "file_extension": "pdf",
    "created_at": "2026-12-01T09:30:00Z",
}
PDF = b"%PDF-1.4 a letter about the patient\r\n--not-a-boundary\r\n\x00\xff"


def parts(request: httpx.Request) -> list[tuple[str, str | None, str, bytes]]:
    """(name, filename, content type, content) of each part, read as a server would."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.read())
    assert message.is_multipart()
    found = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content = part.get_payload(decode=True)
        assert isinstance(name, str)
        assert isinstance(content, bytes)
        found.append((name, part.get_filename(), part.get_content_type(), content))
    return found


@pytest.fixture
def pipe() -> Iterator[IO[bytes]]:
    """A binary file that can be read only once (no seek): the read end of a pipe."""
    read, write = os.pipe()
    os.write(write, PDF)
    os.close(write)
    with open(read, "rb") as file:
        yield file


async def test_the_parts_arrive_as_multipart_with_httpx_boundary_and_auth(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", json=ATTACHMENT)
    attachment = await hero.attachments.upload_attachment(
        "1234",
        file=("scan.pdf", PDF, "application/pdf"),
        label="Discharge letter",
        pages=2,
        tags=["letter", "urgent"],
    )
    assert attachment.file_name == "scan.pdf"
    sent = httpx_mock.get_request()
    assert sent is not None
    content_type = sent.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert "+++" not in content_type  # the raw generated module's hard-coded boundary
    assert {k: sent.headers[k] for k in AUTH} == AUTH
    assert int(sent.headers["content-length"]) == len(sent.content)
    assert parts(sent) == [
        ("file", "scan.pdf", "application/pdf", PDF),
        ("label", None, "text/plain", b"Discharge letter"),  # text/plain: a part's default
        ("pages", None, "text/plain", b"2"),
        ("tags", None, "text/plain", b"letter"),
        ("tags", None, "text/plain", b"urgent"),
    ]


@pytest.mark.parametrize(
    ("given", "filename", "content_type"),
    [
        pytest.param(PDF, "upload", "application/octet-stream", id="bytes"),
        pytest.param(io.BytesIO(PDF), "upload", "application/octet-stream", id="bytesio"),
        pytest.param(("scan.pdf", PDF), "scan.pdf", "application/pdf", id="name-guesses-type"),
        pytest.param((None, io.BytesIO(PDF), "image/png"), None, "image/png", id="no-filename"),
    ],
)
async def test_a_file_may_be_bytes_a_binary_file_or_a_tuple(
    hero: HeroHealth, httpx_mock: HTTPXMock, given: Any, filename: str | None, content_type: str
) -> None:
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", json=ATTACHMENT)
    await hero.attachments.upload_attachment("1234", file=given)
    assert parts(httpx_mock.get_requests()[0]) == [("file", filename, content_type, PDF)]


async def test_a_file_object_sends_its_own_name_without_its_folders(
    hero: HeroHealth, httpx_mock: HTTPXMock, tmp_path: Any
) -> None:
    path = tmp_path / "Smith" / "letter.pdf"
    path.parent.mkdir()
    path.write_bytes(PDF)
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", json=ATTACHMENT)
    with path.open("rb") as file:
        await hero.attachments.upload_attachment("1234", file=file)
    assert parts(httpx_mock.get_requests()[0]) == [("file", "letter.pdf", "application/pdf", PDF)]


async def test_a_file_is_read_once_so_a_post_that_never_left_resends_the_same_bytes(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], pipe: IO[bytes]
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", json=ATTACHMENT)
    await hero.with_options(max_retries=1).attachments.upload_attachment("1234", file=pipe)
    first, second = httpx_mock.get_requests()
    assert parts(first) == parts(second) == [("file", "upload", "application/octet-stream", PDF)]
    assert len(sleeps) == 1


async def test_a_put_is_retried_after_a_5xx_with_the_same_bytes(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], pipe: IO[bytes]
) -> None:
    httpx_mock.add_response(url=FILE_URL, method="PUT", status_code=503)
    httpx_mock.add_response(url=FILE_URL, method="PUT", json=ATTACHMENT)
    await hero.with_options(max_retries=1).attachments.replace_attachment_file("7", file=pipe)
    first, second = httpx_mock.get_requests()
    assert parts(first) == parts(second)
    assert parts(second)[0][3] == PDF


async def test_an_upload_post_is_not_retried_after_a_5xx(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", status_code=503)
    with pytest.raises(InternalServerError):
        await hero.with_options(max_retries=2).attachments.upload_attachment("1234", file=PDF)
    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    ("arguments", "field", "problem"),
    [
        # Left out, it is a TypeError (a required keyword); None is checked as JSON's are.
        pytest.param({"file": None, "label": "x"}, "file", "is required", id="file-none"),
        pytest.param({"file": PDF, "label": 3}, "label", "must be a string", id="label-type"),
        pytest.param({"file": PDF, "label": "x" * 81}, "label", "at most 80", id="label-long"),
        pytest.param({"file": PDF, "pages": 0}, "pages", "1 or more", id="pages-minimum"),
        pytest.param({"file": "%PDF-1.4"}, "file", "must be bytes", id="file-text"),
        pytest.param({"file": io.StringIO("%PDF")}, "file", "binary mode", id="file-text-mode"),
        pytest.param({"file": ("a.pdf", PDF, "a\r\nb")}, "file", "one line", id="content-type"),
        pytest.param({"file": (b"a.pdf", PDF)}, "file", "filename", id="filename-bytes"),
        pytest.param(
            {"file": PDF, "extra_body": {"meta": {"a": 1}}},
            "extra_body",
            "form field",
            id="extra-object",
        ),
        pytest.param(
            {"file": PDF, "extra_body": {"file": b"x"}},
            "extra_body",
            "form field",
            id="extra-file-part",
        ),
    ],
)
async def test_bad_input_is_refused_before_any_request_naming_the_field(
    hero: HeroHealth, httpx_mock: HTTPXMock, arguments: dict[str, Any], field: str, problem: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.attachments.upload_attachment("1234", **arguments)
    assert caught.value.field == field
    assert problem in str(caught.value)
    assert "PDF" not in str(caught.value)  # the content is never quoted
    assert httpx_mock.get_requests() == []


async def test_part_contents_and_filenames_are_never_logged_or_in_errors(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", status_code=422, json={"message": "No"})
    with caplog.at_level(logging.DEBUG), pytest.raises(UnprocessableEntityError) as caught:
        await hero.attachments.upload_attachment(
            "1234", file=("Smith_9434765919.pdf", PDF), label="Mrs Smith's letter"
        )
    assert "/attachments/upload" in caplog.text
    for shown in (caplog.text, str(caught.value), repr(caught.value.request)):
        for secret in ("Smith", "9434765919", "a letter about", "test-key"):
            assert secret not in shown


async def test_a_urlencoded_body_is_sent_as_form_fields(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=f"{BASE}/v1/attachments/7/label", method="PATCH", json=ATTACHMENT)
    await hero.attachments.label_attachment("7", label="Scan & letter", pinned=True)
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.content == b"label=Scan+%26+letter&pinned=true"
    with pytest.raises(InvalidInputError) as caught:
        await hero.attachments.label_attachment("7", label=" ")
    assert caught.value.field == "label"


async def test_extra_body_adds_form_fields_as_the_declared_ones_are_sent(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=UPLOAD_URL, method="POST", json=ATTACHMENT)
    httpx_mock.add_response(url=f"{BASE}/v1/attachments/7/label", method="PATCH", json=ATTACHMENT)
    await hero.attachments.upload_attachment(
        "1234", file=PDF, extra_body={"source": "scanner", "copies": [1, 2], "urgent": True}
    )
    await hero.attachments.label_attachment("7", label="Scan", extra_body={"pinned_by": "ada"})

    upload, label = httpx_mock.get_requests()
    assert [(name, content) for name, _, _, content in parts(upload)][1:] == [
        ("source", b"scanner"),
        ("copies", b"1"),
        ("copies", b"2"),
        ("urgent", b"true"),
    ]
    assert label.content == b"label=Scan&pinned_by=ada"


async def test_fake_hero_passes_the_parts_to_a_plugged_handler() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    seen: list[FakeRequest] = []

    def upload(request: FakeRequest) -> Any:
        seen.append(request)
        name = request.body["file"][0]
        return {**ATTACHMENT, "file_name": name}

    fake.handle("uploadAttachment", upload)
    async with fake_client(fake, max_retries=0) as hero:
        attachment = await hero.attachments.upload_attachment(
            "1234", file=("scan.pdf", PDF, "application/pdf"), label="Letter", pages=3, tags=["a"]
        )
        labelled = await hero.attachments.label_attachment("7", label="Letter", pinned=False)
    assert attachment.file_name == "scan.pdf"
    assert labelled.file_name  # answered from the spec: no handler plugged
    assert seen[0].path_params == {"id": "1234"}
    assert seen[0].body == {
        "file": ("scan.pdf", PDF, "application/pdf"),
        "label": "Letter",
        "pages": 3,  # typed as the spec declares it
        "tags": ["a"],
    }
    assert [(r.operation, r.status) for r in fake.requests] == [
        ("uploadAttachment", 200),
        ("labelAttachment", 200),
    ]


async def test_fake_hero_checks_the_parts_as_hero_would() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    fake.handle("uploadAttachment", lambda request: Answer(500))  # never reached
    credentials = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=credentials) as http:
        url = "/v1/patients/1234/attachments/upload"
        missing = await http.post(url, files={"label": (None, "Letter")})
        bad = await http.post(url, files={"file": ("a.pdf", PDF), "pages": (None, "none")})
        as_json = await http.post(url, json={"file": "x"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "file", "message": "is required"}]
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["pages"]
    assert as_json.status_code == 415
