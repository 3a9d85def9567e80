"""Models that survive Hero's next release: new enum values, new fields, dates, nulls."""

from __future__ import annotations

import contextlib
import datetime
import gc
import json
import weakref
from typing import Any

import pytest
from helpers import BASE_URL, patient_json
from herohealth_openapi.models import PatientList
from pytest_httpx import HTTPXMock

from herohealth import UNSET, HeroHealth, Patient, ResponseValidationError, Unset

UTC = datetime.UTC


def patient_body(**changes: Any) -> dict[str, Any]:
    """A full Patient body (an EMIS record with names), with `changes` applied."""
    full = patient_json(
        id="1234",
        first_name="Ada",
        last_name="Lovelace",
        title="Dr",
        sex="Female",
        data_source="emis",
        last_sync_at="2019-08-24T14:15:22Z",
        identifiers=[
            {"source": "nhs", "name": "nhs_number", "role": "main", "label": "NHS", "value": "1"}
        ],
    )
    return {**full, **changes}


async def get_patient(hero: HeroHealth, httpx_mock: HTTPXMock, **changes: Any) -> Patient:
    httpx_mock.add_response(url=f"{BASE_URL}/v1/patients/1234", json=patient_body(**changes))
    return await hero.patients.get("1234")


@pytest.mark.parametrize(
    ("field", "new_value"),
    [
        ("title", "Lord"),  # optional, nullable enum
        ("sex", "Intersex"),  # optional, nullable enum
        ("data_source", "nhs_app"),  # required enum
        ("status", "deleted"),  # required enum
    ],
)
async def test_enum_value_added_by_hero_later_is_kept(
    hero: HeroHealth, httpx_mock: HTTPXMock, field: str, new_value: str
) -> None:
    patient = await get_patient(hero, httpx_mock, **{field: new_value})
    assert getattr(patient, field) == new_value
    assert patient.to_dict()[field] == new_value


async def test_new_identifier_label_is_kept(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    identifier = {"source": "vision", "name": "vision_id", "role": "alias", "label": "Vision"}
    patient = await get_patient(hero, httpx_mock, identifiers=[{**identifier, "value": "V1"}])
    assert (patient.identifiers[0].source, patient.identifiers[0].label) == ("vision", "Vision")


async def test_unknown_fields_are_kept_at_every_level(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    identifier = {"source": "nhs", "name": "nhs_number", "role": "main", "label": "NHS"}
    patient = await get_patient(
        hero,
        httpx_mock,
        pronouns="she/her",  # not in openapi.yaml (yet)
        identifiers=[{**identifier, "value": "1", "verified": True}],
    )
    assert patient.additional_properties == {"pronouns": "she/her"}
    assert patient["pronouns"] == "she/her"
    assert patient.identifiers[0].additional_properties == {"verified": True}
    assert patient.to_dict()["pronouns"] == "she/her"


async def test_date_only_and_full_date_times_are_both_aware_and_comparable(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    patient = await get_patient(hero, httpx_mock)
    assert patient.dob == datetime.datetime(1989, 4, 11, tzinfo=UTC)
    assert patient.dob.date() == datetime.date(1989, 4, 11)
    assert patient.last_sync_at == datetime.datetime(2019, 8, 24, 14, 15, 22, tzinfo=UTC)
    assert patient.dob < patient.last_sync_at  # no "can't compare offset-naive" TypeError


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("2019-08-24T14:15:22Z", datetime.datetime(2019, 8, 24, 14, 15, 22, tzinfo=UTC)),
        ("2019-08-24T14:15:22.123Z", datetime.datetime(2019, 8, 24, 14, 15, 22, 123000, UTC)),
        (
            "2019-08-24T15:15:22+01:00",
            datetime.datetime(2019, 8, 24, 14, 15, 22, tzinfo=UTC),
        ),
        # No offset: Hero's times are UTC.
        ("2019-08-24T14:15:22", datetime.datetime(2019, 8, 24, 14, 15, 22, tzinfo=UTC)),
        ("2019-08-24", datetime.datetime(2019, 8, 24, tzinfo=UTC)),
    ],
)
async def test_date_time_forms_hero_may_send(
    hero: HeroHealth, httpx_mock: HTTPXMock, sent: str, read: datetime.datetime
) -> None:
    patient = await get_patient(hero, httpx_mock, deceased_at=sent)
    assert patient.deceased_at == read
    assert isinstance(patient.deceased_at, datetime.datetime)
    assert patient.deceased_at.tzinfo is not None


async def test_to_dict_writes_dates_as_aware_iso_8601(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # The one normalisation on the way back out: a bare date is written as the
    # instant it was read as, midnight UTC, so the value is unambiguous.
    patient = await get_patient(hero, httpx_mock)
    assert patient.to_dict()["dob"] == "1989-04-11T00:00:00+00:00"
    assert Patient.from_dict(patient.to_dict()) == patient


async def test_every_nullable_field_may_be_null(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    nullable = [
        "uid", "emis_id", "ehr_partner_id", "dob", "deceased_at", "title", "first_name",
        "last_name", "sex", "nhs_number", "email", "emails", "mobile", "last_sync_at",
        "address_line_1", "address_line_2", "address_line_3", "country", "postcode", "town",
        "county", "notes", "verification_credentials", "sex_changed_at", "ehr_registered",
    ]  # fmt: skip
    patient = await get_patient(hero, httpx_mock, **dict.fromkeys(nullable))
    assert all(getattr(patient, name) is None for name in nullable)


async def test_v2_patient_with_null_data_source_and_new_one(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    base = {"dob": None, "identifiers": [], "ehr_registered": None}
    httpx_mock.add_response(
        url=f"{BASE_URL}/v2/patients",
        json={
            "data": [{**base, "data_source": None}, {**base, "data_source": "vision"}],
            "count": 2,
        },
    )
    page = await hero.patients.list_v2()
    assert [p.data_source for p in page.data] == [None, "vision"]


async def test_repr_shows_only_what_hero_sent(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    body = patient_json(first_name="Ada", nickname="Countess of Lovelace")  # id "1"
    for absent in ("uid", "emis_id", "email", "notes"):
        body.pop(absent, None)
    httpx_mock.add_response(json=body)
    patient = await hero.patients.get("1234")
    shown = repr(patient)
    assert shown.startswith("Patient(id='1', ")
    assert "first_name='Ada'" in shown
    assert "nickname='Countess of Lovelace'" in shown  # a field Hero added later
    assert "uid=" not in shown
    assert "Unset" not in shown
    assert "object at 0x" not in shown
    assert isinstance(patient.uid, Unset)
    assert repr(UNSET) == "UNSET"


async def test_absent_and_null_are_told_apart_and_both_falsy(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    body = patient_json(first_name=None)
    body.pop("last_name", None)
    httpx_mock.add_response(json=body)
    patient = await hero.patients.get("1234")
    assert patient.first_name is None  # sent as null
    assert patient.last_name is UNSET  # not sent
    assert not patient.first_name
    assert not patient.last_name
    assert "last_name" not in patient.to_dict()
    assert patient.to_dict()["first_name"] is None


IDENTIFIER = {"source": "nhs", "name": "nhs_number", "role": "main", "label": "NHS",
              "value": "9434765919"}  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"id": 1234}, "id", id="id-number"),
        pytest.param({"id": None}, "id", id="id-null"),
        pytest.param({"id": [1]}, "id", id="id-array"),
        pytest.param({"id": float("nan")}, "id", id="id-nan"),
        pytest.param({"first_name": 5}, "first_name", id="first_name-number"),
        pytest.param({"first_name": {"a": 1}}, "first_name", id="first_name-object"),
        pytest.param({"ehr_registered": "yes"}, "ehr_registered", id="ehr_registered-string"),
        pytest.param({"restricted": 1}, "restricted", id="restricted-number"),
        pytest.param({"identifiers": {}}, "identifiers", id="identifiers-object"),
        pytest.param({"identifiers": ["nhs"]}, "identifiers[0]", id="identifiers-item-string"),
        pytest.param({"identifiers": [None]}, "identifiers[0]", id="identifiers-item-null"),
        pytest.param(
            {"identifiers": [{**IDENTIFIER, "role": 1}]},
            "identifiers[0].role",
            id="identifier-role-number",
        ),
        pytest.param(
            {"identifiers": [IDENTIFIER, IDENTIFIER, {**IDENTIFIER, "value": None}]},
            "identifiers[2].value",
            id="third-identifier-value-null",
        ),
        pytest.param({"dob": "11/04/1989"}, "dob", id="dob-not-iso"),
        pytest.param({"dob": 19890411}, "dob", id="dob-number"),
        pytest.param({"sex": True}, "sex", id="enum-bool"),
        pytest.param({"emails": "ada@example.org"}, "emails", id="emails-string"),
    ],
)
async def test_a_wrong_json_type_is_a_response_validation_error_naming_the_field(
    hero: HeroHealth, httpx_mock: HTTPXMock, overrides: dict[str, Any], field: str
) -> None:
    # json.dumps, not pytest-httpx's json=: NaN must reach the SDK as Python's json writes it.
    body = json.dumps(patient_json(**overrides)).encode()
    httpx_mock.add_response(content=body, headers={"content-type": "application/json"})
    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.get("1")
    assert caught.value.field == field
    assert caught.value.__cause__ is None  # the parser's own message may quote the value


async def test_a_missing_field_of_a_nested_model_is_named_by_its_path(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    identifier = dict(IDENTIFIER)
    del identifier["role"]
    httpx_mock.add_response(json=patient_json(identifiers=[IDENTIFIER, identifier]))
    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.get("1")
    assert caught.value.field == "identifiers[1].role"
    assert "required field missing" in str(caught.value)


async def test_a_bad_patient_in_a_page_is_named_by_its_place(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # Which of a page's patients Hero sent wrong, down to the field, and never its value.
    patients = [patient_json(id=str(n)) for n in range(5)]
    patients[3]["identifiers"] = [IDENTIFIER, {**IDENTIFIER, "label": 7}]
    patients[4]["dob"] = "not a date"
    httpx_mock.add_response(json={"data": patients, "count": 5})
    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.list()
    assert caught.value.field == "data[3].identifiers[1].label"
    assert "'data[3].identifiers[1].label'" in str(caught.value)
    assert "9434765919" not in str(caught.value)


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        (
            {"patient_id": 9434765919},
            [
                "RegisteredPatient (field 'patient_id': expected a string)",
                "PdsLoginRequired (field 'message': required field missing)",
            ],
        ),
        (
            {"message": "Mrs 9434765919 must log in"},
            [
                "RegisteredPatient (field 'patient_id': required field missing)",
                "PdsLoginRequired (field 'login_url': required field missing)",
            ],
        ),
        (["9434765919"], ["RegisteredPatient (not of its type)", "PdsLoginRequired (not of"]),
    ],
    ids=["registered-with-a-wrong-type", "login-required-missing-a-field", "not-an-object"],
)
async def test_an_answer_fitting_no_shape_of_its_one_of_names_each_shapes_problem(
    hero: HeroHealth, httpx_mock: HTTPXMock, body: Any, problems: list[str]
) -> None:
    # register_pds answers RegisteredPatient or PdsLoginRequired. Before, the error named
    # only the last shape's problem: "field 'message': required field missing" for a
    # RegisteredPatient whose patient_id was a number.
    httpx_mock.add_response(json=body)
    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.register_pds(
            nhs_number="9434765919", dob=datetime.date(1989, 4, 11),
            ehr_partner="emis", ehr_partner_id="500123",
        )  # fmt: skip
    assert caught.value.field is None  # no one field: each shape refused its own
    assert "fits none of its documented shapes: " + "; ".join(problems) in str(caught.value)
    assert "9434765919" not in str(caught.value)


async def test_a_wrong_json_type_in_a_list_count_is_refused(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json={"data": [], "count": True})
    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.list()
    assert caught.value.field == "count"


# ---------------------------------------------------------------------------------------
# Decoding keeps the cyclic collector off large answers, and gives it back as it was
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body", [patient_json(), patient_json(dob="not a date")], ids=["ok", "bad"]
)
async def test_decoding_leaves_the_collector_on(
    hero: HeroHealth, httpx_mock: HTTPXMock, body: dict[str, Any]
) -> None:
    httpx_mock.add_response(json=body)
    with contextlib.suppress(ResponseValidationError):
        await hero.patients.get("1")
    assert gc.isenabled()


async def test_decoding_leaves_a_collector_you_turned_off_off(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=patient_json())
    gc.disable()
    try:
        await hero.patients.get("1")
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_no_collection_runs_while_a_large_page_is_decoded(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # 5,000 patients make about 15,000 tracked objects: left on, the collector would run
    # dozens of times while they are decoded.
    page = {"data": [patient_json(id=str(n)) for n in range(5_000)], "count": 5_000}
    httpx_mock.add_response(json=page)
    decoding = False
    during: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if decoding and phase == "start":
            during.append(info["generation"])

    original = PatientList.from_dict.__func__  # type: ignore[attr-defined]

    def from_dict(cls: type[PatientList], src: Any) -> PatientList:
        nonlocal decoding
        decoding = True
        try:
            return original(cls, src)  # type: ignore[no-any-return]
        finally:
            decoding = False

    gc.callbacks.append(record)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(PatientList, "from_dict", classmethod(from_dict))
            patients = await hero.patients.list().to_list()
    finally:
        gc.callbacks.remove(record)
    assert len(patients) == 5_000
    assert during == []


def _large_page(patients: int = 2_000) -> dict[str, Any]:
    # About 1.6 MB: over the size from which decoding keeps the collector out.
    return {"data": [patient_json(id=str(n)) for n in range(patients)], "count": patients}


def _young() -> set[int]:
    """Ids of the objects in the collector's two young generations."""
    return {id(thing) for generation in (0, 1) for thing in gc.get_objects(generation)}


async def test_a_large_page_is_decoded_into_the_oldest_generation(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # Left young, the page's objects would be scanned by the next young collections, to no
    # end: a decoded answer makes no cycles.
    httpx_mock.add_response(json=_large_page())
    frozen = gc.get_freeze_count()
    threshold = gc.get_threshold()
    if frozen:
        # Where the page stays young, the collector's own young collections after the call
        # would move it along anyway (after the suite's other tests, the next one may be a
        # middle-generation one): none runs until it has been looked at.
        gc.set_threshold(1_000_000)
    try:
        page = await hero.patients.list()
        young = _young()
    finally:
        gc.set_threshold(*threshold)
    assert len(page.data) == 2_000
    if frozen:
        # Python 3.12 starts with objects frozen, which unfreezing would let go of: there the
        # collector is only paused, and what is frozen stays frozen.
        assert gc.get_freeze_count() == frozen
        assert all(id(patient) in young for patient in page.data)
    else:
        assert not any(id(patient) in young for patient in page.data)
        assert not any(id(patient.identifiers) in young for patient in page.data)


async def test_a_small_answer_is_decoded_with_the_collector_as_usual(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=patient_json())
    threshold = gc.get_threshold()
    gc.set_threshold(1_000_000)  # no collection of its own during the call
    try:
        patient = await hero.patients.get("1")
        assert id(patient) in _young()
    finally:
        gc.set_threshold(*threshold)


async def test_garbage_from_before_a_large_page_is_still_collected(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # What the young generations held before the answer is collected as usual, not moved
    # along with the page into the generation collected least often.

    class Node:
        other: Node

    page = _large_page()
    threshold = gc.get_threshold()
    # Young generations of at most 15,000 objects: collected before decoding (where nothing
    # is frozen; on Python 3.12 the next young collection frees the cycle). No collection of
    # the collector's own runs before (5,000 allocations): only that one can free the cycle.
    gc.set_threshold(5_000, 2)
    try:
        cycle = Node()
        cycle.other = cycle
        gone = weakref.ref(cycle)
        del cycle
        httpx_mock.add_response(json=page)
        await hero.patients.list()
        assert gone() is None
    finally:
        gc.set_threshold(*threshold)


async def test_young_generations_made_large_are_not_collected_for_a_large_page(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # An application that raised the collector's thresholds (so its young generations hold
    # many objects) pays for no collection of them per answer: the page only decodes with
    # the collector paused, and stays young.
    httpx_mock.add_response(json=_large_page())
    collections: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 10)  # young generations of up to 1,100,000 objects
    gc.callbacks.append(record)
    try:
        page = await hero.patients.list()
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)
    assert collections == []
    assert id(page.data[0]) in _young()


async def test_objects_you_froze_stay_frozen(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    # An application that froze its objects (before forking workers, to share their pages)
    # keeps them frozen: the page then decodes with the collector as it was.
    httpx_mock.add_response(json=_large_page())
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        page = await hero.patients.list()
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
        assert len(page.data) == 2_000
    finally:
        gc.unfreeze()


def test_a_date_field_is_read_or_named() -> None:
    # openapi.yaml has no `format: date` field today; the models' reader for one is ready.
    from herohealth_openapi.types import FieldValueError, read_date

    assert read_date("1989-04-11", "dob") == datetime.date(1989, 4, 11)
    assert read_date("19890411", "dob") == datetime.date(1989, 4, 11)  # ISO 8601 basic
    with pytest.raises(FieldValueError) as caught:
        read_date("11/04/1989", "dob")
    assert caught.value.field == "dob"
    assert "11/04" not in str(caught.value)  # never quoted: it may be patient data


def test_a_field_left_to_the_generators_code_is_named() -> None:
    # RegisterPatientRequest.title (a string or a Title: two alternatives of one JSON type)
    # is decoded by the generator's own code, after the same JSON type check (which names
    # it here); whatever that code raises is named too (no value of this shape reaches it).
    from herohealth_openapi.models import RegisterPatientRequest
    from herohealth_openapi.types import FieldTypeError

    body = {"first_name": "Ada", "last_name": "Lovelace", "dob": "1989-04-11",
            "mobile": "07700900123", "email": "ada@example.org", "title": 5}  # fmt: skip
    with pytest.raises(FieldTypeError) as caught:
        RegisterPatientRequest.from_dict(body)
    assert caught.value.field == "title"


async def test_a_bad_field_of_a_nested_model_is_named_by_its_path(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    preview = {
        "main_patient": patient_json(id="1"),
        "incoming_patient": patient_json(id="2", sex=["Male"]),
        "result_patient": patient_json(id="1"),
        "merge_token": "tok_1",
    }
    httpx_mock.add_response(json=preview)
    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.merge_preview("1", "2")
    assert caught.value.field == "incoming_patient.sex"
