from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.identifier_label import IdentifierLabel
from ..models.identifier_name import IdentifierName
from ..models.identifier_role import IdentifierRole
from ..models.identifier_source import IdentifierSource

T = TypeVar("T", bound="Identifier")
# The keys the description gives Identifier; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "source",
        "name",
        "role",
        "label",
        "value",
    }
)


@_attrs_define(repr=False)
class Identifier:
    source: IdentifierSource
    name: IdentifierName
    role: IdentifierRole
    label: IdentifierLabel
    value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        source: str = self.source

        name: str = self.name

        role: str = self.role

        label: str = self.label

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "name": name,
                "role": role,
                "label": label,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        source = src_dict["source"]
        if not isinstance(source, str):
            raise types.FieldTypeError("source", (str,))
        self.source = source

        name = src_dict["name"]
        if not isinstance(name, str):
            raise types.FieldTypeError("name", (str,))
        self.name = name

        role = src_dict["role"]
        if not isinstance(role, str):
            raise types.FieldTypeError("role", (str,))
        self.role = role

        label = src_dict["label"]
        if not isinstance(label, str):
            raise types.FieldTypeError("label", (str,))
        self.label = label

        value = src_dict["value"]
        if not isinstance(value, str):
            raise types.FieldTypeError("value", (str,))
        self.value = value

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
