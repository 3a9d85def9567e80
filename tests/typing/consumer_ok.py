"""A correct user of the installed `herohealth` wheel: `mypy --strict` and pyright in strict
mode (Pylance's checker) must accept it as is.

tests/typing/test_consumer_typing.py type-checks this module against the built wheel in a
fresh virtualenv (never against the checkout); it is never run. Each `assert_type` pins a
type a user relies on.
"""

from datetime import date
from typing import assert_type

import httpx

from herohealth import (
    NULL,
    UNSET,
    AsyncPaginator,
    HeroHealth,
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
