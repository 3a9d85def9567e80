from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.insurance import Insurance


T = TypeVar("T", bound="BillingInfo")


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
        from ..models.insurance import Insurance  # noqa: PLC0415

        d = dict(src_dict)
        id = types.expect(d.pop("id"), "id", (str,))

        external_billing_id = types.expect(
            d.pop("external_billing_id"), "external_billing_id", (str,)
        )

        insurance = Insurance.from_dict(
            types.expect(d.pop("insurance"), "insurance", (dict,))
        )

        def _parse_billing_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        billing_note = _parse_billing_note(
            types.expect(
                d.pop("billing_note"),
                "billing_note",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_confidential(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        confidential = _parse_confidential(
            types.expect(
                d.pop("confidential"),
                "confidential",
                (
                    bool,
                    type(None),
                ),
            )
        )

        billing_info = cls(
            id=id,
            external_billing_id=external_billing_id,
            insurance=insurance,
            billing_note=billing_note,
            confidential=confidential,
        )

        billing_info.additional_properties = d
        return billing_info

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
