from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="PatientList")
# The keys the description gives PatientList; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "data",
        "count",
    }
)


@_attrs_define(repr=False)
class PatientList:
    data: list[Patient]
    count: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        data = src_dict["data"]
        if isinstance(data, list):
            try:
                data = [
                    Patient.from_dict(item)
                    if isinstance(item, dict)
                    else types.reject("data", (dict,))
                    for item in data
                ]
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "data", data, Patient.from_dict) from None
        else:
            raise types.FieldTypeError("data", (list,))
        self.data = data

        count = src_dict["count"]
        if not types.is_number(count):
            raise types.FieldTypeError("count", (int, float))
        self.count = count

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
from ..models.patient import Patient  # noqa: E402
