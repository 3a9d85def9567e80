from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="Attachment")


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
        d = dict(src_dict)
        ehr_partner_file_id = types.expect(
            d.pop("ehr_partner_file_id"), "ehr_partner_file_id", (str,)
        )

        file_name = types.expect(d.pop("file_name"), "file_name", (str,))

        file_extension = types.expect(d.pop("file_extension"), "file_extension", (str,))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            if not isinstance(data, str):
                raise TypeError()
            created_at_type_0 = types.parse_datetime(data)

            return created_at_type_0

        created_at = _parse_created_at(
            types.expect(
                d.pop("created_at"),
                "created_at",
                (
                    type(None),
                    str,
                ),
            )
        )

        attachment = cls(
            ehr_partner_file_id=ehr_partner_file_id,
            file_name=file_name,
            file_extension=file_extension,
            created_at=created_at,
        )

        attachment.additional_properties = d
        return attachment

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
