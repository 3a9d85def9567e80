"""Operations whose success answer is not JSON (the additive release's Letters tag), and one
that offers a PDF beside its JSON (getBooking): through `HeroHealth`, with every guarantee.

Nothing in src/ names them: the regenerated package says their media types.
"""

from __future__ import annotations

import pytest
from pytest_httpx import HTTPXMock

from herohealth import (
    HeroHealth,
    NotFoundError,
    PermissionDeniedError,
    ResponseTooLargeError,
    ResponseValidationError,
)
from herohealth._generated import operation
from herohealth.testing import Answer, FakeHero, FakeRequest
from tests.helpers import fake_client
from tests.spec_update.additive.test_new_operations import AUTH, BASE, SPEC_PATH, booking
from tests.spec_update.additive_release import LETTERS_CSV

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n"
LETTER_URL = f"{BASE}/v1/letters/L1/pdf"
PDF_ACCEPT = "application/pdf, application/json;q=0.9"


def pdf_answer(
    httpx_mock: HTTPXMock, *, reusable: bool = False, headers: dict[str, str] | None = None
) -> None:
    headers = {"content-type": "application/pdf", **(headers or {})}
    httpx_mock.add_response(url=LETTER_URL, content=PDF, headers=headers, is_reusable=reusable)


def test_the_media_types_come_from_the_spec() -> None:
    assert operation("downloadLetter").media_types == ("application/pdf",)
    assert operation("exportLetters").media_types == ("text/csv; charset=utf-8",)
    assert operation("getBooking").media_types == ()  # it offers JSON: the SDK reads that


async def test_the_method_returns_the_body_as_bytes_accepting_its_media_type_with_auth(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    pdf_answer(httpx_mock)
    body = await hero.letters.download_letter("L1")
    assert body == PDF
    assert type(body) is bytes
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.headers["accept"] == PDF_ACCEPT
    assert {k: sent.headers[k] for k in AUTH} == AUTH


async def test_each_operation_sends_its_own_accept_header_on_one_client(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # The headers of a plain call are made once per auth scheme and media types: a PDF
    # download between two JSON calls must not leave either with the other's Accept.
    httpx_mock.add_response(url=f"{BASE}/v1/bookings/7", json=booking(), is_reusable=True)
    pdf_answer(httpx_mock, reusable=True)
    export = f"{BASE}/v1/letters/export"
    httpx_mock.add_response(url=export, content=b"x", headers={"content-type": "text/csv"})
    await hero.booking_hca.get_booking("7")
    await hero.letters.download_letter("L1")
    assert (await hero.booking_hca.get_booking("7")).id == "7"  # a PDF is offered, JSON read
    await hero.letters.download_letter("L1")
    await hero.letters.export_letters()
    accepts = [r.headers["accept"] for r in httpx_mock.get_requests()]
    csv = "text/csv; charset=utf-8, application/json;q=0.9"
    assert accepts == ["application/json", PDF_ACCEPT, "application/json", PDF_ACCEPT, csv]


async def test_a_5xx_is_retried_as_for_any_get(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=LETTER_URL, status_code=503, json={"message": "Busy"})
    pdf_answer(httpx_mock)
    assert await hero.with_options(max_retries=1).letters.download_letter("L1") == PDF
    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1


async def test_a_json_404_is_a_not_found_error_with_its_message(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=LETTER_URL, status_code=404, json={"message": "No such letter"})
    with pytest.raises(NotFoundError) as caught:
        await hero.letters.download_letter("L1")
    assert caught.value.status_code == 404
    assert caught.value.message == "No such letter"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"message": "Letter is being generated"}'),
        ("text/html; charset=utf-8", b"<html><body>502 Bad Gateway</body></html>"),
        ("image/png", b"\x89PNG\r\n"),
    ],
)
async def test_a_2xx_of_another_media_type_is_not_returned_as_the_pdf(
    hero: HeroHealth, httpx_mock: HTTPXMock, content_type: str, body: bytes
) -> None:
    httpx_mock.add_response(url=LETTER_URL, content=body, headers={"content-type": content_type})
    with pytest.raises(ResponseValidationError) as caught:
        await hero.letters.download_letter("L1")
    media = content_type.split(";")[0]
    assert f"body is {media}, not application/pdf" in str(caught.value)
    assert caught.value.response.content == body  # still there for whoever must look


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "application/pdf; name=letter.pdf"},
        {"content-type": "Application/PDF"},
        {"content-type": "application/octet-stream"},
        {},  # no Content-Type at all
    ],
)
async def test_the_documented_media_type_generic_bytes_or_none_are_the_body(
    hero: HeroHealth, httpx_mock: HTTPXMock, headers: dict[str, str]
) -> None:
    httpx_mock.add_response(url=LETTER_URL, content=PDF, headers=headers)
    assert await hero.letters.download_letter("L1") == PDF


async def test_an_undocumented_2xx_is_refused(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LETTER_URL, status_code=202, content=b"")
    with pytest.raises(ResponseValidationError, match="undocumented success status 202"):
        await hero.letters.download_letter("L1")


async def test_the_response_size_cap_applies(httpx_mock: HTTPXMock) -> None:
    pdf_answer(httpx_mock)
    async with HeroHealth(
        api_key="test-key", practice_group_id="pg-1", base_url=BASE, max_response_bytes=16
    ) as hero:
        with pytest.raises(ResponseTooLargeError):
            await hero.letters.download_letter("L1")


async def test_with_raw_response_gives_the_headers_and_parse_the_bytes(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    pdf_answer(httpx_mock, headers={"x-request-id": "req_9"})
    raw = await hero.letters.with_raw_response.download_letter("L1")
    assert (raw.status_code, raw.request_id) == (200, "req_9")
    assert raw.headers["content-type"] == "application/pdf"
    assert raw.parse() == PDF


async def test_fake_hero_answers_bytes_of_the_spec_media_type_with_its_checks(
    sleeps: list[float],
) -> None:
    fake = FakeHero(spec=SPEC_PATH)
    async with fake_client(fake, max_retries=1) as hero:
        # No example in the spec: a small body of its own; the CSV export's example.
        assert await hero.letters.download_letter("L1") == b"FakeHero downloadLetter\n"
        raw = await hero.letters.with_raw_response.export_letters()
        assert raw.headers["content-type"] == "text/csv; charset=utf-8"
        assert raw.parse() == LETTERS_CSV.encode()

        fake.fail_next(503, path="/v1/letters/L1/pdf")
        assert await hero.letters.download_letter("L1") == b"FakeHero downloadLetter\n"
        fake.malform_next("html", path="/v1/letters/L1/pdf")
        with pytest.raises(ResponseValidationError, match="body is text/html"):
            await hero.letters.download_letter("L1")
        fake.malform_next("missing_field", path="/v1/letters/L1/pdf")
        with pytest.raises(ResponseValidationError, match="body is application/json"):
            await hero.letters.download_letter("L1")

        def letter(request: FakeRequest) -> object:
            if request.path_params["letter_id"] != "L1":
                return Answer(404, {"message": "No such letter"})
            return PDF

        fake.handle("downloadLetter", letter)
        assert await hero.letters.download_letter("L1") == PDF
        with pytest.raises(NotFoundError):
            await hero.letters.download_letter("L2")
    async with fake_client(fake) as hero:
        with pytest.raises(PermissionDeniedError):
            await hero.with_options(api_key="wrong-key").letters.download_letter("L1")
    statuses = [(r.operation, r.status, r.fault) for r in fake.requests]
    assert statuses == [
        ("downloadLetter", 200, None),
        ("exportLetters", 200, None),
        ("downloadLetter", 503, "fail"),
        ("downloadLetter", 200, None),
        ("downloadLetter", 200, "malform:html"),
        ("downloadLetter", 200, "malform:missing_field"),
        ("downloadLetter", 200, None),
        ("downloadLetter", 404, None),
        ("downloadLetter", 403, None),
    ]
