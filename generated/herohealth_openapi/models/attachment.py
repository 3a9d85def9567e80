from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="Attachment")
# The keys the description gives Attachment; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "ehr_partner_file_id",
        "file_name",
        "file_extension",
        "created_at",
    }
)


@_attrs_define(repr=False)
class Attachment:
    ehr_partner_file_id: str
    file_name: str
    file_extension: str
    created_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        ehr_partner_file_id = self.ehr_partner_file_id

        file_name = self.file_name

        file_extension = self.file_extension

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ehr_partner_file_id": ehr_partner_file_id,
                "file_name": file_name,
                "file_extension": file_extension,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        ehr_partner_file_id = src_dict["ehr_partner_file_id"]
        if not isinstance(ehr_partner_file_id, str):
            raise types.FieldTypeError("ehr_partner_file_id", (str,))
        self.ehr_partner_file_id = ehr_partner_file_id

        file_name = src_dict["file_name"]
        if not isinstance(file_name, str):
            raise types.FieldTypeError("file_name", (str,))
        self.file_name = file_name

        file_extension = src_dict["file_extension"]
        if not isinstance(file_extension, str):
            raise types.FieldTypeError("file_extension", (str,))
        self.file_extension = file_extension

        created_at = src_dict["created_at"]
        if isinstance(created_at, str):
            created_at = types.read_datetime(created_at, "created_at")
        elif created_at is not None:
            raise types.FieldTypeError("created_at", (type(None), str))
        self.created_at = created_at

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
