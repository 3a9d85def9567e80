"""The decoding benchmark's anchors: the same envelope decoded by pydantic v2 and by msgspec.

Both build their models from one table of the generated Patient's fields (`PATIENT_FIELDS`;
tests/test_bench_smoke.py checks it names exactly the fields of
`herohealth_openapi.models.Patient`), with the same types: datetime for date-time fields,
None for nullable ones, a default for optional ones, enums as str (the generated models
keep values Hero adds), and a nested Identifier list. Unknown keys are allowed: pydantic
keeps them (`extra="allow"`), msgspec skips them (a Struct holds declared fields only).
Each builder imports its library when called: an ImportError means the anchor is skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Final

REQUIRED: Final = object()
IDENTIFIERS: Final = object()  # list[Identifier], with each library's Identifier

IDENTIFIER_FIELDS: tuple[tuple[str, Any], ...] = (
    ("source", str),
    ("name", str),
    ("role", str),
    ("label", str),
    ("value", str),
)
OptionalText = str | None
Moment = datetime.datetime | None
Texts = list[str] | None
# (name, type, default), required fields first, as openapi.yaml's Patient has them.
PATIENT_FIELDS: tuple[tuple[str, Any, Any], ...] = (
    ("id", str, REQUIRED),
    ("dob", Moment, REQUIRED),
    ("data_source", str, REQUIRED),
    ("status", str, REQUIRED),
    ("identifiers", IDENTIFIERS, REQUIRED),
    ("ehr_registered", bool | None, REQUIRED),
    ("uid", OptionalText, None),
    ("emis_id", OptionalText, None),
    ("ehr_partner_id", OptionalText, None),
    ("deceased_at", Moment, None),
    ("title", OptionalText, None),
    ("first_name", OptionalText, None),
    ("last_name", OptionalText, None),
    ("sex", OptionalText, None),
    ("nhs_number", OptionalText, None),
    ("email", OptionalText, None),
    ("emails", Texts, None),
    ("mobile", OptionalText, None),
    ("last_sync_at", Moment, None),
    ("address_line_1", OptionalText, None),
    ("address_line_2", OptionalText, None),
    ("address_line_3", OptionalText, None),
    ("country", OptionalText, None),
    ("postcode", OptionalText, None),
    ("town", OptionalText, None),
    ("county", OptionalText, None),
    ("notes", OptionalText, None),
    ("verification_credentials", Texts, None),
    ("restricted", bool, False),
    ("sex_changed_at", Moment, None),
)


def _patient_fields(identifier: Any) -> list[tuple[str, Any, Any]]:
    identifiers = list[identifier]
    return [
        (name, identifiers if kind is IDENTIFIERS else kind, default)
        for name, kind, default in PATIENT_FIELDS
    ]


def pydantic_decoder(content: bytes) -> Callable[[], object]:
    """`TypeAdapter(PatientList).validate_json(content)`, pydantic v2's fastest path."""
    import pydantic
    from pydantic import ConfigDict, TypeAdapter, create_model

    if not pydantic.VERSION.startswith("2."):
        raise ImportError(f"pydantic {pydantic.VERSION} is not v2")
    config = ConfigDict(extra="allow")
    fields: dict[str, Any] = {name: (kind, ...) for name, kind in IDENTIFIER_FIELDS}
    identifier = create_model("Identifier", __config__=config, **fields)
    fields = {
        name: (kind, ... if default is REQUIRED else default)
        for name, kind, default in _patient_fields(identifier)
    }
    patient: Any = create_model("Patient", __config__=config, **fields)
    fields = {"data": (list[patient], ...), "count": (float, ...)}
    envelope = create_model("PatientList", __config__=config, **fields)
    adapter = TypeAdapter(envelope)
    return lambda: adapter.validate_json(content)


def msgspec_decoder(content: bytes) -> Callable[[], object]:
    """`msgspec.json.Decoder(PatientList).decode(content)`, into Structs."""
    import msgspec

    identifier = msgspec.defstruct("Identifier", list(IDENTIFIER_FIELDS))
    patient: Any = msgspec.defstruct(
        "Patient",
        [
            (name, kind) if default is REQUIRED else (name, kind, default)
            for name, kind, default in _patient_fields(identifier)
        ],
        kw_only=True,
    )
    envelope = msgspec.defstruct("PatientList", [("data", list[patient]), ("count", float)])
    decoder = msgspec.json.Decoder(envelope)
    return lambda: decoder.decode(content)
