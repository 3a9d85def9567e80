"""The decoding benchmark's anchors: the same envelope decoded by pydantic v2 and by msgspec.

Both build their models from the generated attrs models' own fields (`fields`, read from
`herohealth_openapi.models.Patient` and `Identifier`, so the anchors follow openapi.yaml as
the generator does), with the same types: datetime for date-time fields, None for nullable
ones, the generated default for optional ones (None where the generated model has UNSET),
enums as str (the generated models keep values Hero adds), and a nested Identifier list.
Unknown keys are allowed: pydantic keeps them (`extra="allow"`), msgspec skips them (a
Struct holds declared fields only). Each builder imports its library when called: an
ImportError means the anchor is skipped.
"""

from __future__ import annotations

import functools
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, Final, Literal

import attrs
from herohealth_openapi.models.identifier import Identifier
from herohealth_openapi.models.patient import Patient
from herohealth_openapi.types import Unset

REQUIRED: Final = object()


def fields(model: type[Any], identifier: Any) -> list[tuple[str, Any, Any]]:
    """(name, type, default) of each field of the generated `model`, in its order (required
    first), as the anchors declare it: Unset dropped, a `Literal[...] | str` enum as str,
    the generated Identifier as the anchor's `identifier`."""
    hints = typing.get_type_hints(model)
    return [
        (
            field.name,
            _anchor_type(hints[field.name], identifier),
            REQUIRED if field.default is attrs.NOTHING
            else None if isinstance(field.default, Unset) else field.default,
        )
        for field in attrs.fields(model)
        if field.init  # not additional_properties: the keys beyond the description
    ]  # fmt: skip


def _anchor_type(hint: Any, identifier: Any) -> Any:
    if hint is Identifier:
        return identifier
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return list[_anchor_type(arguments[0], identifier)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        kept = [
            _anchor_type(argument, identifier)
            for argument in arguments
            if argument is not Unset and typing.get_origin(argument) is not Literal
        ]
        return functools.reduce(operator.or_, kept)
    return hint


def pydantic_decoder(content: bytes) -> Callable[[], object]:
    """`TypeAdapter(PatientList).validate_json(content)`, pydantic v2's fastest path."""
    import pydantic
    from pydantic import ConfigDict, TypeAdapter, create_model

    if not pydantic.VERSION.startswith("2."):
        raise ImportError(f"pydantic {pydantic.VERSION} is not v2")
    config = ConfigDict(extra="allow")

    def model(name: str, declared: list[tuple[str, Any, Any]]) -> Any:
        definitions: dict[str, Any] = {
            field: (kind, ... if default is REQUIRED else default)
            for field, kind, default in declared
        }
        return create_model(name, __config__=config, **definitions)

    patient: Any = model("Patient", fields(Patient, model("Identifier", fields(Identifier, None))))
    envelope = model("PatientList", [("data", list[patient], REQUIRED), ("count", float, REQUIRED)])
    adapter = TypeAdapter(envelope)
    return lambda: adapter.validate_json(content)


def msgspec_decoder(content: bytes) -> Callable[[], object]:
    """`msgspec.json.Decoder(PatientList).decode(content)`, into Structs."""
    import msgspec

    def struct(name: str, declared: list[tuple[str, Any, Any]]) -> Any:
        return msgspec.defstruct(
            name,
            [
                (field, kind) if default is REQUIRED else (field, kind, default)
                for field, kind, default in declared
            ],
            kw_only=True,
        )

    patient: Any = struct(
        "Patient", fields(Patient, struct("Identifier", fields(Identifier, None)))
    )
    envelope = struct(
        "PatientList", [("data", list[patient], REQUIRED), ("count", float, REQUIRED)]
    )
    decoder = msgspec.json.Decoder(envelope)
    return lambda: decoder.decode(content)
