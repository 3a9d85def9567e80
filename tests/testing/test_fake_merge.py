"""Merge preview and merge on the fake: the result rule, archiving, and merge tokens.

The SDK client remembers the tokens it previewed and refuses, before sending, one used
for another pair or already spent. To see the fake's own answer to such a token, a test
sends it from `another_client`, which has not seen the preview (as another process would).
The fake refuses a merge with 409, which the SDK raises as `MergeTokenError`.
"""

from __future__ import annotations

import datetime
from contextlib import AbstractAsyncContextManager

import httpx
import pytest
from helpers import fake_client

from herohealth import (
    ConflictError,
    HeroHealth,
    InvalidInputError,
    MergeTokenError,
    NotFoundError,
)
from herohealth.testing import FakeHero

from .conftest import NHS, NHS_2

DOB = datetime.date(1989, 4, 11)
TOKEN_MESSAGE = "The merge token is invalid or expired"


def another_client(fake: FakeHero) -> AbstractAsyncContextManager[HeroHealth]:
    """A second SDK client of the fake, which knows nothing of `hero`'s previews."""
    return fake_client(fake, max_retries=0)


@pytest.fixture
def pair(fake: FakeHero) -> tuple[str, str]:
    """A main patient with gaps, and an incoming one that can fill some of them."""
    main = fake.add_patient(
        first_name="Ada",
        last_name="Lovelace",
        dob=DOB,
        nhs_number=NHS,
        mobile="07700900123",
        email="",
    )
    incoming = fake.add_patient(
        first_name="Augusta",
        last_name="King",
        dob=DOB,
        nhs_number=NHS_2,
        mobile="07700900999",
        email="ada@example.com",
        postcode="SW1A 1AA",
        emis_id="500",
        restricted=True,
    )
    return main, incoming


async def test_preview_shows_both_patients_and_the_result_of_the_rule(
    hero: HeroHealth, pair: tuple[str, str]
) -> None:
    main, incoming = pair

    preview = await hero.patients.merge_preview(main, incoming)

    assert (preview.main.id, preview.incoming.id) == (main, incoming)
    result = preview.result
    assert result.id == main
    # Kept from main: every field it has a value for.
    assert (result.first_name, result.last_name, result.mobile) == (
        "Ada",
        "Lovelace",
        "07700900123",
    )
    assert result.nhs_number == NHS
    # Filled from incoming: what main has empty ("" counts as empty).
    assert (result.email, result.postcode, result.emis_id) == ("ada@example.com", "SW1A 1AA", "500")
    assert result.restricted is True  # a merge never lifts a restriction
    assert result.status == "unarchived"
    assert preview.token


async def test_preview_changes_nothing(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    before = fake.patient(main), fake.patient(incoming)

    await hero.patients.merge_preview(main, incoming)

    assert (fake.patient(main), fake.patient(incoming)) == before


async def test_merge_applies_the_result_and_archives_the_incoming_patient(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)

    answer = await hero.patients.merge(preview)

    assert answer is None
    assert fake.requests[-1].status == 200
    merged = await hero.patients.get(main)
    assert merged.to_dict() == preview.result.to_dict()
    assert (await hero.patients.get(incoming)).status == "archived"


async def test_merge_answers_200_with_no_content(
    raw: httpx.AsyncClient, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = (
        await raw.post(f"/v1/patients/{main}/merge/preview", json={"patient_id": incoming})
    ).json()

    response = await raw.post(
        f"/v1/patients/{main}/merge",
        json={"patient_id": incoming, "merge_token": preview["merge_token"]},
    )

    assert response.status_code == 200
    assert response.content == b""


async def test_a_token_is_bound_to_its_pair(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    third = fake.add_patient(first_name="C", last_name="D", dob=DOB)
    token = (await hero.patients.merge_preview(main, incoming)).token
    others = [(main, third), (incoming, main), (third, incoming)]

    # The client that previewed it refuses it for another pair without sending.
    for other_main, other_incoming in others:
        with pytest.raises(InvalidInputError) as refused:
            await hero.patients.merge(other_main, other_incoming, token=token)
        assert refused.value.field == "merge_token"
    assert all(request.path.endswith("/preview") for request in fake.requests)

    # The fake refuses it too. (A client spends a token Hero refused, so one per pair.)
    for other_main, other_incoming in others:
        async with another_client(fake) as other:
            with pytest.raises(MergeTokenError) as raised:
                await other.patients.merge(other_main, other_incoming, token=token)
        assert raised.value.status_code == 409
        assert raised.value.body["message"].startswith(TOKEN_MESSAGE)
        assert "different pair" in raised.value.body["message"]

    # Refusing it for another pair did not use it up.
    await hero.patients.merge(main, incoming, token=token)


@pytest.mark.parametrize("changed", ["main", "incoming"])
async def test_a_change_to_either_patient_after_the_preview_invalidates_the_token(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str], changed: str
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    # Someone re-registers the patient with a new mobile between preview and merge.
    nhs = NHS if changed == "main" else NHS_2
    await hero.patients.register(
        first_name="X", last_name="Y", dob=DOB, nhs_number=nhs, mobile="07000000000"
    )

    with pytest.raises(MergeTokenError) as raised:
        await hero.patients.merge(preview)

    assert raised.value.status_code == 409
    assert raised.value.body["message"].startswith(TOKEN_MESSAGE)
    assert "changed since the preview" in raised.value.body["message"]
    assert fake.patient(incoming)["status"] == "unarchived"
    # A fresh preview gives a token that works.
    fresh = await hero.patients.merge_preview(main, incoming)
    assert fresh.token != preview.token
    await hero.patients.merge(fresh)


async def test_a_change_made_outside_the_api_invalidates_the_token_too(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    fake.update_patient(main, notes="called the surgery")

    with pytest.raises(MergeTokenError) as raised:
        await hero.patients.merge(preview)

    assert raised.value.status_code == 409


async def test_an_unchanged_re_registration_keeps_the_token_valid(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    await hero.patients.register(
        first_name="Ada", last_name="Lovelace", dob=DOB, nhs_number=NHS, mobile="07700900123"
    )

    await hero.patients.merge(preview)


async def test_a_token_is_used_once(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    await hero.patients.merge(preview)
    sent = len(fake.requests)

    # The client that merged refuses to send the spent token again.
    with pytest.raises(InvalidInputError) as refused:
        await hero.patients.merge(preview)
    assert refused.value.field == "merge_token"
    assert len(fake.requests) == sent

    # The fake refuses it from a client that did not know it was spent.
    async with another_client(fake) as other:
        with pytest.raises(MergeTokenError) as raised:
            await other.patients.merge(main, incoming, token=preview.token)

    assert raised.value.status_code == 409
    # The incoming patient is archived by now, which is reported first.
    assert "archived" in raised.value.body["message"]


async def test_a_reused_token_is_reported_as_used(
    raw: httpx.AsyncClient, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await raw.post(f"/v1/patients/{main}/merge/preview", json={"patient_id": incoming})
    token = preview.json()["merge_token"]
    body = {"patient_id": incoming, "merge_token": token}
    assert (await raw.post(f"/v1/patients/{main}/merge", json=body)).status_code == 200
    fake.update_patient(incoming, status="unarchived")  # so only the token is at fault

    response = await raw.post(f"/v1/patients/{main}/merge", json=body)

    assert response.status_code == 409
    assert response.json()["message"].startswith(TOKEN_MESSAGE)
    assert "already used" in response.json()["message"]


async def test_an_unknown_token_is_a_409(hero: HeroHealth, pair: tuple[str, str]) -> None:
    main, incoming = pair

    with pytest.raises(MergeTokenError) as raised:
        await hero.patients.merge(main, incoming, token="mt_made_up")

    assert raised.value.status_code == 409
    assert raised.value.body == {
        "message": f"{TOKEN_MESSAGE} (no preview issued it); "
        "preview the merge again for a new token"
    }


@pytest.mark.parametrize("archived", ["main", "incoming"])
async def test_merging_an_archived_patient_is_a_409(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str], archived: str
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    fake.update_patient(main if archived == "main" else incoming, status="archived")

    # A 409 answering a merge is a MergeTokenError; one answering a preview, a ConflictError.
    with pytest.raises(MergeTokenError) as on_merge:
        await hero.patients.merge(preview)
    with pytest.raises(ConflictError) as on_preview:
        await hero.patients.merge_preview(main, incoming)

    for raised in (on_merge, on_preview):
        assert raised.value.status_code == 409
        assert "archived" in raised.value.body["message"]


async def test_a_patient_of_another_group_cannot_be_merged(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, _ = pair
    fake.add_practice_group("pg-2", api_key="key-2")
    stranger = fake.add_patient(first_name="S", last_name="T", dob=DOB, practice_group_id="pg-2")

    with pytest.raises(NotFoundError):
        await hero.patients.merge_preview(main, stranger)


async def test_a_token_issued_to_another_group_is_refused(
    fake: FakeHero, raw: httpx.AsyncClient, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    token = (
        await raw.post(f"/v1/patients/{main}/merge/preview", json={"patient_id": incoming})
    ).json()["merge_token"]
    fake.add_practice_group("pg-2", api_key="key-2")
    a = fake.add_patient(first_name="A", last_name="B", dob=DOB, practice_group_id="pg-2")
    b = fake.add_patient(first_name="C", last_name="D", dob=DOB, practice_group_id="pg-2")

    response = await raw.post(
        f"/v1/patients/{a}/merge",
        json={"patient_id": b, "merge_token": token},
        headers={"x-api-key": "key-2", "x-practice-group-id": "pg-2"},
    )

    assert response.status_code == 409


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/v1/patients/1/merge/preview", {}, 422),
        ("/v1/patients/1/merge/preview", {"patient_id": "two"}, 422),
        ("/v1/patients/1/merge/preview", {"patient_id": "1"}, 422),
        ("/v1/patients/1/merge/preview", {"patient_id": "999"}, 404),
        ("/v1/patients/1/merge", {"patient_id": "2"}, 422),
    ],
)
async def test_merge_requests_are_checked(
    raw: httpx.AsyncClient, pair: tuple[str, str], path: str, body: dict[str, str], status: int
) -> None:
    assert pair == ("1", "2")

    response = await raw.post(path, json=body)

    assert response.status_code == status
    assert response.json()["message"]
