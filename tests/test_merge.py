"""The merge-token workflow, against the stateful fake Hero (real HTTP semantics, in process)."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator

import pytest
from helpers import fake_client

from herohealth import (
    APITimeoutError,
    FieldChange,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    MergePreview,
    MergeTokenError,
)
from herohealth.testing import FakeHero


@pytest.fixture
async def hero(fake: FakeHero) -> AsyncIterator[HeroHealth]:
    """The SDK on `fake`, with its default retries (a merge must still be sent once)."""
    async with fake_client(fake) as client:
        yield client


@pytest.fixture
def pair(fake: FakeHero) -> tuple[str, str]:
    main = fake.add_patient(
        first_name="Ada", last_name="Lovelace", dob=datetime.date(1989, 4, 11),
        nhs_number="9434765919", mobile="07700900001",
    )  # fmt: skip
    incoming = fake.add_patient(
        first_name="Ada", last_name="Lovelace", dob=datetime.date(1989, 4, 11),
        email="ada@example.org", town="London",
    )  # fmt: skip
    return main, incoming


def merges_sent(fake: FakeHero) -> int:
    return sum(1 for r in fake.requests if r.operation == "merge_patients")


async def test_preview_shows_what_changes(hero: HeroHealth, pair: tuple[str, str]) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    assert isinstance(preview, MergePreview)
    assert (preview.main_id, preview.incoming_id) == (main, incoming)
    assert (preview.main.id, preview.incoming.id) == (main, incoming)
    assert FieldChange("email", None, "ada@example.org") in preview.changes
    assert FieldChange("town", None, "London") in preview.changes
    assert all(change.name != "first_name" for change in preview.changes)  # same on both
    assert preview.token not in repr(preview)


async def test_merge_merges_exactly_the_previewed_pair(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    assert await hero.patients.merge(preview) is None
    assert fake.patient(incoming)["status"] == "archived"
    assert fake.patient(main)["email"] == "ada@example.org"
    merge = next(r for r in fake.requests if r.operation == "merge_patients")
    assert merge.path == f"/v1/patients/{main}/merge"
    assert merge.json == {"merge_token": preview.token, "patient_id": incoming}


async def test_a_spent_preview_cannot_be_merged_again(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    preview = await hero.patients.merge_preview(*pair)
    await hero.patients.merge(preview)
    with pytest.raises(InvalidInputError, match="already used") as caught:
        await hero.patients.merge(preview)
    assert caught.value.field == "merge_token"
    assert merges_sent(fake) == 1


async def test_a_token_cannot_be_spent_on_another_pair(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    other = fake.add_patient(first_name="Ada", last_name="L", dob=datetime.date(1989, 4, 11))
    preview = await hero.patients.merge_preview(main, incoming)
    with pytest.raises(InvalidInputError, match="issued for merging") as caught:
        await hero.patients.merge(main, other, token=preview.token)
    assert caught.value.field == "merge_token"
    assert merges_sent(fake) == 0
    # The token still works for its own pair, given as ids.
    await hero.patients.merge(main, incoming, token=preview.token)
    assert fake.patient(incoming)["status"] == "archived"


async def test_a_token_hero_refuses_says_to_preview_again(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair
    preview = await hero.patients.merge_preview(main, incoming)
    fake.update_patient(incoming, mobile="07700900999")  # someone edits the patient meanwhile
    with pytest.raises(MergeTokenError, match="preview the merge again") as caught:
        await hero.patients.merge(preview)
    assert caught.value.status_code == 409
    assert fake.patient(incoming)["status"] == "unarchived"
    fresh = await hero.patients.merge_preview(main, incoming)
    await hero.patients.merge(fresh)
    assert fake.patient(incoming)["status"] == "archived"


async def test_a_merge_is_never_resent_after_a_5xx(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    preview = await hero.patients.merge_preview(*pair)
    fake.fail_next(status=503, path=f"/v1/patients/{pair[0]}/merge")
    with pytest.raises(InternalServerError):
        await hero.patients.merge(preview)  # max_retries=2 by default: still one send
    assert merges_sent(fake) == 1
    with pytest.raises(InvalidInputError, match="check the patients' state"):
        await hero.patients.merge(preview)
    assert merges_sent(fake) == 1


async def test_a_merge_is_never_resent_after_a_timeout(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    preview = await hero.patients.merge_preview(*pair)
    fake.delay_next(2.0, path=f"/v1/patients/{pair[0]}/merge")
    with pytest.raises(APITimeoutError, match="check the patient's state"):
        await hero.patients.merge(preview, timeout=0.2)
    assert merges_sent(fake) == 1
    assert fake.patient(pair[1])["status"] == "archived"  # Hero did merge: hence no resend


@pytest.mark.parametrize("answer", [True, False])
async def test_merge_patients_merges_only_when_confirmed(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str], answer: bool
) -> None:
    shown: list[MergePreview] = []

    def confirm(preview: MergePreview) -> bool:
        shown.append(preview)
        return answer

    result = await hero.patients.merge_patients(*pair, confirm=confirm)
    assert len(shown) == 1
    assert merges_sent(fake) == (1 if answer else 0)
    if answer:
        assert result is not None
        assert result.email == "ada@example.org"
    else:
        assert result is None
        assert fake.patient(pair[1])["status"] == "unarchived"


async def test_merge_patients_awaits_an_async_confirm(
    hero: HeroHealth, fake: FakeHero, pair: tuple[str, str]
) -> None:
    async def confirm(preview: MergePreview) -> bool:
        return any(change.name == "email" for change in preview.changes)

    assert await hero.patients.merge_patients(*pair, confirm=confirm) is not None
    assert fake.patient(pair[1])["status"] == "archived"


@pytest.mark.parametrize(
    ("main", "incoming", "field"),
    [("1", "1", "incoming_id"), ("1/merge", "2", "main_id"), ("1", "../2", "incoming_id")],
)
async def test_bad_pairs_are_refused_before_any_request(
    hero: HeroHealth, fake: FakeHero, main: str, incoming: str, field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.merge_preview(main, incoming)
    assert caught.value.field == field
    assert fake.requests == []
