"""Idioms of a FastAPI-made description (the Care Navigation tag), through `HeroHealth`.

FastAPI writes two APIKeyHeader dependencies as two security requirements, an UploadFile
part with `contentMediaType`, a `dict[...]` body as an object of `additionalProperties` only
and a UUID as `format: uuid`. Each must keep the guarantees of any other operation. Nothing
in src/ names these operations.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from herohealth_openapi.models import (
    UpdateSettingsV1CareNavigationNavigatorIdSettingsPutSettings as Settings,
)
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, InvalidInputError
from herohealth.testing import FakeHero, FakeRequest
from tests.helpers import fake_client
from tests.spec_update.additive.test_new_operations import AUTH, BASE, SPEC_PATH
from tests.spec_update.additive.test_uploads import parts
from tests.spec_update.additive_release import SCAN_ID

NAVIGATOR = uuid.UUID("3fa85f64-5717-4562-b3fc-2c963f66afa6")
SETTINGS_URL = f"{BASE}/v1/care-navigation/{NAVIGATOR}/settings"
SCAN_URL = f"{BASE}/v1/care-navigation/scans"


async def test_security_written_as_fastapi_writes_it_sends_every_credential(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # [{ApiKey: []}, {PracticeGroupId: []}]: each is mapped by sdk.yaml, so both go.
    httpx_mock.add_response(method="POST", url=SCAN_URL, json={"id": "s1", "size": 3})
    nav = hero.care_navigation
    await nav.upload_scan_v1_care_navigation_scans_post(file=b"%PDF")
    sent = httpx_mock.get_request()
    assert sent is not None
    assert {k: sent.headers.get(k) for k in AUTH} == AUTH


async def test_a_map_body_is_the_body_argument_sent_as_given(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="PUT", url=SETTINGS_URL, json={"sms": True, "limit": 3})
    body = Settings.from_dict({"sms": True, "limit": 3, "greeting": "Hello"})
    nav = hero.care_navigation
    answer = await nav.update_settings_v1_care_navigation_navigator_id_settings_put(
        NAVIGATOR, body=body
    )
    assert answer.to_dict() == {"sms": True, "limit": 3}
    sent = httpx_mock.get_request()
    assert sent is not None
    assert json.loads(sent.content) == {"sms": True, "limit": 3, "greeting": "Hello"}


async def test_a_map_body_is_checked_before_sending(hero: HeroHealth) -> None:
    body = Settings.from_dict({"sms": [1]})
    nav = hero.care_navigation
    with pytest.raises(InvalidInputError) as caught:
        await nav.update_settings_v1_care_navigation_navigator_id_settings_put(NAVIGATOR, body=body)
    assert caught.value.field == "body"


async def test_a_uuid_argument_takes_a_uuid_or_its_text_and_refuses_other_text(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    for _ in range(2):
        httpx_mock.add_response(method="PUT", url=SETTINGS_URL, json={})
    body = Settings.from_dict({})
    nav = hero.care_navigation
    put = nav.update_settings_v1_care_navigation_navigator_id_settings_put
    await put(NAVIGATOR, body=body)
    await put(str(NAVIGATOR), body=body)  # as an id read from JSON is: `UUID | str`
    with pytest.raises(InvalidInputError) as caught:
        await put("not-a-uuid", body=body)
    assert caught.value.field == "navigator_id"
    assert "UUID" in str(caught.value)


async def test_an_upload_file_part_written_with_content_media_type_is_a_file(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=SCAN_URL, json={"id": "s1", "size": 4})
    nav = hero.care_navigation
    scan = await nav.upload_scan_v1_care_navigation_scans_post(
        file=("scan.pdf", b"%PDF", "application/pdf"), note="left knee"
    )
    assert scan.id == "s1"
    sent = httpx_mock.get_request()
    assert sent is not None
    assert parts(sent) == [
        ("file", "scan.pdf", "application/pdf", b"%PDF"),
        ("note", None, "text/plain", b"left knee"),
    ]


async def test_fake_hero_answers_the_fastapi_operations() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    received: list[Any] = []

    def scan(request: FakeRequest) -> dict[str, Any]:
        received.append(request.body)
        return {"id": "s1", "size": len(request.body["file"][1])}

    fake.handle(SCAN_ID, scan)
    async with fake_client(fake) as hero:
        nav = hero.care_navigation
        scanned = await nav.upload_scan_v1_care_navigation_scans_post(file=b"%PDF", note="n")
        assert scanned.size == 4
        body = Settings.from_dict({"sms": True})
        await nav.update_settings_v1_care_navigation_navigator_id_settings_put(NAVIGATOR, body=body)
    assert received[0]["file"][1] == b"%PDF"
    assert received[0]["note"] == "n"
    upload, settings = fake.requests[-2:]
    assert settings.json == {"sms": True}
    # Both credentials arrived, so the fake knew the caller's practice group.
    assert upload.practice_group_id == settings.practice_group_id == fake.practice_group_id
