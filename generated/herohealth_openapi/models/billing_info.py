from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="BillingInfo")
# The keys the description gives BillingInfo; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "external_billing_id",
        "insurance",
        "billing_note",
        "confidential",
    }
)


@_attrs_define(repr=False)
class BillingInfo:
    id: str
    external_billing_id: str
    insurance: Insurance
    billing_note: None | str
    confidential: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        external_billing_id = self.external_billing_id

        insurance = self.insurance.to_dict()

        billing_note: None | str
        billing_note = self.billing_note

        confidential: bool | None
        confidential = self.confidential

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "external_billing_id": external_billing_id,
                "insurance": insurance,
                "billing_note": billing_note,
                "confidential": confidential,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        id = src_dict["id"]
        if not isinstance(id, str):
            raise types.FieldTypeError("id", (str,))
        self.id = id

        external_billing_id = src_dict["external_billing_id"]
        if not isinstance(external_billing_id, str):
            raise types.FieldTypeError("external_billing_id", (str,))
        self.external_billing_id = external_billing_id

        insurance = src_dict["insurance"]
        if isinstance(insurance, dict):
            try:
                insurance = Insurance.from_dict(insurance)
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "insurance") from None
        else:
            raise types.FieldTypeError("insurance", (dict,))
        self.insurance = insurance

        billing_note = src_dict["billing_note"]
        if not (isinstance(billing_note, str) or billing_note is None):
            raise types.FieldTypeError("billing_note", (type(None), str))
        self.billing_note = billing_note

        confidential = src_dict["confidential"]
        if not (type(confidential) is bool or confidential is None):
            raise types.FieldTypeError("confidential", (bool, type(None)))
        self.confidential = confidential

        if _FIELDS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _FIELDS
            }
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Last, so models that refer to each other import (see from_dict).
from ..models.insurance import Insurance  # noqa: E402
