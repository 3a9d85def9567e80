from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="Insurance")
# The keys the description gives Insurance; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "insurer",
        "membership_number",
        "auth_code",
    }
)


@_attrs_define(repr=False)
class Insurance:
    insurer: None | str
    membership_number: None | str
    auth_code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        insurer: None | str
        insurer = self.insurer

        membership_number: None | str
        membership_number = self.membership_number

        auth_code: None | str
        auth_code = self.auth_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "insurer": insurer,
                "membership_number": membership_number,
                "auth_code": auth_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        insurer = src_dict["insurer"]
        if not (isinstance(insurer, str) or insurer is None):
            raise types.FieldTypeError("insurer", (type(None), str))
        self.insurer = insurer

        membership_number = src_dict["membership_number"]
        if not (isinstance(membership_number, str) or membership_number is None):
            raise types.FieldTypeError("membership_number", (type(None), str))
        self.membership_number = membership_number

        auth_code = src_dict["auth_code"]
        if not (isinstance(auth_code, str) or auth_code is None):
            raise types.FieldTypeError("auth_code", (type(None), str))
        self.auth_code = auth_code

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
