"""Schema-driven property tests: every response body openapi.yaml allows parses and round-trips.

For each of the 11 operations that answer with a body (merge and EHR connect answer
with none), hypothesis-jsonschema draws response bodies from the operation's 200
schema in openapi.yaml. Each body is served by an in-process `httpx.MockTransport`
to a real `HeroHealth` client, and the typed result's `to_dict()` must give the
body back, modulo date normalisation: a `format: date-time` value comes back as an
aware ISO 8601 string with an offset, so both sides are compared as
`(instant, utc offset)` with a naive value read as UTC (what the SDK documents).

Generation tweaks, each narrowing what the schema allows (noted so a reader can
judge them):
- list envelopes: `count` is `type: number` in the spec, but Hero's count is a
  total of items; it is drawn as an integer >= len(data) (the SDK reads it with
  `int(count)`, so a fractional count or one below the items sent is out of scope);
- to keep the run small: strings without a `format` or `pattern` have at most 16
  characters, arrays at most 3 items, and an object at most 5 keys beyond its
  required ones (optional declared fields and undeclared ones share those 5;
  across examples every optional field is drawn). Sizes play no part in parsing.
Fields the spec does not declare (it never sets `additionalProperties: false`)
are generated too: they must survive in `model.additional_properties`.

Profiles (tests/properties/conftest.py): `ci` by default, 200 derandomized examples
per operation; `HYPOTHESIS_PROFILE=deep` (`make test-deep`) 1,000 random ones.
"""

from __future__ import annotations

import asyncio
import copy
import datetime
import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from dateutil.parser import isoparse
from helpers import spec_operations
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from herohealth import HeroHealth, PdsLoginRequired, RegisteredPatient

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
COMPONENTS: dict[str, Any] = SPEC["components"]["schemas"]
BASE_URL = "https://hero.test"

MAX_STRING = 16
MAX_ITEMS = 3
MAX_OPTIONAL_KEYS = 5  # declared-but-optional or undeclared keys per object, beyond the required
MAX_COUNT = 2**53  # the largest count a JSON number carries exactly everywhere

# ---------------------------------------------------------------------------
# Schemas from openapi.yaml
# ---------------------------------------------------------------------------


def operations() -> dict[str, dict[str, Any]]:
    """Every operation of the spec by operationId."""
    return {operation_id: op for operation_id, (_, _, op) in spec_operations(SPEC).items()}


def response_schema(operation_id: str) -> dict[str, Any] | None:
    """The success response's JSON schema of an operation, None when it has no JSON body."""
    responses = operations()[operation_id]["responses"]
    success = next(answer for status, answer in responses.items() if str(status).startswith("2"))
    json_content = (success.get("content") or {}).get("application/json")
    if not json_content:
        return None
    schema: dict[str, Any] = json_content["schema"]
    return schema


def resolve(schema: Any) -> Any:
    """`schema` with every `#/components/schemas/...` reference inlined (the spec has no cycles).

    Annotation-only keys (description, example) are dropped; a schema beside a `$ref`
    (none in the spec today) would be kept under `allOf`.
    """
    if isinstance(schema, list):
        return [resolve(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        prefix = "#/components/schemas/"
        ref = schema["$ref"]
        assert ref.startswith(prefix), ref
        target = resolve(COMPONENTS[ref.removeprefix(prefix)])
        rest = {k: v for k, v in schema.items() if k not in {"$ref", "description", "example"}}
        return {"allOf": [target, resolve(rest)]} if rest else target
    resolved: dict[str, Any] = {}
    for key, value in schema.items():
        if key in {"description", "example", "examples"}:
            continue
        if key == "properties":
            resolved[key] = {name: resolve(sub) for name, sub in value.items()}
        else:
            resolved[key] = resolve(value)
    return resolved


def _types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


def bounded(schema: Any) -> Any:
    """A copy of a resolved schema with short plain strings and short arrays (see module doc)."""
    if isinstance(schema, list):
        return [bounded(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        key: ({n: bounded(s) for n, s in value.items()} if key == "properties" else bounded(value))
        for key, value in schema.items()
    }
    types = _types(schema)
    if "string" in types and "format" not in schema and "pattern" not in schema:
        out.setdefault("maxLength", MAX_STRING)
    if "array" in types:
        out.setdefault("maxItems", MAX_ITEMS)
    if "object" in types:
        out.setdefault("maxProperties", len(schema.get("required", [])) + MAX_OPTIONAL_KEYS)
    return out


@functools.cache
def resolved_response(operation_id: str) -> dict[str, Any]:
    schema = response_schema(operation_id)
    assert schema is not None, operation_id
    resolved: dict[str, Any] = resolve(schema)
    return resolved


@functools.cache
def validator(operation_id: str) -> jsonschema.Draft202012Validator:
    # The spec is OpenAPI 3.1, whose schemas are JSON Schema 2020-12. The format
    # checker checks date-time as RFC 3339 (rfc3339-validator is a dev dependency).
    return jsonschema.Draft202012Validator(
        resolved_response(operation_id),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


# ---------------------------------------------------------------------------
# Comparing modulo date normalisation
# ---------------------------------------------------------------------------


def _instant(value: str) -> tuple[datetime.datetime, datetime.timedelta | None]:
    parsed = isoparse(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed, parsed.utcoffset()


def _matches(schema: dict[str, Any], value: Any) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(value)


def normalise(value: Any, schema: dict[str, Any]) -> Any:
    """`value` with each schema-declared date-time as (instant, offset) and booleans tagged.

    Only values the schema declares `format: date-time` are parsed: a string that
    merely looks like a date in an undeclared field must come back unchanged.
    Booleans are tagged so that `True` never equals `1`.
    """
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str) and schema.get("format") == "date-time":
        return _instant(value)
    for branch in schema.get("allOf", []):
        value = normalise(value, branch)
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, []):
            if _matches(branch, value):
                return normalise(value, branch)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {name: normalise(item, properties.get(name, {})) for name, item in value.items()}
    if isinstance(value, list):
        items = schema.get("items", {})
        return [normalise(item, items) for item in value]
    return value


def assert_round_trips(sent: Any, returned: Any, schema: dict[str, Any]) -> None:
    assert normalise(returned, schema) == normalise(sent, schema)


# ---------------------------------------------------------------------------
# Serving a body to the SDK in process
# ---------------------------------------------------------------------------


def call_with_body(body: Any, call: Callable[[HeroHealth], Awaitable[Any]]) -> Any:
    """Run `call(hero)` against a transport that answers every request with `body`."""
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=body)

    async def run() -> Any:
        transport = httpx.MockTransport(handler)
        async with (
            httpx.AsyncClient(transport=transport) as http,
            HeroHealth(
                api_key="k",
                practice_group_id="pg",
                base_url=BASE_URL,
                max_retries=0,
                http_client=http,
            ) as hero,
        ):
            return await call(hero)

    result = asyncio.run(run())
    assert len(requests) == 1  # no paging parameters in the spec: one envelope, one request
    return result


DOB = datetime.date(1989, 4, 11)

# operationId -> the SDK call that sends it.
CALLS: dict[str, Callable[[HeroHealth], Awaitable[Any]]] = {
    "get_patient": lambda hero: hero.patients.get("1234"),
    "get_patient_v2": lambda hero: hero.patients.get_v2("1234"),
    "get_patient_billing_info": lambda hero: hero.patients.billing_info("1234"),
    "register_patient": lambda hero: hero.patients.register(
        dob=DOB, first_name="Ada", last_name="Lovelace", mobile="07700900123"
    ),
    "register_patient_pds": lambda hero: hero.patients.register_pds(
        dob=DOB, nhs_number="9434765919"
    ),
    "preview_patient_merge": lambda hero: hero.patients.merge_preview("1234", "5678"),
    # List operations answer a paginator; awaiting it gives the first Page.
    "list_patients": lambda hero: _first_page(hero.patients.list()),
    "list_patients_v2": lambda hero: _first_page(hero.patients.list_v2()),
    "list_ehr_candidates": lambda hero: _first_page(hero.patients.ehr.candidates("1234")),
    "list_patient_attachments": lambda hero: _first_page(hero.patients.attachments("1234")),
    "list_patient_payment_methods": lambda hero: _first_page(hero.patients.payment_methods("1234")),
}
LIST_OPERATIONS = frozenset(name for name in CALLS if name.startswith("list_"))
SINGLE_MODEL_OPERATIONS = frozenset(
    {"get_patient", "get_patient_v2", "get_patient_billing_info", "register_patient"}
)


async def _first_page(paginator: Any) -> Any:
    return await paginator


# ---------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------


@functools.cache
def bodies(operation_id: str) -> st.SearchStrategy[Any]:
    """Response bodies of an operation, drawn from its (bounded) schema."""
    schema = bounded(resolved_response(operation_id))
    strategy = from_schema(schema)
    if operation_id in LIST_OPERATIONS:
        # `count`: an integer >= len(data), not any JSON number (see the module doc).
        strategy = strategy.flatmap(
            lambda body: st.integers(min_value=len(body["data"]), max_value=MAX_COUNT).map(
                lambda count: {**body, "count": count}
            )
        )
    return strategy


# ---------------------------------------------------------------------------
# The properties
# ---------------------------------------------------------------------------


def test_every_operation_with_a_response_body_is_covered() -> None:
    # Every reference operation (those sdk.yaml names) with a response body has its call
    # here; operations a Hero release adds are answered from their schemas by FakeHero and
    # the regeneration tests.
    sdk = yaml.safe_load((SPEC_PATH.parent / "sdk.yaml").read_text())
    named = {name for resource in sdk["resources"].values() for name in resource["methods"]}
    assert {name for name in named if response_schema(name) is not None} == set(CALLS)


def check_response(operation_id: str, body: Any) -> None:
    """Serve `body` for `operation_id` and assert the SDK's result round-trips it."""
    schema = resolved_response(operation_id)
    # The body is one the contract allows (date-times as RFC 3339 included).
    validator(operation_id).validate(body)
    sent = copy.deepcopy(body)
    result = call_with_body(body, CALLS[operation_id])

    if operation_id in SINGLE_MODEL_OPERATIONS:
        assert_round_trips(sent, result.to_dict(), schema)
    elif operation_id in LIST_OPERATIONS:
        item_schema = _envelope_items(schema)
        assert result.count == int(sent["count"])
        assert isinstance(result.count, int)
        assert len(result.data) == len(sent["data"])
        for item, sent_item in zip(result.data, sent["data"], strict=True):
            assert_round_trips(sent_item, item.to_dict(), item_schema)
    elif operation_id == "preview_patient_merge":
        properties = schema["properties"]
        assert (result.main_id, result.incoming_id) == ("1234", "5678")
        assert result.token == sent["merge_token"]
        for attribute, name in [
            ("main", "main_patient"),
            ("incoming", "incoming_patient"),
            ("result", "result_patient"),
        ]:
            assert_round_trips(sent[name], getattr(result, attribute).to_dict(), properties[name])
    elif operation_id == "register_patient_pds":
        # oneOf: exactly one variant fits the body; the SDK must answer that model.
        variants = schema["oneOf"]
        fitting = [i for i, variant in enumerate(variants) if _matches(variant, sent)]
        assert len(fitting) == 1
        expected = (RegisteredPatient, PdsLoginRequired)[fitting[0]]
        assert type(result) is expected, f"{type(result).__name__} for a {expected.__name__}"
        assert_round_trips(sent, result.to_dict(), variants[fitting[0]])
    else:  # pragma: no cover - test_every_operation_with_a_response_body_is_covered
        raise AssertionError(operation_id)


def _envelope_items(schema: dict[str, Any]) -> dict[str, Any]:
    items: dict[str, Any] = schema["properties"]["data"]["items"]
    return items


@pytest.mark.parametrize("operation_id", sorted(CALLS))
@given(data=st.data())
def test_generated_response_parses_and_round_trips(operation_id: str, data: st.DataObject) -> None:
    check_response(operation_id, data.draw(bodies(operation_id), label="body"))


# ---------------------------------------------------------------------------
# Fixed examples: forms the generator does not draw, and a failure found
# ---------------------------------------------------------------------------

PATIENT = {
    "id": "1234",
    "dob": None,
    "data_source": "emis",
    "status": "unarchived",
    "identifiers": [],
    "ehr_registered": None,
}


@pytest.mark.parametrize(
    "value",
    [
        "2019-08-24t14:15:22z",  # RFC 3339 allows lower-case T and Z
        "2019-08-24T14:15:22-00:00",  # "offset unknown"
        "2019-08-24T14:15:22.123456789+05:30",  # more fractional digits than microseconds
        "0001-01-01T00:00:00+05:00",
    ],
)
def test_rfc3339_forms_the_generator_does_not_draw(value: str) -> None:
    check_response("get_patient", {**PATIENT, "dob": value, "last_sync_at": value})


def test_bare_date_of_birth_comes_back_as_midnight_utc() -> None:
    # Not RFC 3339 (so not drawn, and check_response would reject it as off-contract),
    # but what Hero sends for a date of birth; the README documents midnight UTC.
    patient = call_with_body({**PATIENT, "dob": "1989-04-11"}, CALLS["get_patient"])
    assert patient.to_dict()["dob"] == "1989-04-11T00:00:00+00:00"


# FINDING (src not changed): register_pds answers `oneOf: [RegisteredPatient,
# PdsLoginRequired]`. The generated parser tries RegisteredPatient.from_dict first. Since
# the models check JSON types, a `patient_id` that is not a string (5, null) rules
# RegisteredPatient out; a string that is not a Hero id ("x") still matches it, because
# the models do not check patterns, and the answer parses as RegisteredPatient with
# message and login_url demoted to additional_properties. Strict xfail: when the parser
# discriminates the variants by pattern too, it XPASSes and fails, and the marker must go.
@pytest.mark.parametrize(
    "body",
    [
        {"message": "Log in to PDS", "login_url": "https://hero.test/login", "patient_id": 5},
        {"message": "Log in to PDS", "login_url": "https://hero.test/login", "patient_id": None},
    ],
)
def test_register_pds_login_required_with_a_patient_id_of_another_type(
    body: dict[str, Any],
) -> None:
    check_response("register_patient_pds", body)


@pytest.mark.xfail(
    strict=True,
    reason="register_pds parses a PdsLoginRequired body whose patient_id is a non-id string "
    "as RegisteredPatient (the models check types, not patterns)",
)
@pytest.mark.parametrize(
    "body",
    [{"message": "Log in to PDS", "login_url": "https://hero.test/login", "patient_id": "x"}],
)
def test_register_pds_login_required_with_a_non_id_patient_id(body: dict[str, Any]) -> None:
    check_response("register_patient_pds", body)
