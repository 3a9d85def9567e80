"""What the seeding helpers store is openapi.yaml's shape, read at run time and checked.

`add_attachment`, `set_billing_info` and `add_payment_method` store the spec's `Attachment`,
`BillingInfo` and `PaymentMethod`: every property in the schema's order, the caller's values,
the spec's for the rest. A copy of openapi.yaml that adds required properties (what a Hero
release could do) is seeded with no code change, and every answer validates against the
copy; a value that does not fit raises, naming the helper and the field, before it is stored.
"""

from __future__ import annotations

import copy
import importlib.resources
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import fake_client
from jsonschema import Draft202012Validator

from herohealth.testing import FakeHero
from herohealth.testing._shapes import _EHR_LABELS

SHIPPED: dict[str, Any] = yaml.safe_load(
    (importlib.resources.files("herohealth_openapi") / "openapi.yaml").read_text()
)
SCHEMAS = SHIPPED["components"]["schemas"]
REF = "#/components/schemas/"
PATHS = {  # what each seeding helper's data is read back from, and its schema
    "attachments": "Attachment",
    "billing_info": "BillingInfo",
    "payment_methods": "PaymentMethod",
}


def written(spec: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def additive(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with new required properties in all three shapes (and Insurance)."""
    newer = copy.deepcopy(spec)
    schemas = newer["components"]["schemas"]
    schemas["CardIssuer"] = {
        "type": "object",
        "required": ["name", "region"],
        "properties": {
            "name": {"type": "string", "minLength": 3},
            "region": {"type": "string", "pattern": "^[A-Z]{2}$"},
        },
    }
    added = {
        "PaymentMethod": {
            "wallet_kind": {"type": "string", "enum": ["apple_pay", "google_pay"]},
            "issuer": {"$ref": REF + "CardIssuer"},
            "network_token": {"type": "string", "example": "ntok_123"},
            "installments": {"type": "integer", "minimum": 1, "example": "many"},  # not valid
        },
        "BillingInfo": {"currency": {"type": "string", "enum": ["GBP", "EUR"]}},
        "Insurance": {"plan": {"type": "string", "minLength": 3}},
        "Attachment": {"size_bytes": {"type": "integer", "minimum": 1}},
    }
    for name, properties in added.items():
        schemas[name]["properties"].update(properties)
        schemas[name]["required"] += [p for p in properties if p != "network_token"]
    return newer


def validator(spec: dict[str, Any], schema: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": REF + schema, "components": spec["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


async def seeded(fake: FakeHero, **billing: Any) -> dict[str, Any]:
    """Seed one of each and read each back: {path: the first item, or the object}."""
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    fake.add_attachment(ada, file_name="letter.pdf")
    if billing:
        fake.set_billing_info(ada, **billing)
    fake.add_payment_method(ada, brand="mastercard")
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    found: dict[str, Any] = {}
    async with fake.client(headers=headers) as client:
        for path in PATHS:
            response = await client.get(f"/v1/patients/{ada}/{path}")
            assert response.status_code == 200, response.text
            body = response.json()
            found[path] = body["data"][0] if "data" in body else body
    return found


async def test_each_shape_has_the_properties_of_the_shipped_schema_in_its_order() -> None:
    found = await seeded(FakeHero(), external_billing_id="cus_1", insurer="Bupa")

    for path, schema in PATHS.items():
        assert list(found[path]) == list(SCHEMAS[schema]["properties"]), path
        assert list(validator(SHIPPED, schema).iter_errors(found[path])) == []
    assert list(found["billing_info"]["insurance"]) == list(SCHEMAS["Insurance"]["properties"])


async def test_a_card_has_the_helpers_values_and_the_spec_fills_the_rest() -> None:
    card = (await seeded(FakeHero()))["payment_methods"]

    assert (card["brand"], card["last4"], card["exp_month"], card["exp_year"]) == (
        "mastercard",
        "4242",
        12,
        2030,
    )
    assert (card["type"], card["country"], card["funding"]) == ("card", "GB", "credit")
    # Not given: null where the schema allows it, else the generated value ({} for an object).
    assert (card["wallet"], card["fingerprint"], card["display_brand"]) == (None, None, None)
    assert (card["checks"], card["networks"], card["three_d_secure_usage"]) == ({}, {}, {})


async def test_billing_info_left_unset_reads_as_nulls() -> None:
    billing = (await seeded(FakeHero()))["billing_info"]

    assert billing["external_billing_id"] == ""
    assert billing["insurance"] == {"insurer": None, "membership_number": None, "auth_code": None}
    assert (billing["billing_note"], billing["confidential"]) == (None, None)
    assert list(validator(SHIPPED, "BillingInfo").iter_errors(billing)) == []


@pytest.mark.parametrize("billing", [{}, {"external_billing_id": "cus_1", "insurer": "Bupa"}])
async def test_properties_a_newer_spec_requires_are_seeded_valid_with_no_code_change(
    tmp_path: Path, billing: dict[str, Any]
) -> None:
    newer = additive(SHIPPED)
    fake = FakeHero(spec=written(newer, tmp_path))

    found = await seeded(fake, **billing)

    for path, schema in PATHS.items():
        assert list(validator(newer, schema).iter_errors(found[path])) == [], path
    card = found["payment_methods"]
    assert card["wallet_kind"] == "apple_pay"  # the first enum value
    assert card["issuer"] == {"name": "string", "region": "GB"}  # an object, generated
    assert card["network_token"] == "ntok_123"  # the property's example
    assert card["installments"] == 1  # its example does not fit: generated
    assert list(card)[-4:] == ["wallet_kind", "issuer", "network_token", "installments"]
    assert found["billing_info"]["currency"] == "GBP"
    assert found["billing_info"]["insurance"]["plan"] == "string"
    assert found["attachments"]["size_bytes"] == 1
    assert (card["brand"], found["billing_info"]["insurance"]["insurer"]) == (
        "mastercard",
        billing.get("insurer"),
    )


async def test_the_sdk_reads_a_newer_specs_seeded_shapes(tmp_path: Path) -> None:
    fake = FakeHero(spec=written(additive(SHIPPED), tmp_path))
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    fake.add_payment_method(ada, last4="1111")

    async with fake_client(fake, max_retries=0) as hero:
        cards = await hero.patients.payment_methods(ada)
        billing = await hero.patients.billing_info(ada)

    assert [card.last4 for card in cards.data] == ["1111"]
    assert billing.external_billing_id == ""


async def test_a_write_only_property_is_never_filled_in(tmp_path: Path) -> None:
    newer = copy.deepcopy(SHIPPED)
    schemas = newer["components"]["schemas"]
    schemas["Secret"] = {"type": "string", "writeOnly": True}
    schemas["PaymentMethod"]["properties"].update(
        {"cvc": {"type": "string", "writeOnly": True}, "pin": {"$ref": REF + "Secret"}}
    )
    schemas["PaymentMethod"]["required"] += ["cvc", "pin"]
    schemas["Secret2"] = {"type": "string"}  # the flag beside the `$ref`, not on its target
    schemas["BillingInfo"]["properties"]["password"] = {"$ref": REF + "Secret2", "writeOnly": True}
    fake = FakeHero(spec=written(newer, tmp_path))

    found = await seeded(fake)

    assert not {"cvc", "pin"} & set(found["payment_methods"])
    assert "password" not in found["billing_info"]
    assert list(found["payment_methods"]) == list(SCHEMAS["PaymentMethod"]["properties"])


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        (lambda f, p: f.add_payment_method(p, exp_month="12"), "add_payment_method: exp_month"),
        (lambda f, p: f.add_payment_method(p, checks="none"), "add_payment_method: checks"),
        (lambda f, p: f.add_attachment(p, file_extension=7), "add_attachment: file_extension"),
        (
            lambda f, p: f.set_billing_info(p, external_billing_id=5),
            "set_billing_info: external_billing_id",
        ),
        (
            lambda f, p: f.set_billing_info(p, external_billing_id="c", auth_code=1),
            "set_billing_info: insurance.auth_code",
        ),
    ],
)
async def test_a_value_that_does_not_fit_raises_before_anything_is_stored(
    seed: Any, message: str
) -> None:
    fake = FakeHero()
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")

    with pytest.raises(ValueError, match=message) as raised:
        seed(fake, ada)

    assert "does not fit openapi.yaml's" in str(raised.value)
    found = await seeded(fake)  # another patient, seeded after the error
    assert (found["payment_methods"]["id"], found["attachments"]["ehr_partner_file_id"]) == (
        "pm_fake_1",
        "file-1",
    )
    async with fake_client(fake, max_retries=0) as hero:
        assert (await hero.patients.payment_methods(ada)).count == 0
        assert (await hero.patients.attachments(ada)).count == 0
        assert (await hero.patients.billing_info(ada)).external_billing_id == ""


async def test_an_undeclared_field_is_kept_unless_the_schema_forbids_it(tmp_path: Path) -> None:
    fake = FakeHero()
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    fake.add_payment_method(ada, livemode=False)  # Stripe's, not in openapi.yaml
    closed = copy.deepcopy(SHIPPED)
    closed["components"]["schemas"]["PaymentMethod"]["additionalProperties"] = False
    strict = FakeHero(spec=written(closed, tmp_path))
    grace = strict.add_patient(first_name="Grace", last_name="Hopper", dob="1906-12-09")

    refused = "add_payment_method: openapi.yaml's PaymentMethod has no field livemode"
    with pytest.raises(TypeError, match=re.escape(refused)):
        strict.add_payment_method(grace, livemode=False)

    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        card = (await client.get(f"/v1/patients/{ada}/payment_methods")).json()["data"][0]
    assert list(card)[-1:] == ["livemode"]
    async with strict.client(headers=headers) as client:
        listed = (await client.get(f"/v1/patients/{grace}/payment_methods")).json()
    assert listed["count"] == 0


def test_every_ehr_label_is_one_of_the_specs_identifier_labels() -> None:
    assert set(_EHR_LABELS.values()) <= set(SCHEMAS["IdentifierLabel"]["enum"])


def test_a_spec_without_a_label_the_fake_gives_is_refused(tmp_path: Path) -> None:
    renamed = copy.deepcopy(SHIPPED)
    labels = renamed["components"]["schemas"]["IdentifierLabel"]["enum"]
    labels[labels.index("Systm One")] = "SystmOne"

    with pytest.raises(ValueError, match="lack Systm One"):
        FakeHero(spec=written(renamed, tmp_path))


async def test_a_card_given_its_id_is_stored_and_returned_under_it() -> None:
    fake = FakeHero()
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    assert fake.add_payment_method(ada, id="pm_mine") == "pm_mine"
    async with fake_client(fake, max_retries=0) as hero:
        cards = await hero.patients.payment_methods(ada)
    assert [card.id for card in cards.data] == ["pm_mine"]


def test_an_attachment_created_at_that_is_not_a_datetime_is_refused() -> None:
    fake = FakeHero()
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    with pytest.raises(TypeError, match="created_at must be a datetime"):
        fake.add_attachment(ada, created_at="2026-01-01")  # type: ignore[arg-type]
