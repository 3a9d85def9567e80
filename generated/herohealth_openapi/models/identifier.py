from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.identifier_label import IdentifierLabel, check_identifier_label
from ..models.identifier_name import IdentifierName, check_identifier_name
from ..models.identifier_role import IdentifierRole, check_identifier_role
from ..models.identifier_source import IdentifierSource, check_identifier_source

T = TypeVar("T", bound="Identifier")


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
        d = dict(src_dict)
        source = check_identifier_source(
            types.expect(d.pop("source"), "source", (str,))
        )

        name = check_identifier_name(types.expect(d.pop("name"), "name", (str,)))

        role = check_identifier_role(types.expect(d.pop("role"), "role", (str,)))

        label = check_identifier_label(types.expect(d.pop("label"), "label", (str,)))

        value = types.expect(d.pop("value"), "value", (str,))

        identifier = cls(
            source=source,
            name=name,
            role=role,
            label=label,
            value=value,
        )

        identifier.additional_properties = d
        return identifier

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
