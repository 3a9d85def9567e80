"""FakeHero follows the openapi.yaml it is given: every operation routed, checked, answered.

`extended` is a copy of openapi.yaml, written here, with what a Hero release could add: a
"Referrals" tag with five operations (a paged list, a get with a `^\\d+$` path id, a
create answering 201, a body-less 204 cancel, a fixed-path list beside the id), a new Title
value, and two new Patient fields (one optional, one required). The fake is pointed at the
copy with `FakeHero(spec=...)` and talked to over HTTP with httpx (the SDK regenerated from
such a copy is tested in tests/spec_update).
"""

from __future__ import annotations

import copy
import importlib.resources
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from helpers import spec_operations
from jsonschema import Draft202012Validator

from herohealth.testing import Answer, FakeHero, FakeRequest, _spec

from .conftest import NHS

ROOT = Path(__file__).resolve().parents[2]
SHIPPED: dict[str, Any] = yaml.safe_load(
    (importlib.resources.files("herohealth_openapi") / "openapi.yaml").read_text()
)
FORMATS = Draft202012Validator.FORMAT_CHECKER
REF = "#/components/schemas/"
JSON_OF = "application/json"

REFERRAL_PATHS: dict[str, Any] = {
    "/v1/referrals": {
        "get": {
            "operationId": "listReferrals",
            "tags": ["Referrals"],
            "parameters": [
                {"name": "page_index", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            ],
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {
                        JSON_OF: {
                            "schema": {"$ref": REF + "ReferralList"},
                            "example": {"data": [{}], "count": 0},  # a placeholder, invalid
                        }
                    },
                }
            },
        },
        "post": {
            "operationId": "createReferral",
            "tags": ["Referrals"],
            "requestBody": {
                "required": True,
                "content": {JSON_OF: {"schema": {"$ref": REF + "ReferralRequest"}}},
            },
            "responses": {
                "201": {
                    "description": "Created",
                    "content": {JSON_OF: {"schema": {"$ref": REF + "Referral"}}},
                }
            },
        },
    },
    "/v1/referrals/{referral_id}": {
        "parameters": [
            {
                "name": "referral_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": r"^\d+$"},
            }
        ],
        "get": {
            "operationId": "getReferral",
            "tags": ["Referrals"],
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {JSON_OF: {"schema": {"$ref": REF + "Referral"}}},
                }
            },
        },
        "delete": {
            "operationId": "cancelReferral",
            "tags": ["Referrals"],
            "responses": {"204": {"description": "Cancelled"}},
        },
    },
    # After `{referral_id}` in the spec, yet a fixed segment: it must win over the parameter.
    "/v1/referrals/today": {
        "get": {
            "operationId": "listTodaysReferrals",
            "tags": ["Referrals"],
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {JSON_OF: {"schema": {"$ref": REF + "ReferralList"}}},
                }
            },
        }
    },
}
REFERRAL_SCHEMAS: dict[str, Any] = {
    "ReferralStatus": {"type": "string", "enum": ["booked", "cancelled"]},
    "ReferralRequest": {
        "type": "object",
        "required": ["starts_at"],
        "properties": {
            "starts_at": {"type": "string", "format": "date-time"},
            "patient_id": {"type": "string", "pattern": r"^\d+$"},
            "notes": {"type": "string"},
        },
    },
    "Referral": {
        # allOf parts, a oneOf, a nullable enum, formats, lengths, bounds and a nested ref.
        "allOf": [
            {
                "type": "object",
                "required": ["id", "uid", "starts_at"],
                "properties": {
                    "id": {"type": "string", "pattern": r"^\d+$"},
                    "uid": {"type": "string", "format": "uuid"},
                    "starts_at": {"type": "string", "format": "date-time"},
                },
            },
            {
                "type": "object",
                "required": ["status", "reference", "kind", "price", "slots", "day", "patient"],
                "properties": {
                    "status": {"anyOf": [{"$ref": REF + "ReferralStatus"}, {"type": "null"}]},
                    "reference": {"type": "string", "minLength": 8, "maxLength": 8},
                    "region": {"type": "string", "pattern": "^[A-Z]{2}$"},
                    "kind": {"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["gp"]}]},
                    "price": {"type": "number", "minimum": 10},
                    "slots": {"type": "array", "minItems": 2, "items": {"type": "integer"}},
                    "day": {"type": ["string", "null"], "format": "date"},
                    "contact": {"type": "string", "format": "email"},
                    "patient": {"$ref": REF + "Patient"},
                },
            },
        ]
    },
    "ReferralList": {
        "type": "object",
        "required": ["data", "count"],
        "properties": {
            "data": {"type": "array", "items": {"$ref": REF + "Referral"}},
            "count": {"type": "number"},
        },
    },
}
NEW_OPERATIONS = {
    "listReferrals",
    "createReferral",
    "getReferral",
    "cancelReferral",
    "listTodaysReferrals",
}
REQUESTS: dict[str, tuple[str, str, Any]] = {  # operationId: method, path, body
    "listReferrals": ("GET", "/v1/referrals", None),
    "createReferral": ("POST", "/v1/referrals", {"starts_at": "2030-05-06T09:30:00Z"}),
    "getReferral": ("GET", "/v1/referrals/12", None),
    "cancelReferral": ("DELETE", "/v1/referrals/12", None),
    "listTodaysReferrals": ("GET", "/v1/referrals/today", None),
}


def extend(spec: dict[str, Any]) -> dict[str, Any]:
    extended = copy.deepcopy(spec)
    extended["paths"].update(REFERRAL_PATHS)
    schemas = extended["components"]["schemas"]
    schemas.update(REFERRAL_SCHEMAS)
    schemas["Patient"]["properties"]["preferred_name"] = {"type": ["string", "null"]}
    schemas["Patient"]["properties"]["practice_code"] = {"type": "string", "pattern": "^[A-Z]{2}$"}
    schemas["Patient"]["required"].append("practice_code")
    schemas["Title"]["enum"].append("Marquess")
    return extended


@pytest.fixture(scope="module")
def extended_spec() -> dict[str, Any]:
    return extend(SHIPPED)


@pytest.fixture(scope="module")
def spec_path(extended_spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("spec") / "openapi.yaml"
    path.write_text(yaml.safe_dump(extended_spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def fake(spec_path: Path) -> Iterator[FakeHero]:
    with FakeHero(spec=spec_path) as fake:  # raises what a plugged handler answered off spec
        yield fake


@pytest.fixture
async def raw(fake: FakeHero) -> Any:
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        yield client


def operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId: (method, path template, operation), read from the spec."""
    return {
        operation_id: (method.upper(), path, op)
        for operation_id, (method, path, op) in spec_operations(spec).items()
    }


def answer_validator(spec: dict[str, Any], operation_id: str) -> Draft202012Validator | None:
    _, _, op = operations(spec)[operation_id]
    status = min(s for s in map(str, op["responses"]) if s.startswith("2"))
    content = op["responses"][status].get("content")
    if content is None:
        return None
    schema = {**content[JSON_OF]["schema"], "components": spec["components"]}
    return Draft202012Validator(schema, format_checker=FORMATS)


# ---- every operation is routed ----------------------------------------------------------------


def test_the_fake_answers_exactly_the_operations_of_the_shipped_spec() -> None:
    assert FakeHero().operations == set(operations(SHIPPED))
    assert set(operations(SHIPPED)) == set(
        operations(yaml.safe_load(ROOT.joinpath("openapi.yaml").read_text()))
    )


def test_a_spec_copy_adds_its_operations(fake: FakeHero) -> None:
    assert fake.operations == set(operations(SHIPPED)) | NEW_OPERATIONS


@pytest.mark.parametrize("spec_name", ["shipped", "extended"])
async def test_each_operation_of_the_spec_is_routed_to_itself(
    spec_name: str, spec_path: Path, extended_spec: dict[str, Any]
) -> None:
    spec, fake = (SHIPPED, FakeHero()) if spec_name == "shipped" else (
        extended_spec, FakeHero(spec=spec_path)
    )  # fmt: skip
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        for operation_id, (method, template, _) in operations(spec).items():
            path = re.sub(r"\{[^}]+\}", "1", template)
            await client.request(method, path)
            assert fake.requests[-1].operation == operation_id, (method, path)


async def test_a_fixed_path_segment_wins_over_a_parameter(
    raw: httpx.AsyncClient, fake: FakeHero
) -> None:
    today = await raw.get("/v1/referrals/today")
    referral = await raw.get("/v1/referrals/3")
    not_register = await raw.get("/v1/patients/register")  # GET: a patient id, not register

    assert (today.status_code, referral.status_code, not_register.status_code) == (200, 200, 404)
    operations = [r.operation for r in fake.requests]
    assert operations == ["listTodaysReferrals", "getReferral", "get_patient"]


async def test_an_escaped_letter_or_digit_is_that_letter_or_digit(
    raw: httpx.AsyncClient, fake: FakeHero
) -> None:
    # RFC 3986 6.2.2.2: `%74` is `t`, so this is the fixed path `today`, not an id; an
    # escaped reserved character stays part of the segment it is in (`%2F` is no `/`).
    ids: list[str] = []
    fake.handle("getReferral", lambda call: ids.append(call.path_params["referral_id"]) or REFERRAL)

    today = await raw.get("/v1/referrals/%74oday")
    referral = await raw.get("/v1/referrals/%31%32")
    not_an_id = await raw.get("/v1/referrals/1%2F2")  # one segment, "1/2": no `^\d+$`

    assert (today.status_code, referral.status_code, not_an_id.status_code) == (200, 200, 422)
    assert [r.operation for r in fake.requests] == ["listTodaysReferrals", *["getReferral"] * 2]
    assert ids == ["12"]
    assert "referral_id" in not_an_id.text


# ---- answers built from the spec ----------------------------------------------------------------


@pytest.mark.parametrize("operation_id", sorted(NEW_OPERATIONS))
async def test_every_new_operation_answers_a_schema_valid_body(
    raw: httpx.AsyncClient, extended_spec: dict[str, Any], operation_id: str
) -> None:
    assert set(REQUESTS) == set(operations(extended_spec)) - set(operations(SHIPPED))
    method, path, body = REQUESTS[operation_id]

    response = await raw.request(method, path, json=body)

    validator = answer_validator(extended_spec, operation_id)
    expected = {"createReferral": 201, "cancelReferral": 204}.get(operation_id, 200)
    assert response.status_code == expected, response.text
    if validator is None:
        assert response.content == b""
        return
    assert response.headers["content-type"] == JSON_OF
    errors = [error.message for error in validator.iter_errors(response.json())]
    assert errors == []


async def test_a_list_envelope_answers_one_item_counted(raw: httpx.AsyncClient) -> None:
    listed = (await raw.get("/v1/referrals")).json()

    assert listed["count"] == 1
    assert len(listed["data"]) == 1
    referral = listed["data"][0]
    assert referral["id"].isdigit()
    assert (referral["status"], referral["kind"], referral["price"]) == ("booked", 0, 10)
    assert len(referral["reference"]) == 8
    assert len(referral["slots"]) == 2


async def test_a_valid_response_example_is_answered_as_written(
    spec_path: Path, extended_spec: dict[str, Any], tmp_path: Path
) -> None:
    example = {"id": "42", "starts_at": "2030-01-01T10:00:00Z"}
    with_example = copy.deepcopy(extended_spec)
    answer = with_example["paths"]["/v1/referrals/{referral_id}"]["get"]["responses"]["200"]
    answer["content"][JSON_OF]["examples"] = {
        "invalid": {"value": {"id": "x"}},
        "valid": {"value": {**example, **generated_rest(extended_spec)}},
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(with_example), encoding="utf-8")
    fake = FakeHero(spec=path)
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}

    async with fake.client(headers=headers) as client:
        body = (await client.get("/v1/referrals/7")).json()

    assert body["id"] == "42"


def generated_rest(spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """The required Referral fields the example above does not set, valid values."""
    patient = {"id": "1", "dob": None, "data_source": "hero", "status": "unarchived",
               "identifiers": [], "ehr_registered": None, "practice_code": "GB"}  # fmt: skip
    return {"uid": "7c0a9d2e-3d9b-4a51-9f44-8f0e5b0f6a11", "status": None,
            "reference": "REF00042", "kind": "gp", "price": 12.5, "slots": [1, 2],
            "day": None, "patient": patient}  # fmt: skip


# A Referral the extended spec accepts: what a plugged handler of its operations answers.
REFERRAL: dict[str, Any] = {"id": "1", "starts_at": "2030-05-06T09:30:00Z", **generated_rest()}


async def test_a_write_only_property_is_required_in_a_request_and_never_answered(
    extended_spec: dict[str, Any], tmp_path: Path
) -> None:
    with_secret = copy.deepcopy(extended_spec)
    schemas = with_secret["components"]["schemas"]
    schemas["Secret"] = {"type": "string", "minLength": 4, "writeOnly": True}
    for name in ("ReferralRequest", "Referral"):  # one schema for both ways, as FastAPI's can be
        part = schemas[name]["allOf"][1] if "allOf" in schemas[name] else schemas[name]
        part["properties"]["access_code"] = {"$ref": REF + "Secret"}
        part["properties"]["pin"] = {"type": "string", "writeOnly": True}
        part["required"] += ["access_code", "pin"]
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(with_secret), encoding="utf-8")
    fake = FakeHero(spec=path)
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    starts = {"starts_at": "2030-05-06T09:30:00Z"}

    async with fake.client(headers=headers) as client:
        refused = await client.post("/v1/referrals", json={**starts, "pin": "1234"})
        created = await client.post(
            "/v1/referrals", json={**starts, "pin": "1234", "access_code": "open sesame"}
        )
        listed = (await client.get("/v1/referrals")).json()["data"][0]

    assert refused.status_code == 422
    assert "access_code" in refused.text
    assert created.status_code == 201, created.text
    for answered in (created.json(), listed):
        assert not {"access_code", "pin"} & set(answered)
        assert "id" in answered


# ---- requests checked against the spec ----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("GET", "/v1/referrals/abc", None, "referral_id"),
        ("GET", "/v1/referrals/%EF%BC%91", None, "referral_id"),  # a fullwidth digit is no \d
        ("POST", "/v1/referrals", {"notes": "no start"}, "starts_at"),
        ("POST", "/v1/referrals", {"starts_at": "tomorrow at ten"}, "starts_at"),
        ("POST", "/v1/referrals", {"starts_at": "2030-05-06T09:30:00Z", "patient_id": "x"},
         "patient_id"),
        ("POST", "/v1/referrals", None, "body"),
        ("GET", "/v1/referrals?page_size=0", None, "page_size"),
        ("GET", "/v1/referrals?page_index=first", None, "page_index"),
    ],
)  # fmt: skip
async def test_a_request_the_spec_refuses_is_a_422_naming_the_field(
    raw: httpx.AsyncClient, fake: FakeHero, method: str, path: str, body: Any, field: str
) -> None:
    called: list[FakeRequest] = []
    for operation_id in NEW_OPERATIONS:
        fake.handle(operation_id, called.append)

    response = await raw.request(method, path, json=body)

    assert response.status_code == 422, response.text
    assert response.json()["message"]
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert called == []  # checked before any handler runs


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"x-api-key": "test-key"}, 401),
        ({"x-practice-group-id": "pg-1"}, 401),
        ({"x-api-key": "wrong", "x-practice-group-id": "pg-1"}, 403),
        ({"x-api-key": "test-key", "x-practice-group-id": "pg-2"}, 403),
    ],
)
@pytest.mark.parametrize("operation_id", sorted(NEW_OPERATIONS))
async def test_new_operations_need_the_key_of_the_practice_group(
    fake: FakeHero, headers: dict[str, str], status: int, operation_id: str
) -> None:
    fake.add_practice_group("pg-2", api_key="key-2")
    method, path, body = REQUESTS[operation_id]
    async with fake.client(headers=headers) as client:
        response = await client.request(method, path, json=body)

    assert response.status_code == status
    assert response.json()["message"]


async def test_credentials_are_known_by_the_settings_sdk_yaml_maps_their_schemes_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A release renames the key's security scheme; sdk.yaml maps the new name to `api_key`,
    # and `make generate` writes that mapping into the index (CREDENTIALS), as patched here.
    renamed = copy.deepcopy(SHIPPED)
    schemes = renamed["components"]["securitySchemes"]
    schemes["HeroKey"] = schemes.pop("ApiKey")
    text = yaml.safe_dump(renamed, sort_keys=False).replace("ApiKey: []", "HeroKey: []")
    assert "ApiKey: []" not in text
    (tmp_path / "openapi.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(
        _spec, "CREDENTIALS", {"HeroKey": "api_key", "PracticeGroupId": "practice_group_id"}
    )
    fake = FakeHero(spec=tmp_path / "openapi.yaml")
    fake.add_practice_group("pg-2", api_key="key-2")

    statuses = []
    for key, group in [(fake.api_key, fake.practice_group_id), ("key-2", fake.practice_group_id)]:
        async with fake.client(headers={"x-api-key": key, "x-practice-group-id": group}) as client:
            statuses.append((await client.get("/v1/patients")).status_code)

    assert statuses == [200, 403]  # the key is still checked against its practice group
    assert [r.practice_group_id for r in fake.requests] == [fake.practice_group_id] * 2


async def test_faults_apply_to_operations_answered_from_the_spec(
    raw: httpx.AsyncClient, fake: FakeHero
) -> None:
    fake.fail_next(503, retry_after=2, path="/v1/referrals/*")
    fake.malform_next("missing_field", path="/v1/referrals/*")
    fake.drop_next(path="/v1/referrals")

    failed = await raw.get("/v1/referrals/1")
    malformed = await raw.get("/v1/referrals/1")
    with pytest.raises(httpx.RemoteProtocolError):
        await raw.get("/v1/referrals")

    assert (failed.status_code, failed.headers["retry-after"]) == (503, "2")
    assert malformed.status_code == 200
    assert "id" not in malformed.json()  # the schema's first required field
    assert "uid" in malformed.json()
    assert [r.fault for r in fake.requests] == ["fail", "malform:missing_field", "drop"]
    assert [r.operation for r in fake.requests] == ["getReferral", "getReferral", "listReferrals"]


# ---- plugged handlers ---------------------------------------------------------------------------


async def test_a_plugged_handler_is_called_with_the_callers_group_and_answered(
    fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    fake.add_practice_group("pg-2", api_key="key-2")
    referrals: dict[str, list[dict[str, Any]]] = {}

    def create(request: FakeRequest) -> dict[str, Any]:
        number = str(sum(map(len, referrals.values())) + 1)
        referral = {**REFERRAL, "id": number, **request.body}
        referrals.setdefault(request.practice_group_id, []).append(referral)
        return referral

    def listing(request: FakeRequest) -> dict[str, Any]:
        mine = referrals.get(request.practice_group_id, [])
        start = request.query.get("page_index", 0) * request.query.get("page_size", 10)
        return {"data": mine[start : start + request.query.get("page_size", 10)],
                "count": len(mine)}  # fmt: skip

    seen: list[FakeRequest] = []

    async def get(request: FakeRequest) -> Answer:
        seen.append(request)
        return Answer(404, {"message": f"No referral {request.path_params['referral_id']}"})

    fake.handle("createReferral", create)
    fake.handle("listReferrals", listing)
    fake.handle("getReferral", get)
    other = {"x-api-key": "key-2", "x-practice-group-id": "pg-2"}

    created = await raw.post("/v1/referrals", json={"starts_at": "2030-05-06T09:30:00Z"})
    await raw.post("/v1/referrals", json={"starts_at": "2030-05-07T09:30:00Z"})
    await raw.post("/v1/referrals", json={"starts_at": "2030-05-08T09:30:00Z"}, headers=other)
    page = await raw.get("/v1/referrals", params={"page_index": "1", "page_size": "1"})
    theirs = await raw.get("/v1/referrals", headers=other)
    missing = await raw.get("/v1/referrals/77")

    assert (created.status_code, created.json()) == (201, REFERRAL)
    (second,) = page.json()["data"]
    assert (page.json()["count"], second["id"], second["starts_at"]) == (
        2,
        "2",
        "2030-05-07T09:30:00Z",
    )
    assert [(r["id"], r["starts_at"]) for r in theirs.json()["data"]] == [
        ("3", "2030-05-08T09:30:00Z")
    ]
    assert (missing.status_code, missing.json()) == (404, {"message": "No referral 77"})
    (request,) = seen
    assert (request.operation, request.practice_group_id) == ("getReferral", "pg-1")
    assert request.path_params == {"referral_id": "77"}
    assert fake.requests[3].query == {"page_index": "1", "page_size": "1"}  # the log keeps text


async def test_faults_apply_to_a_plugged_handler(fake: FakeHero, raw: httpx.AsyncClient) -> None:
    calls: list[str] = []
    fake.handle("getReferral", lambda request: calls.append(request.operation) or REFERRAL)
    fake.fail_next(500)
    fake.drop_next(processed=True)

    failed = await raw.get("/v1/referrals/1")
    with pytest.raises(httpx.RemoteProtocolError):
        await raw.get("/v1/referrals/1")

    assert failed.status_code == 500
    assert calls == ["getReferral"]  # a failed request is not processed; a dropped one was


async def test_a_plugged_handler_overrides_a_built_in_operation() -> None:
    fake = FakeHero()
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    fake.handle("get_patient", lambda request: Answer(410, {"message": "gone"}))
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}

    async with fake.client(headers=headers) as client:
        response = await client.get(f"/v1/patients/{ada}")

    assert (response.status_code, response.json()) == (410, {"message": "gone"})


def _object_param(name: str, explode: bool) -> dict[str, Any]:
    properties = {key: {"type": "string"} for key in ("a", "b")}
    schema = {"type": "object", "properties": properties}
    return {"name": name, "in": "path", "required": True, "explode": explode, "schema": schema}


async def test_a_path_object_is_split_at_its_delimiters_before_decoding(tmp_path: Path) -> None:
    # `simple` objects: exploded `a=v,b=v`, else `a,v,b,v`; each name and value was
    # percent-encoded, so an encoded `,` or `=` belongs to the value it is in.
    spec = copy.deepcopy(SHIPPED)
    spec["paths"]["/v1/slots/{window}/{place}"] = {
        "get": {
            "operationId": "getSlot",
            "parameters": [_object_param("window", True), _object_param("place", False)],
            "responses": {"204": {"description": "Ok"}},
        }
    }
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    fake = FakeHero(spec=tmp_path / "openapi.yaml")
    seen: list[Any] = []
    fake.handle("getSlot", lambda request: seen.append(request.path_params))
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}

    async with fake.client(headers=headers) as client:
        response = await client.get("/v1/slots/a=9%3D00,b=10%2C30/a,2%2C3,b,x%3Dy%2Fz")

    assert response.status_code == 204, response.text
    assert seen == [{"window": {"a": "9=00", "b": "10,30"}, "place": {"a": "2,3", "b": "x=y/z"}}]


def test_handle_refuses_an_operation_the_spec_lacks() -> None:
    with pytest.raises(KeyError, match="listReferrals"):
        FakeHero().handle("listReferrals", lambda request: {})


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("getPatient", "did you mean 'get_patient'?"),  # camelCase, as most specs write them
        ("GetPatientV2", "did you mean 'get_patient_v2'?"),
        ("listPatientsV2", "did you mean 'list_patients_v2'?"),
    ],
)
def test_handle_names_the_operation_meant(name: str, hint: str) -> None:
    with pytest.raises(KeyError) as refused:
        FakeHero().handle(name, lambda request: {})

    assert refused.value.args[0] == f"openapi.yaml has no operation {name!r} ({hint})"


def test_handle_offers_the_nearest_operations_for_a_misspelling() -> None:
    with pytest.raises(KeyError, match=r"\(did you mean 'register_patient' or "):
        FakeHero().handle("register_patients", lambda request: {})


def test_handle_lists_the_operations_when_none_is_near(tmp_path: Path) -> None:
    # openapi.yaml's Patients operations alone (however many other tags a release adds):
    # few enough to be listed.
    few = copy.deepcopy(SHIPPED)
    few["paths"] = {
        path: item
        for path, item in SHIPPED["paths"].items()
        if all("Patients" in op.get("tags", ()) for op in item.values() if isinstance(op, dict))
    }
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(few), encoding="utf-8")
    fake = FakeHero(spec=tmp_path / "openapi.yaml")
    with pytest.raises(KeyError) as refused:
        fake.handle("xyzzy", lambda request: {})

    listed = ", ".join(sorted(fake.operations))
    assert (
        refused.value.args[0] == f"openapi.yaml has no operation 'xyzzy' (its operations: {listed})"
    )


def test_handle_counts_the_operations_of_a_large_spec_instead_of_listing_them(
    tmp_path: Path,
) -> None:
    # At Hero's scale (hundreds of operations) a list of every name would be unreadable.
    large = copy.deepcopy(SHIPPED)
    answered = {"200": {"description": "Ok"}}
    for n in range(300):
        large["paths"][f"/v1/things{n}"] = {
            "get": {"operationId": f"getThing{n}", "responses": answered}
        }
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(large), encoding="utf-8")
    fake = FakeHero(spec=tmp_path / "openapi.yaml")

    with pytest.raises(KeyError) as refused:
        fake.handle("xyzzy", lambda request: {})
    with pytest.raises(KeyError, match=r"\(did you mean 'getThing42'"):
        fake.handle("get_thnig42", lambda request: {})  # the nearest are still offered

    total = len(operations(SHIPPED)) + 300  # openapi.yaml's, however many, and the 300
    assert refused.value.args[0] == (
        f"openapi.yaml has no operation 'xyzzy' (none of its {total} operations is near it; "
        "fake.operations lists them)"
    )
    assert len(fake.operations) == total


# ---- the Patients operations under the new spec --------------------------------------------------


async def test_register_accepts_a_new_title_and_reads_it_back(
    raw: httpx.AsyncClient, extended_spec: dict[str, Any]
) -> None:
    registered = await raw.post(
        "/v1/patients/register",
        json={"first_name": "Ada", "last_name": "L", "dob": "1989-04-11", "mobile": "0770",
              "nhs_number": NHS, "title": "Marquess"},
    )  # fmt: skip
    patient = await raw.get(f"/v1/patients/{registered.json()['patient_id']}")

    assert registered.status_code == 200
    assert patient.json()["title"] == "Marquess"
    assert patient.json()["practice_code"] == "GB"  # required now: a value from its schema
    validator = answer_validator(extended_spec, "get_patient")
    assert validator is not None
    assert list(validator.iter_errors(patient.json())) == []


def test_the_shipped_spec_does_not_know_the_new_title() -> None:
    fake = FakeHero()
    patient_id = fake.add_patient(first_name="A", last_name="B", dob=None, title="Marquess")

    assert fake.patient(patient_id)["title"] is None
