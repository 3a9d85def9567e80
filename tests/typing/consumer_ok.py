"""A correct user of the installed `herohealth` wheel: `mypy --strict` and pyright in strict
mode (Pylance's checker) must accept it as is.

tests/typing/test_consumer_typing.py type-checks this module against the built wheel in a
fresh virtualenv (never against the checkout); it is never run. Each `assert_type` pins a
type a user relies on. The second half is a user's own test suite on `herohealth.testing`
(the `testing` extra): FakeHero, its pytest fixtures, plugged handlers, faults and the
request log.
"""

import asyncio
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, assert_type

import httpx
import pytest

from herohealth import (
    NULL,
    UNSET,
    APIConnectionError,
    AsyncPaginator,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    KnownSex,
    MergePreview,
    NotFoundError,
    Page,
    Patient,
    PatientV2,
    PdsLoginRequired,
    RawResponse,
    RegisteredPatient,
    Sex,
    Unset,
)
from herohealth.testing import (
    Answer,
    ConnectionDropped,
    FakeHero,
    FakeRequest,
    Handler,
    MalformKind,
    OffSpecAnswer,
    QueryValues,
    RecordedRequest,
    no_retry_waits,
)

# A conftest.py names the plugin, `pytest_plugins = ["herohealth.testing.fixtures"]`, or
# imports its fixtures to re-export them.
from herohealth.testing.fixtures import fake_hero, hero


async def consumer() -> None:
    hero = HeroHealth(api_key="key", practice_group_id="pg_1", environment="staging")
    assert_type(hero, HeroHealth)
    assert_type(hero.with_options(timeout=5), HeroHealth)
    assert_type(hero.with_options(timeout=httpx.Timeout(5), max_retries=0), HeroHealth)

    async with hero:
        patient = await hero.patients.get("1")
        assert_type(patient, Patient)
        assert_type(patient.id, str)
        assert_type(await hero.patients.get("1", timeout=5, max_retries=0), Patient)
        assert_type(await hero.patients.get("1", total_timeout=10), Patient)
        # Optional fields: absent (UNSET) or null (None) until narrowed; both are falsy.
        assert_type(patient.first_name, str | None | Unset)
        if patient.first_name:
            assert_type(patient.first_name, str)
        assert_type(patient.uid is UNSET, bool)
        # Open enums: a value openapi.yaml lists, or any string Hero adds later.
        assert_type(patient.sex, Sex | None | Unset)
        if isinstance(patient.sex, str):
            assert_type(patient.sex, str)
        await hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob="1989-04-11", mobile="1", sex="Female"
        )
        # Request arguments take the values openapi.yaml lists: `KnownSex`, importable too.
        sex: KnownSex = "Male"
        await hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob="1989-04-11", mobile="1", sex=sex
        )
        # A property openapi.yaml does not describe yet, beside the described ones.
        await hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob="1989-04-11", mobile="1",
            extra_body={"preferred_name": "Ada", "note": NULL},
        )  # fmt: skip
        assert_type(
            hero.patients.list(field="nhs_number", search="9434765919"), AsyncPaginator[Patient]
        )

        raw = await hero.patients.with_raw_response.get("1", extra_headers={"x-trace": "1"})
        assert_type(raw, RawResponse[Patient])
        assert_type(raw.status_code, int)
        assert_type(raw.request_id, str | None)
        assert_type(raw.http_response, httpx.Response)
        assert_type(raw.parse(), Patient)

        assert_type(hero.patients.list(), AsyncPaginator[Patient])
        page = await hero.patients.list()
        assert_type(page, Page[Patient])
        assert_type(page.data, list[Patient])
        assert_type(page.count, int)
        assert_type(page.has_next_page(), bool)
        async for item in hero.patients.list(search="9434765919", timeout=5):
            assert_type(item, Patient)
        assert_type(await hero.patients.list().to_list(limit=500), list[Patient])

        assert_type(hero.patients.ehr.candidates("1"), AsyncPaginator[PatientV2])

        registered = await hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11), mobile="07700900123"
        )
        assert_type(registered, RegisteredPatient)
        assert_type(registered.patient_id, str)
        # Either variant of the body's oneOf: by NHS number, or by demographics.
        traced = await hero.patients.register_pds(dob=date(1989, 4, 11), nhs_number="9434765919")
        assert_type(traced, RegisteredPatient | PdsLoginRequired)
        traced = await hero.patients.register_pds(
            dob="1989-04-11", postcode="LS6 3AA", forename="Ada", surname="Lovelace",
            ehr_partner="emis", timeout=5,
        )  # fmt: skip
        assert_type(traced, RegisteredPatient | PdsLoginRequired)
        raw_traced = await hero.patients.with_raw_response.register_pds(
            dob=date(1989, 4, 11), nhs_number="9434765919"
        )
        assert_type(raw_traced.parse(), RegisteredPatient | PdsLoginRequired)

        preview = await hero.patients.merge_preview("1", "2")
        assert_type(preview, MergePreview)
        assert_type(await hero.patients.merge(preview), None)

        try:
            await hero.patients.get("999999")
        except NotFoundError as error:
            assert_type(error.status_code, int)
            assert_type(error.request_id, str | None)
        except InvalidInputError as error:
            assert_type(error.field, str)


# ---- a user's tests, on herohealth.testing ----------------------------------------------

RE_EXPORTED = (fake_hero, hero)
BOOKINGS: dict[str, list[dict[str, Any]]] = {}  # by practice group: each sees its own


def list_bookings(request: FakeRequest) -> Answer:
    """A plugged handler: reads the request as openapi.yaml typed it, chooses the status."""
    assert_type(request.operation, str)
    assert_type(request.practice_group_id, str)
    assert_type(request.path_params, Mapping[str, Any])
    assert_type(request.query, Mapping[str, Any])
    assert_type(request.headers, Mapping[str, Any])
    assert_type(request.base_url, str)
    mine = BOOKINGS.get(request.practice_group_id, [])
    if request.query.get("status") == "cancelled":
        return Answer(404, {"message": "No cancelled bookings"}, headers={"retry-after": "5"})
    return Answer(200, {"data": mine, "count": len(mine)})


async def create_booking(request: FakeRequest) -> dict[str, Any]:
    """An async handler: its return value is the body of the documented success (201)."""
    await asyncio.sleep(0)
    mine = BOOKINGS.setdefault(request.practice_group_id, [])
    mine.append({"id": str(len(mine) + 1), **request.body})
    return mine[-1]


def oops(request: FakeRequest) -> Answer:
    return Answer(200, {"data": "oops"}, off_spec=True)  # sent unchecked, on purpose


@pytest.fixture
def seeded(fake_hero: FakeHero) -> str:
    """A user's fixture on top of `fake_hero`: a patient, by its id."""
    return fake_hero.add_patient(
        first_name="Ada", last_name="Lovelace", dob="1989-04-11", mobile="07700900123"
    )


@pytest.fixture
def waits() -> Iterator[list[float]]:
    with no_retry_waits() as recorded:
        assert_type(recorded, list[float])
        yield recorded


async def test_lookup(fake_hero: FakeHero, hero: HeroHealth, seeded: str) -> None:
    assert_type(fake_hero.api_key, str)
    assert_type(fake_hero.practice_group_id, str)
    assert_type(fake_hero.base_url, str)
    assert_type(fake_hero.operations, frozenset[str])
    patient = await hero.patients.get(seeded)
    assert_type(patient, Patient)
    assert_type(fake_hero.patient(seeded), dict[str, Any])
    assert fake_hero.patient(seeded)["first_name"] == patient.first_name
    await hero.patients.list(search="9434765919", extra_query={"ids": ["1", "2"]})
    last = fake_hero.requests[-1]
    assert_type(last, RecordedRequest)
    assert_type(last.method, str)
    assert_type(last.path, str)
    assert_type(last.query, QueryValues)
    assert_type(last.query.getlist("ids"), list[str])
    assert_type(last.query.multi_items(), list[tuple[str, str]])
    assert_type(last.query.get("search"), str | None)
    assert_type(last.json, Any)
    assert_type(last.status, int | None)
    assert_type(last.practice_group_id, str | None)
    assert_type(last.operation, str | None)
    assert_type(last.request_id, str)
    assert_type(last.fault, str | None)
    assert_type(last.headers, Mapping[str, str])
    assert last.headers["x-api-key"] == "***"
    assert last.query == {"search": "9434765919", "ids": "2"}
    expected = RecordedRequest(
        "GET", "/v1/patients", {"ids": ["1", "2"]}, None, 200, "pg-1", "list_patients", "fake-1"
    )
    assert expected.query.getlist("ids") == last.query.getlist("ids")
    assert QueryValues([("ids", "1"), ("ids", "2")]) == QueryValues({"ids": ("1", "2")})


async def test_plugged_handlers_and_faults(waits: list[float]) -> None:
    with FakeHero(practice_group_id="pg-9", api_key="key-9", spec=Path("openapi.yaml")) as fake:
        assert_type(fake, FakeHero)
        fake.add_practice_group("pg-2", api_key="key-2")
        patient_id = fake.add_patient(first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11))
        assert_type(patient_id, str)
        fake.update_patient(patient_id, first_name="Augusta")
        ehr_id = fake.add_ehr_record(first_name="Ada", last_name=None, dob=None, postcode="LS6")
        assert_type(ehr_id, str)
        assert_type(fake.add_attachment(patient_id, file_name="letter.pdf"), str)
        fake.set_billing_info(patient_id, external_billing_id="b-1", insurer="Bupa")
        assert_type(fake.add_payment_method(patient_id, last4="1111"), str)

        fake.handle("listBookings", list_bookings)
        fake.handle("createBooking", create_booking)
        fake.handle("getBooking", lambda request: {"id": request.path_params["id"]})
        fake.handle("getBooking", oops)
        plugged: Handler = create_booking
        fake.handle("createBooking", plugged)

        fake.fail_next(503, retry_after=1, times=2, path="/v1/patients/*", method="GET")
        fake.delay_next(0.5, path="/v1/patients/*")
        kind: MalformKind = "truncated_json"
        fake.malform_next(kind)
        fake.malform_next("missing_field", field="id", times=1)
        fake.drop_next(processed=False)
        async with HeroHealth(
            api_key=fake.api_key,
            practice_group_id=fake.practice_group_id,
            base_url=fake.base_url,
            http_client=fake.client(headers={"x-trace": "1"}),
        ) as hero:
            try:
                await hero.patients.get(patient_id)
            except InternalServerError as error:
                assert_type(error.status_code, int)
            except APIConnectionError as error:
                assert_type(error.may_have_been_processed, bool)
        fake.clear_faults()
        assert_type(fake.client(), httpx.AsyncClient)
        async with fake.serve(port=0) as base_url:
            assert_type(base_url, str)
        assert_type(fake.off_spec_answers, list[OffSpecAnswer])
        try:
            fake.check_answers()
        except OffSpecAnswer as error:
            assert_type(error.operation, str)
            assert_type(error.status, object)
            assert_type(error.problems, list[tuple[str, str]])
    assert_type(ConnectionDropped("dropped"), ConnectionDropped)
    assert isinstance(ConnectionDropped("dropped"), httpx.TransportError)
    assert_type(waits, list[float])


@no_retry_waits()
async def test_gives_up(fake_hero: FakeHero, hero: HeroHealth) -> None:
    fake_hero.fail_next(503, times=3)
    with pytest.raises(InternalServerError):
        await hero.patients.get("1")


async def calls_the_decorated_test(fake: FakeHero, hero: HeroHealth) -> None:
    # @no_retry_waits() keeps the test's signature (a mistake calling it is caught).
    assert_type(await test_gives_up(fake, hero), None)
