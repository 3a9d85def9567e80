from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="Insurance")


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
        d = dict(src_dict)

        def _parse_insurer(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        insurer = _parse_insurer(
            types.expect(
                d.pop("insurer"),
                "insurer",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_membership_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        membership_number = _parse_membership_number(
            types.expect(
                d.pop("membership_number"),
                "membership_number",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_auth_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        auth_code = _parse_auth_code(
            types.expect(
                d.pop("auth_code"),
                "auth_code",
                (
                    type(None),
                    str,
                ),
            )
        )

        insurance = cls(
            insurer=insurer,
            membership_number=membership_number,
            auth_code=auth_code,
        )

        insurance.additional_properties = d
        return insurance

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
